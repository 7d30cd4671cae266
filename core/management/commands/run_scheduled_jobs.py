import time
from datetime import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.scheduler import run_due_jobs


class Command(BaseCommand):
    help = "Run the daily jobs that are due today and have not run yet (--loop: keep checking)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="check every minute until stopped")
        parser.add_argument(
            "--now",
            type=datetime.fromisoformat,
            help="check as if the Hong Kong clock said this (YYYY-MM-DDTHH:MM), e.g. to run a "
            "day missed while no scheduler ran",
        )

    def handle(self, *args, loop=False, now=None, **options):
        if now is not None and timezone.is_naive(now):
            now = timezone.make_aware(now)
        while True:
            for name, result in run_due_jobs(now).items():
                self.stdout.write(f"{name}: {result}")
            if not loop:
                return
            time.sleep(60)
