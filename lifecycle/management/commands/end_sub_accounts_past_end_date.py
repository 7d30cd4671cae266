from django.core.management.base import BaseCommand

from lifecycle.services import sub_accounts_end_past_end_date


class Command(BaseCommand):
    help = (
        "ORG-5: record that SA and OU accounts past their effective end date can no longer be used."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(sub_accounts_end_past_end_date()))
