from django.core.management.base import BaseCommand

from lifecycle.services import accounts_deactivate_after_final_disposal


class Command(BaseCommand):
    help = (
        "LIFE-3: send de-activation notices, and de-activate IU accounts three months after "
        "the final disposal of their last e-proceeding."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(accounts_deactivate_after_final_disposal()))
