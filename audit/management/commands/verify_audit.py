from django.core.management.base import BaseCommand, CommandError

from audit.services import audit_verify


class Command(BaseCommand):
    help = "Check the hash chain of the audit trail; report the first broken link or ok."

    def handle(self, *args, **options):
        ok, message = audit_verify()
        if not ok:
            raise CommandError(f"broken: {message}")
        self.stdout.write(message)
