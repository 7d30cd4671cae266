"""Settings for the test suite: the real settings with a throwaway key."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-key-not-for-any-deployment-0123456789abcdef")
os.environ.setdefault("DATABASE_URL", "sqlite://")

from config.settings import *  # noqa: E402,F403

# The test runner swaps every mailer for locmem: tests read django.core.mail.outbox.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
