"""Secure defaults: production refuses to start without a secret key; secure cookies."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
    result = _run("print('started')", DJANGO_SECRET_KEY="x" * 50, DATABASE_URL="sqlite://")
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
    result = _run(
        code, DJANGO_SECRET_KEY="x" * 50, ICMS_AUDIT_KEY="y" * 50, DATABASE_URL="sqlite://"
    )
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
        "django.tasks.backends.immediate.ImmediateBackend",
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
        DJANGO_SECRET_KEY="x" * 50,
        ICMS_AUDIT_KEY="y" * 50,
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
