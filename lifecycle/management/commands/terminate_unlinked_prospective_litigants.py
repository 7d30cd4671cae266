from django.core.management.base import BaseCommand

from lifecycle.services import prospective_litigants_terminate_unlinked


class Command(BaseCommand):
    help = (
        "LIFE-4: terminate prospective litigants' IU accounts linked to no e-proceeding after "
        "their filing deadline."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(prospective_litigants_terminate_unlinked()))
