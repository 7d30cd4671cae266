from django.core.management.base import BaseCommand

from lifecycle.services import password_change_reminders_send


class Command(BaseCommand):
    help = "AUTH-6: put password change reminders in the Message Box of holders with old passwords."

    def handle(self, *args, **options):
        self.stdout.write(str(password_change_reminders_send()))
