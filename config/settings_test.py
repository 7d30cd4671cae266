"""Settings for the test suite: the real settings with a throwaway key."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-key-not-for-any-deployment-0123456789abcdef")
os.environ.setdefault("DATABASE_URL", "sqlite://")
# Each test server thread closes its connection after each request, so that no connection
# outlives the test database.
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "0")
os.environ.setdefault("ICMS_AUDIT_KEY", "test-only-audit-key-0123456789abcdef")
# The test runner swaps every mailer for locmem; this only lets the settings load.
os.environ.setdefault("ICMS_EMAIL", "smtp")
# Ordinary tests run each task where it is enqueued; tests/test_worker.py starts real workers
# on the database queue (and on Redis) in processes of their own.
os.environ.setdefault("TASKS_BACKEND", "immediate")
# SVC-4: the local payment gateway's key and webhook secret (tests/test_payment_gateway.py
# starts it in a process of its own with these settings).
os.environ.setdefault("PAYMENT_GATEWAY_API_KEY", "test-only-gateway-key")
os.environ.setdefault("PAYMENT_GATEWAY_WEBHOOK_SECRET", "test-only-gateway-webhook-secret")

from django.contrib.auth.hashers import Argon2PasswordHasher  # noqa: E402

from config.settings import *  # noqa: E402,F403


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 64
    parallelism = 1


# The test runner swaps every mailer for locmem: tests read django.core.mail.outbox.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The test servers speak plain HTTP on loopback.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0

# Argon2id still, as in production (AUTH-6), at the smallest cost it accepts: the suite makes
# and checks thousands of passwords, and production's cost (a third of a second each on the
# test machine) would spend most of its time there. tests/test_settings.py checks production's.
PASSWORD_HASHERS = [
    "config.settings_test.QuickArgon2PasswordHasher",
    *PASSWORD_HASHERS,  # noqa: F405
]
