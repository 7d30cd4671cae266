"""`make bench-digest`: the day-end digest (MSG-2) for many accounts, each with one unread
message, in a database of its own: the time to owe the reminders, and the time to hand them
over, one SMTP transaction each over one connection, to a mail sink on loopback (aiosmtpd's
Sink in a process of its own, which accepts and discards)."""

import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from accounts.models import AccountStatus, User
from messaging.digest import reminders_owe
from messaging.models import Message, MessageKind, NotificationEmail
from messaging.services import owed_emails_send
from permissions.roles import Role

PREFIX = "bench-digest-"


class Command(BaseCommand):
    help = "Time the day-end digest for --accounts accounts with unread messages (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--accounts", type=int, default=100_000)

    def handle(self, *args, accounts, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Run it on PostgreSQL (make bench-digest).")
        self.seed(accounts)
        NotificationEmail.objects.filter(recipient__login_name__startswith=PREFIX).delete()
        with connection.cursor() as cursor:
            # The statistics autovacuum keeps in production; rows just bulk-loaded have none,
            # and without them the planner reads every unread message for each batch.
            cursor.execute("ANALYZE")
        port = self.free_port()
        sink = subprocess.Popen(  # noqa: S603 (our own interpreter, fixed arguments)
            [
                sys.executable,
                "-m",
                "aiosmtpd",
                "-n",
                "-c",
                "aiosmtpd.handlers.Sink",
                "-l",
                f"127.0.0.1:{port}",
            ]  # fmt: skip
        )
        try:
            self.wait_for(port)
            settings.MAILERS = {
                "default": {
                    "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                    "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 30},
                }
            }
            day = timezone.localdate()
            started = time.perf_counter()
            owed = reminders_owe(day=day)
            built = time.perf_counter()
            sent = owed_emails_send()
            handed = time.perf_counter()
        finally:
            sink.terminate()
            sink.wait()
        build_s, send_s = built - started, handed - built
        self.stdout.write(
            f"Day-end digest, {accounts:,} accounts with unread messages (PostgreSQL):\n"
            f"  reminders owed: {owed:,} in {build_s:.1f} s\n"
            f"  handed over to the SMTP sink on loopback: {sent:,} in {send_s:.1f} s "
            f"({sent / send_s:,.0f} emails/s)\n"
            f"  total: {build_s + send_s:.1f} s"
        )

    def seed(self, accounts: int) -> None:
        have = User.objects.filter(login_name__startswith=PREFIX).count()
        if have < accounts:
            self.stdout.write(f"Seeding {accounts - have:,} accounts with an unread message...")
            for start in range(have, accounts, 5000):
                users = User.objects.bulk_create(
                    User(
                        login_name=f"{PREFIX}{n}",
                        role=Role.IU,
                        status=AccountStatus.ACTIVE,
                        surname="Chan",
                        given_name="Bench",
                        email=f"bench{n}@example.com",
                        id_document_type="HKID",
                        id_document_number=f"B{n:07d}",
                    )
                    for n in range(start, min(start + 5000, accounts))
                )
                Message.objects.bulk_create(
                    Message(recipient=user, kind=MessageKind.NOTICE, subject="A notice", body=".")
                    for user in users
                )
        Message.objects.filter(recipient__login_name__startswith=PREFIX).update(read_at=None)

    @staticmethod
    def free_port() -> int:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    @staticmethod
    def wait_for(port: int) -> None:
        for _attempt in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise CommandError("The SMTP sink did not start.")
