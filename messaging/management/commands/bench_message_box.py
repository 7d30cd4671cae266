"""How long the first page of an account's Message Box takes with 100 and with 100,000
messages (MSG-1): seeded in bulk inside PostgreSQL, then measured through the real page view,
rendering included."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client

from accounts.models import AccountStatus, User
from core.benchmarks import figures_write, time_in_turns
from messaging.models import Message
from messaging.selectors import MESSAGE_BOX_PAGE_SIZE, message_box_query
from permissions.roles import Role

# Other accounts' messages beside the measured one's, so that the table is not the account's
# alone: this many per size, spread over OTHER_ACCOUNTS accounts.
OTHER_ACCOUNTS = 50


class Command(BaseCommand):
    help = (
        "Seed, for each size, an individual user with N messages (1 in 10 unread, 1 in 3 a "
        "case message) among as many messages of 50 other accounts, then measure that "
        "account's first page of the Message Box (GET /messages/ through the page view, "
        "rendering included) and print p50 and p95. PostgreSQL only; seeded accounts are kept "
        "and reused on the next run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes", type=int, nargs="+", default=[100, 100_000], help="Messages per account."
        )
        parser.add_argument("--runs", type=int, default=200, help="Measured requests per size.")
        parser.add_argument("--warm-up", type=int, default=10, help="Requests not measured.")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "This benchmark needs PostgreSQL (DATABASE_URL=postgres://...): it seeds with "
                "INSERT ... SELECT generate_series and measures the indexes the portal runs on "
                "in production. SQLite is not measured."
            )
        if options["runs"] < 1 or any(
            size < MESSAGE_BOX_PAGE_SIZE + 1 for size in options["sizes"]
        ):
            raise CommandError(
                f"--runs must be at least 1 and each size at least {MESSAGE_BOX_PAGE_SIZE + 1}."
            )
        runs, warm_up = options["runs"], options["warm_up"]
        clients = {}
        for size in options["sizes"]:
            account = self._seeded(size)
            self._show_plan(size, account)
            clients[size] = Client(HTTP_HOST="localhost")
            clients[size].force_login(account)
        figures = time_in_turns(clients, self._time_first_page, runs=runs, warm_up=warm_up)
        figures_write(
            self.stdout.write,
            figures,
            unit="messages",
            what=f"{runs} runs of GET /messages/ as the account, after {warm_up} to warm up",
        )

    # --- seeding ---------------------------------------------------------------------------------

    def _seeded(self, size: int) -> User:
        login_name = f"benchmb{size}"
        account = User.objects.filter(login_name=login_name).first()
        if account is not None:
            if Message.objects.filter(recipient=account).count() == size:
                self.stdout.write(f"{size:,} messages: using the account seeded before")
                return account
            raise CommandError(f'"{login_name}" exists with other messages: use a fresh database.')
        started = time.perf_counter()
        with transaction.atomic():
            account = self._account(login_name)
            others = [self._account(f"{login_name}x{i:02d}") for i in range(OTHER_ACCOUNTS)]
            self._seed_messages([account.pk], size)
            self._seed_messages([other.pk for other in others], size)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Message._meta.db_table}")  # noqa: S608
        self.stdout.write(f"{size:,} messages: seeded in {time.perf_counter() - started:.1f} s")
        return account

    def _account(self, login_name) -> User:
        account = User(
            login_name=login_name,
            role=Role.IU,
            status=AccountStatus.ACTIVE,
            surname="Bench",
            given_name=login_name,
            email=f"{login_name}@bench.invalid",
            # One live IU account per identity document: a made-up one of its own each.
            id_document_type="PASSPORT",
            id_document_number=f"BENCH-{login_name}",
        )
        account.set_unusable_password()
        account.save()
        return account

    def _seed_messages(self, recipient_ids: list[int], size: int) -> None:
        """`size` messages spread over `recipient_ids`, one a minute back from now, every tenth
        unread; iCMS notices only (a case message needs a case; the list reads alike)."""
        table = Message._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (recipient_id, kind, case_id, subject, body, "  # noqa: S608
                "sent_at, sent_by_id, read_at) "
                "SELECT (%s::bigint[])[(g %% %s) + 1], 'NOTICE', NULL, "
                "'Notice ' || g, 'The text of notice ' || g || '.', "
                "now() - (%s - g) * interval '1 minute', NULL, "
                "CASE WHEN g %% 10 = 0 THEN NULL ELSE now() END "
                "FROM generate_series(0, %s - 1) AS g",
                [recipient_ids, len(recipient_ids), size, size],
            )

    # --- measuring -------------------------------------------------------------------------------

    def _show_plan(self, size: int, account) -> None:
        rows = message_box_query(actor=account)[: MESSAGE_BOX_PAGE_SIZE + 1]
        self.stdout.write(f"{size:,} messages: the plan of the first page")
        for line in rows.explain(analyze=True).splitlines():
            self.stdout.write(f"    {line}")

    def _time_first_page(self, client) -> float:
        started = time.perf_counter()
        response = client.get("/messages/")
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200 or b'rel="next"' not in response.content:
            raise CommandError(f"GET /messages/ answered {response.status_code}, not a full page")
        return elapsed
