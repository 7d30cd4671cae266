from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from messaging.digest import message_box_reminders_send


class Command(BaseCommand):
    help = (
        "The day-end reminder of unread messages (MSG-2; weekly choices on Fridays, BEY-6), in "
        "this process: owe one reminder per account with unread messages, then send the emails "
        "owed. Running it again the same day sends nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=date.fromisoformat, help="the Hong Kong day (default: today)"
        )

    def handle(self, *args, date=None, **options):
        result = message_box_reminders_send(day=date or timezone.localdate())
        self.stdout.write(f"Reminders owed: {result['owed']}; emails sent: {result['sent']}")
