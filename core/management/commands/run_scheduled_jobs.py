import time

from django.core.management.base import BaseCommand

from core.scheduler import run_due_jobs


class Command(BaseCommand):
    help = "Run the daily jobs that are due today and have not run yet (--loop: keep checking)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="check every minute until stopped")

    def handle(self, *args, loop=False, **options):
        while True:
            for name, result in run_due_jobs().items():
                self.stdout.write(f"{name}: {result}")
            if not loop:
                return
            time.sleep(60)
