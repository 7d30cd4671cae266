"""Secure defaults: production refuses to start without a secret key; secure cookies."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
# Keys that pass the production checks; random-looking, and used nowhere else.
SECRET_KEY = "k7Qw-2vN9xLp4Rt8ZyB1mC6hJ3sD0fG5aE_uV7iO9nW2qK4rT6yP8lX"
AUDIT_KEY = "a9Zc3Vb7Nm1Lk5Jh8Gf2Ds4Qw6Er0Ty-Ui"
PRODUCTION = {
    "DJANGO_SECRET_KEY": SECRET_KEY,
    "ICMS_AUDIT_KEY": AUDIT_KEY,
    "DATABASE_URL": "sqlite://",
    "ICMS_EMAIL": "smtp",
}


def _run(code: str, **env) -> subprocess.CompletedProcess:
    # Only what the test gives: none of this process's DJANGO_*, DATABASE_URL, ... settings.
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TZ") if k in os.environ}
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run("print('started')")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_ops_2_production_refuses_to_start_without_an_audit_key():
    result = _run("print('started')", DJANGO_SECRET_KEY=SECRET_KEY, DATABASE_URL="sqlite://")
    assert result.returncode != 0
    assert "Set ICMS_AUDIT_KEY" in result.stderr


def test_production_has_secure_cookies_and_debug_off():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.PASSWORD_HASHERS[0].rsplit('.', 1)[1], "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, "
        "s.SECURE_PROXY_SSL_HEADER is not None)"
    )
    result = _run(code, **PRODUCTION)
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "Argon2PasswordHasher",
        "True",
        "True",
        "False",
    ]


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_nfr_5_embedded_default_needs_no_outside_service():
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.MAILERS['default']['BACKEND'], "
        "s.TASKS['default']['BACKEND'], s.CACHES['default']['BACKEND'])"
    )
    result = _run(code, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.mail.backends.filebased.EmailBackend",
        "django_tasks_db.backend.DatabaseBackend",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_nfr_5_production_services_come_from_the_environment():
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.MAILERS['default']['BACKEND'], "
        "s.MAILERS['default']['OPTIONS']['host'], s.CACHES['default']['BACKEND'])"
    )
    result = _run(
        code,
        DJANGO_SECRET_KEY=SECRET_KEY,
        ICMS_AUDIT_KEY=AUDIT_KEY,
        DATABASE_URL="postgres://icms@db.internal:5432/icms",
        ICMS_EMAIL="smtp",
        EMAIL_HOST="smtp.internal",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.internal",
        "django.core.cache.backends.redis.RedisCache",
    ]


# --- Production start (make serve) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "DJANGO_SECRET_KEY",
            "x",
            "DJANGO_SECRET_KEY is too short: use at least 50 random characters.",
        ),
        (
            "DJANGO_SECRET_KEY",
            "ab" * 40,
            "DJANGO_SECRET_KEY is too repetitive: use a random string",
        ),
        (
            "DJANGO_SECRET_KEY",
            "django-insecure-" + SECRET_KEY,
            "DJANGO_SECRET_KEY is Django's placeholder: use a random string.",
        ),
        ("ICMS_AUDIT_KEY", "short-audit-key", "ICMS_AUDIT_KEY is too short"),
        ("ICMS_AUDIT_KEY", "0123456789" * 4, "ICMS_AUDIT_KEY is too repetitive"),
    ],
)
def test_production_refuses_a_weak_secret(name, value, message):
    result = _run("print('started')", **{**PRODUCTION, name: value})
    assert result.returncode != 0
    assert message in result.stderr
    assert "started" not in result.stdout


@pytest.mark.parametrize("kind", ["file", "console"])
def test_production_refuses_to_keep_emails_on_the_server(kind):
    """Activation codes written to var/mail/ would reach no one and sit there in plain text."""
    result = _run("print('started')", **{**PRODUCTION, "ICMS_EMAIL": kind})
    assert result.returncode != 0
    assert "Set ICMS_EMAIL=smtp and EMAIL_HOST" in result.stderr
    default = {k: v for k, v in PRODUCTION.items() if k != "ICMS_EMAIL"}
    assert "Set ICMS_EMAIL=smtp" in _run("print('started')", **default).stderr


def test_a_staging_machine_may_keep_emails_in_files_when_it_says_so():
    code = "from django.conf import settings as s; print(s.MAILERS['default']['BACKEND'])"
    result = _run(code, **{**PRODUCTION, "ICMS_EMAIL": "file", "ICMS_STAGING": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.mail.backends.filebased.EmailBackend"]


def test_production_settings_pass_the_deployment_checks():
    """security.W009 and the others: none left but those silenced with their reason (on this
    SQLite database, also the covering indexes it cannot keep, models.W040: the lists' index of
    hearings, and the documents' newest-first index, which Django reports once for each of the
    documents' three indexes)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings", **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (7 silenced)."


def test_serve_refuses_developer_mode():
    result = subprocess.run(
        [sys.executable, "-m", "config.serve"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "DJANGO_DEBUG": "1", "DATABASE_URL": "sqlite://"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "make serve is the production start: unset DJANGO_DEBUG" in result.stderr


@pytest.mark.django_db
def test_healthz_answers_without_login_outside_the_language_prefix(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")
    with translation.override("zh-hant"):
        assert reverse("healthz") == "/healthz"


def test_auth_6_the_servers_access_log_writes_no_token_of_a_path_or_its_referer(capsys):
    """The application server's access log (stdout, `make serve`) writes every request's line
    and the page it came from: the secret links (payment, inspection, calendar, an applicant's
    status page) were written there whole, on every use, where Django's own log hides them."""
    import datetime
    from types import SimpleNamespace

    from gunicorn.config import Config

    from config import serve

    arguments = serve.gunicorn_arguments()
    config = Config()
    parsed = config.parser().parse_args(arguments[1:])
    for key, value in vars(parsed).items():
        if value is not None and key != "args":
            config.set(key.lower(), value)
    logger = config.logger_class(config)
    token, status_token = "T0KEN-OF-A-PAYMENT-LINK", "STATUS-TOKEN-OF-AN-APPLICANT"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/payments/p/{token}/?x=1",
        "PATH_INFO": f"/payments/p/{token}/",
        "QUERY_STRING": "x=1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.7",
        "HTTP_REFERER": f"https://icms.example/zh-hant/apply/status/{status_token}/",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    logger.access(response, request, environ, datetime.timedelta(seconds=0))
    written = capsys.readouterr().out
    assert '"GET /payments/p/…/?x=1 HTTP/1.1" 200' in written
    assert "/apply/status/…" in written
    assert token not in written and status_token not in written
