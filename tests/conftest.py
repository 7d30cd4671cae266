import socket
from contextlib import contextmanager
from functools import cache
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.core import mail
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from accounts.services import second_factor_required
from permissions.roles import Role
from tests.factories import StaffFactory, UserFactory, authenticator_of
from tests.local_gateway import local_gateway  # noqa: F401 - the local payment gateway's fixture
from tests.object_store import documents_bucket, every_test_on_a_bucket, s3_endpoint  # noqa: F401


class PortalClient(Client):
    """`force_login` gives court staff what the login page gives them only after their
    one-time code (OPS-1): a session verified by their authenticator, as django-otp records
    it. A plain django.test.Client's forced staff session has no second factor, and the
    portal ends it."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if second_factor_required(user):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = authenticator_of(user).persistent_id
            session.save()


@pytest.fixture
def client():
    return PortalClient()


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    if every_test_on_a_bucket() and "documents_bucket" not in request.fixturenames:
        request.getfixturevalue("documents_bucket")


# The rows the migrations leave (content types, permissions, and the court levels, proceeding
# types, implementation notices, document types and file limits of the seed migrations), read
# once per session.
_AS_MIGRATED = pytest.StashKey[list]()


_DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


def _asks_for_the_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(scope="session", autouse=True)
def _as_migrated(request, django_db_setup, django_db_blocker):
    from django.apps import apps
    from django.db import connection

    if not any(_asks_for_the_database(item) for item in request.session.items):
        # pytest-django sets up no test database for a run none of whose tests asks for one
        # (`-k` choosing only the catalogue's checks): there is nothing to read, and the
        # connection names the configured database, not a test one.
        request.config.stash[_AS_MIGRATED] = []
        yield
        return
    with django_db_blocker.unblock():
        request.config.stash[_AS_MIGRATED] = [
            (model, list(model._base_manager.order_by("pk")))
            for model in apps.get_models(include_auto_created=True)
            if not model._meta.proxy and model._base_manager.exists()
        ]
    yield
    # Before the test database is dropped: a live server's last request, or a server process
    # ending, can still hold a session on PostgreSQL for a moment, and the drop then fails
    # ("being accessed by other users"), leaving the database for the next run to clobber.
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


def _restore_as_migrated(rows) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    if ContentType.objects.exists():
        return  # not emptied: the test was skipped before its database was set up
    with transaction.atomic():  # foreign keys are checked at commit
        for model, objects in rows:
            model._base_manager.bulk_create(objects)
    ContentType.objects.clear_cache()


@contextmanager
def _emptied_by_delete():
    """On PostgreSQL, as a superuser: the tables are emptied by DELETE, all in one statement
    with the foreign-key triggers off (every row goes, so none is left dangling). Django's
    TRUNCATE of every table makes new files for each table and index, most of them empty
    already: it was most of a transactional test's teardown on PostgreSQL."""
    from django.db import connection

    if connection.vendor != "postgresql" or not _is_superuser():
        yield
        return
    truncate = connection.ops.sql_flush

    def sql_flush(style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        deletes = " ".join(f"DELETE FROM {connection.ops.quote_name(t)};" for t in tables)
        return [
            "DO $$ BEGIN PERFORM set_config('session_replication_role', 'replica', true); "
            f"{deletes} END $$;"
        ]

    with mock.patch.object(connection.ops, "sql_flush", sql_flush):
        yield


@cache  # the suite's database user does not change during a session
def _is_superuser() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT usesuper FROM pg_user WHERE usename = current_user")
        return cursor.fetchone()[0]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (live server, parallel requests, emails sent on commit) ends by
    emptying every table, the migrations' rows with them. Django would then rebuild the
    content types and permissions (its post_migrate signal: most of the time such a test
    takes) and the seed migrations' rows would be missing; instead, the rows read once after
    migrating are put back as they were, so the next test finds the database as the
    migrations left it. On PostgreSQL the emptying is by DELETE (`_emptied_by_delete`)."""
    marker = item.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or {
        "transactional_db",
        "live_server",
    } & set(item.fixturenames)
    if not transactional:
        return (yield)
    with (
        mock.patch("django.core.management.commands.flush.emit_post_migrate_signal"),
        _emptied_by_delete(),
    ):
        result = yield
    if nextitem is not None:  # after the last test the database is gone
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _restore_as_migrated(item.config.stash[_AS_MIGRATED])
    return result


@pytest.fixture(autouse=True)
def _default_language():
    """A page request leaves its language active in the test's thread; every test starts
    from the default language, whatever the test before it asked for."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Every test starts with unused rate limits (they live in the cache)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def vetting_officer(db):
    return StaffFactory(role=Role.VETTING, login_name="vet1")


@pytest.fixture
def help_centre_officer(db):
    return StaffFactory(role=Role.HELP_CENTRE, login_name="hc1")


@pytest.fixture
def registry_clerk(db):
    return StaffFactory(role=Role.REGISTRY, login_name="reg1")


@pytest.fixture
def system_admin(db):
    return StaffFactory(role=Role.SYSTEM_ADMIN, login_name="admin1", is_superuser=True)


@pytest.fixture
def iu_holder(db):
    return UserFactory()


@pytest.fixture
def outbox():
    """Emails sent so far (locmem backend); cleared at the start of each test by Django."""
    return mail.outbox


def emails_to(address):
    return [m for m in mail.outbox if address in m.to]


class _Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback: (controller, inbox), inbox.messages as received."""
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()
