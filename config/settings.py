"""iCMS settings. Everything that differs between machines comes from the environment.

Variables: DJANGO_DEBUG, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, ICMS_EMAIL,
ICMS_STAGING, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
DEFAULT_FROM_EMAIL, ICMS_STORAGE, ICMS_S3_*, ICMS_MEDIA_ROOT, ICMS_MAIL_DIR, ICMS_STATIC_ROOT,
ICMS_SITE_URL, TASKS_BACKEND, LOG_LEVEL (README, "Configuration" and "Production").
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.secrets_policy import weakness
from config.storage import documents_storage
from core import policy

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 on a developer machine)."
        )
    # A developer machine keeps one random key in var/, never in the repository.
    VAR_DIR.mkdir(exist_ok=True)
    key_file = VAR_DIR / "dev_secret_key"
    if not key_file.exists():
        import secrets

        key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = key_file.read_text().strip()

# OPS-2: the audit chain is keyed, so that someone who can write to the database but does not
# hold this key cannot rewrite records and their hashes. Kept apart from DJANGO_SECRET_KEY so
# that rotating that key does not break the verification of old records.
AUDIT_CHAIN_KEY = os.environ.get("ICMS_AUDIT_KEY", "")
if not AUDIT_CHAIN_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set ICMS_AUDIT_KEY (a long random string, kept safe).")
    AUDIT_CHAIN_KEY = "developer-machine:" + SECRET_KEY
if not DEBUG:
    # A short or repetitive key can be guessed, and with it sessions, reset links and audit
    # hashes forged: refuse to start rather than run with one.
    for _name, _value in (("DJANGO_SECRET_KEY", SECRET_KEY), ("ICMS_AUDIT_KEY", AUDIT_CHAIN_KEY)):
        if _problem := weakness(_name, _value):
            raise ImproperlyConfigured(_problem)

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
SITE_URL = os.environ.get("ICMS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# SVC-4: the payment gateway (payments.gateways). By default the local gateway of
# `manage.py run_local_gateway` on loopback; a real provider of hosted payment pages by
# setting its address, API key and webhook secret. Without a webhook secret no event verifies.
PAYMENT_GATEWAY = {
    "NAME": os.environ.get("PAYMENT_GATEWAY_NAME", "local"),
    "CLASS": os.environ.get("PAYMENT_GATEWAY_CLASS", "payments.gateways.hosted.HostedPageGateway"),
    "API_BASE": os.environ.get("PAYMENT_GATEWAY_API_BASE", "http://127.0.0.1:8090"),
    # Where its payment pages are, if not at the API's address: forms may go there (CSP).
    "PAGE_ORIGIN": os.environ.get(
        "PAYMENT_GATEWAY_PAGE_ORIGIN",
        os.environ.get("PAYMENT_GATEWAY_API_BASE", "http://127.0.0.1:8090"),
    ),
    "API_KEY": os.environ.get("PAYMENT_GATEWAY_API_KEY", "local-gateway-key" if DEBUG else ""),
    "WEBHOOK_SECRET": os.environ.get(
        "PAYMENT_GATEWAY_WEBHOOK_SECRET", "local-gateway-webhook-secret" if DEBUG else ""
    ),
    # How old (or how far ahead) a signed event may be and still be read.
    "TOLERANCE_SECONDS": int(os.environ.get("PAYMENT_GATEWAY_TOLERANCE_SECONDS", "300")),
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # numbers as words in messages ("five"), in both languages
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_htmx",
    "core",
    "audit",
    "accounts",
    "organizations",
    "notifications",
    "cases",
    "messaging",
    "documents",
    "payments",
    "hearings",
    "filing",
    "translations",
    "inspection",
    "lifecycle",
    "registration",
    "backoffice",
    "public_site",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # HEAD as GET without the body, for every view and middleware below.
    "core.middleware.HeadAsGetMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers for one reader (logged in, or at a secret link) are never stored by any cache.
    "core.middleware.PrivateAnswersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.ApiLanguageMiddleware",
    "core.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view or view middleware reads the body (CsrfViewMiddleware reads it then).
    "core.middleware.RequestSizeLimitMiddleware",
    # OPS-1: which authenticator verified the session (request.user.is_verified()); then a
    # court officer's session without it is ended, whatever door made it.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # An id too large for any table is "not found" (its process_exception).
    "core.middleware.OutOfRangeIdMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes requirement).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'icms.sqlite3'}"),
        # A connection kept by each server process for a minute and checked before reuse:
        # opened per request, it cost a public page half its throughput (docs/decisions.md,
        # "Benchmark of the public services"). 0 opens one per request.
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE: a transaction takes the write lock when it starts, so check-then-insert
    # rules (REG-5) cannot interleave on SQLite.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
    if DATABASES["default"]["NAME"] != ":memory:" and DATABASES["default"]["NAME"]:
        VAR_DIR.mkdir(exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Statements the portal asks to prepare (core.db.fetch_one_prepared: the DRN check) are
    # prepared on the server; Django's own cursors bind on the client and prepare nothing.
    # DATABASE_PREPARED_STATEMENTS=0 behind a pooler that cannot keep them (PgBouncer before
    # 1.21 in transaction mode).
    if os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") != "0":
        DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts, passwords, lockout -----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.AccountBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# OPS-1: court staff's second factor, a time-based one-time code (django-otp's TOTP). The
# name the authenticator app shows beside the login name. django-otp's own back-off between
# codes is off: AUTH-3 is the one lockout, and it counts wrong codes with wrong passwords
# (accounts.services.second_factor; docs/decisions.md, "Staff second factor").
OTP_TOTP_ISSUER = "iCMS e-Courts"
OTP_TOTP_THROTTLE_FACTOR = 0

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "public:home"

# AUTH-3: consecutive failures lock the login name until a while after the last counted
# failure (core/policy.py says how many and how long). accounts/lockout.py says how django-axes
# is made to count exactly that.
AXES_HANDLER = "accounts.lockout.ConsecutiveFailuresHandler"
AXES_FAILURE_LIMIT = policy.LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = "accounts.lockout.cool_off"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "login_name"
AXES_USERNAME_CALLABLE = "accounts.lockout.login_name_of"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out_response"
AXES_ENABLE_ADMIN = True
AXES_VERBOSE = False
# axes keeps the form data of a failed login with these values masked (passwords always).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "one_time_code"]
# axes warns that locking by login name alone lets an attacker rotate addresses; AUTH-3 locks
# the account, whatever the address, which is what that warning is about. Per-address
# throttling on top (BEY-4) is ours: core.ratelimit.login_failure_count, in the cache.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite keeps the lists' indexes without their included columns, which only PostgreSQL's
    # index-only scans read (hearings.Hearing, documents.CaseDocument).
    SILENCED_SYSTEM_CHECKS += ["models.W040"]

# --- Sessions and security -------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads it for its headers
X_FRAME_OPTIONS = "DENY"
# Scripts and styles only from our own static files: no inline code anywhere in the pages.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    # HSTS for every subdomain (W005), and the browsers' preload list (W021), bind the whole
    # domain the portal is one host of: its owner turns them on with the variables above, the
    # portal does not decide it for the other hosts. Off, they are a decision, not an oversight.
    SILENCED_SYSTEM_CHECKS += ["security.W005", "security.W021"]
    if env_bool("DJANGO_TRUST_PROXY_HEADER"):
        # Only behind a proxy that sets this header itself and strips it from clients.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def _networks(text: str) -> list:
    """The networks of a list such as "127.0.0.1, 10.0.0.0/8", read as gunicorn's
    --forwarded-allow-ips reads it ("*": any address)."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if "*" in parts:
        return [ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0")]
    return [ipaddress.ip_network(part, strict=False) for part in parts]


# The portal's own proxies (ICMS_PROXY_IPS, as `make serve` gives gunicorn), trusted with
# DJANGO_TRUST_PROXY_HEADER: behind them every request's REMOTE_ADDR is the proxy's, and the
# limits per client address read the address the proxy saw from X-Forwarded-For
# (core.ratelimit.client_address). Without them the header is never read.
TRUSTED_PROXIES = (
    _networks(os.environ.get("ICMS_PROXY_IPS", "127.0.0.1"))
    if env_bool("DJANGO_TRUST_PROXY_HEADER")
    else []
)
# The load balancer's health check asks over plain HTTP, inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Languages (NFR-1) --------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hant", _("Traditional Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Hong_Kong"

# --- Files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("ICMS_STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it even before collectstatic
MEDIA_ROOT = Path(os.environ.get("ICMS_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # Documents are never served publicly: only through permission-checked views. In a folder
    # (MEDIA_ROOT) or an S3-compatible bucket, by ICMS_STORAGE (config/storage.py).
    "default": documents_storage(os.environ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Uploads are capped before they reach the disk (core/policy.py): more files than a request
# may carry are refused (400), and a body declared longer than policy.REQUEST_MAX_BYTES is
# refused (413) by core.middleware.RequestSizeLimitMiddleware before it is read.
DATA_UPLOAD_MAX_NUMBER_FILES = policy.MAX_FILES_PER_REQUEST
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Email --------------------------------------------------------------------------------
# ICMS_EMAIL: "file" (default: one file per message in ICMS_MAIL_DIR), "console" or "smtp".
_EMAIL_BACKENDS = {
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_email_kind = os.environ.get("ICMS_EMAIL", "file")
if _email_kind not in _EMAIL_BACKENDS:
    raise ImproperlyConfigured(f"ICMS_EMAIL must be one of {', '.join(_EMAIL_BACKENDS)}.")
# Production sends activation codes and Change Tokens: written to files or the console they
# would reach no one and sit in plain text on the server. Only a staging machine, said so with
# ICMS_STAGING=1, may keep them there.
if not DEBUG and _email_kind != "smtp" and not env_bool("ICMS_STAGING"):
    raise ImproperlyConfigured(
        "Set ICMS_EMAIL=smtp and EMAIL_HOST: production sends its emails through SMTP "
        "(ICMS_STAGING=1 allows ICMS_EMAIL=file or console on a staging machine)."
    )
_email_options = {
    "file": {"file_path": os.environ.get("ICMS_MAIL_DIR", str(VAR_DIR / "mail"))},
    "console": {},
    "smtp": {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS"),
        "timeout": 30,
    },
}[_email_kind]
MAILERS = {"default": {"BACKEND": _EMAIL_BACKENDS[_email_kind], "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "iCMS e-Courts <no-reply@ecourts.example>"
)

# --- Background jobs ------------------------------------------------------------------------
# TASKS_BACKEND: "db" (default: a queue in the portal's own database, worked by
# `manage.py run_worker`), "rq" (Redis through RQ, at REDIS_URL, for scale) or "immediate"
# (in the process that enqueues, nothing to run beside it). README, "Configuration";
# docs/decisions.md, "Background worker and scheduler".
_TASK_BACKENDS = {
    "db": "django_tasks_db.backend.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND_NAME = os.environ.get("TASKS_BACKEND", "db")
if TASKS_BACKEND_NAME not in _TASK_BACKENDS and "." not in TASKS_BACKEND_NAME:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS.get(TASKS_BACKEND_NAME, TASKS_BACKEND_NAME)}}
INSTALLED_APPS.append("django_tasks_db")
if TASKS_BACKEND_NAME == "rq":
    if not os.environ.get("REDIS_URL"):
        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL.")
    INSTALLED_APPS.append("django_rq")
    TASKS["default"]["QUEUES"] = ["default"]
    RQ_QUEUES = {"default": {"URL": os.environ["REDIS_URL"], "DEFAULT_TIMEOUT": 3600}}

# --- Cache (rate limits count in it; their numbers are in core/policy.py) --------------------
_redis_url = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "permissions.checks.HasRequiredCapability",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["core.ratelimit.ScopeRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "iCMS e-Courts API",
    "DESCRIPTION": "Version 1 of the e-Courts portal API, for the own systems of law firms "
    "and departments.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for a choice set that several fields use (id_document_type, presented_...).
    "ENUM_NAME_OVERRIDES": {
        "IdentityDocumentTypeEnum": "accounts.models.IdentityDocumentType",
        # The fields called "channel", each with its own choices.
        "PaperApplicationChannelEnum": "registration.models.PAPER_CHANNEL_CHOICES",
        "ReplacementRequestChannelEnum": "registration.models.REPLACEMENT_CHANNEL_CHOICES",
        "TerminationRequestChannelEnum": "organizations.models.TerminationRequestChannel",
        "PasswordResetRequestChannelEnum": "accounts.services.passwords.RequestChannel",
        "LanguageEnum": "accounts.models.Language",
        # A case's parties (a registration application also names "not a party").
        "CasePartyTypeEnum": "cases.models.PartyType",
        "PaperNoticeChannelEnum": "cases.api.notices.PAPER_NOTICE_CHANNEL_CHOICES",
        # The fields called "status": a case's and a filing's.
        "CaseStatusEnum": "cases.models.CaseStatus",
        "FilingStatusEnum": "filing.models.FilingStatus",
        # SVC-6: the source's and the translation's language.
        "TranslationLanguageEnum": "translations.models.Language",
    },
    # The documentation page at /api/v1/docs/ is served from our own static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.describe_generated_components",
        "core.idempotency.document_idempotency_errors",
    ],
}

# --- Logging: never the request body, so no password, code or token reaches a log --------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"secret_paths": {"()": "core.logfilters.SecretPathFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # The tokens of secret links in the paths of refused requests (core/logfilters.py).
        "django.request": {"filters": ["secret_paths"]},
        "django.server": {"filters": ["secret_paths"]},
        "axes": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "INFO"},  # the worker's start and stop
        # Subsetting fonts into issued PDFs (documents.pdf) logs every glyph at INFO.
        "fontTools": {"level": "WARNING"},
    },
}
