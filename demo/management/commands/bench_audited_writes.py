"""Throughput of audited writes with many writers at once, with the chain head locked for the
whole transaction (the former behaviour) and with sealing after commit (the current one)."""

import threading
import time

from accounts.roles import Role
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction

from accounts.models import AccountStatus, User
from audit.services import audit_record, audit_seal, audit_verify

ACTION = "benchmark.account_touched"
LABEL = "benchmark"

MODES = {
    "before": "chain head locked from the audit write until commit, sealed inline",
    "after": "record written unsealed, sealed right after commit",
}


class Command(BaseCommand):
    help = (
        "Measure audited writes per second with parallel workers, before (chain head locked "
        "until commit) and after (sealing after commit); then verify the chain. Writes "
        f"audit records labelled '{LABEL}' against de-activated accounts named bench-wNN."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=16)
        parser.add_argument("--seconds", type=float, default=10.0, help="Per run.")
        parser.add_argument(
            "--work-ms",
            type=float,
            default=2.0,
            help="Sleep inside each transaction after the audit write, standing for the rest "
            "of a service's work there (e.g. rendering the email).",
        )
        parser.add_argument(
            "--allow-sqlite",
            action="store_true",
            help="Run on SQLite anyway (it admits one writer at a time, so it measures nothing).",
        )

    def handle(self, *args, **options):
        if connection.vendor == "sqlite" and not options["allow_sqlite"]:
            raise CommandError(
                "This benchmark needs PostgreSQL (DATABASE_URL=postgres://...): SQLite admits "
                "one writer at a time, so audited writes are serialized there whatever the "
                "audit trail does. Use --allow-sqlite to run it anyway."
            )
        workers, seconds, work = options["workers"], options["seconds"], options["work_ms"]
        accounts = [self._bench_account(index) for index in range(workers)]
        self.stdout.write(
            f"{workers} workers, {seconds:g} s per run, on {connection.vendor}. Each write, in "
            "one transaction: update the worker's own account row, audit_record(), then "
            f"sleep {work:g} ms (simulated work after the audit write)."
        )
        audit_seal()  # start both runs from a fully sealed trail
        figures = {}
        for mode, description in MODES.items():
            writes, elapsed = self._run(mode, accounts, seconds, work / 1000)
            figures[mode] = writes / elapsed
            self.stdout.write(
                f"{mode:<6} ({description}): {writes} writes in {elapsed:.1f} s = "
                f"{figures[mode]:.1f} writes/s"
            )
        if figures["before"]:
            self.stdout.write(f"speed-up: {figures['after'] / figures['before']:.1f}x")
        ok, message = audit_verify()
        self.stdout.write(f"verify_audit: {'ok' if ok else 'BROKEN'}: {message}")
        if not ok:
            raise CommandError(f"broken: {message}")

    def _bench_account(self, index: int) -> int:
        # De-activated, no usable password: an account no one can log in to, kept between
        # runs (accounts are never deleted) and named for what it is.
        login_name = f"bench-w{index:02d}"
        user = User.objects.filter(login_name=login_name).first()
        if user is None:
            user = User(
                login_name=login_name,
                role=Role.IU,
                status=AccountStatus.DEACTIVATED,
                surname="Benchmark",
                given_name=f"Worker {index:02d}",
                email=f"{login_name}@bench.invalid",
            )
            user.set_unusable_password()
            user.save()
        return user.pk

    def _run(self, mode: str, accounts: list[int], seconds: float, work: float):
        count = len(accounts)
        barrier = threading.Barrier(count + 1, timeout=60)
        writes = [0] * count
        errors = []

        def worker(index):
            try:
                barrier.wait()
                deadline = time.monotonic() + seconds
                while time.monotonic() < deadline:
                    self._audited_write(mode, accounts[index], writes[index], work)
                    writes[index] += 1
            except Exception as exc:  # reported below
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
        for thread in threads:
            thread.start()
        barrier.wait()
        started = time.monotonic()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        if errors:
            raise CommandError(f"{len(errors)} workers failed; first: {errors[0]!r}")
        return sum(writes), elapsed

    @staticmethod
    def _audited_write(mode: str, pk: int, n: int, work: float):
        with transaction.atomic():
            user = User.objects.select_for_update().get(pk=pk)
            before = {"address": user.address}
            user.address = f"benchmark write {n}"
            user.save(update_fields=["address"])
            audit_record(
                actor=None,
                actor_label=LABEL,
                action=ACTION,
                obj=user,
                before=before,
                after={"address": user.address},
            )
            if mode == "before":
                # As audit_record used to: lock the chain head at the audit write, chain the
                # record there, and keep the lock until this transaction commits.
                audit_seal()
            time.sleep(work)
