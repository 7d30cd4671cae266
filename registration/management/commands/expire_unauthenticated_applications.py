from django.core.management.base import BaseCommand

from registration.services import applications_expire_unauthenticated


class Command(BaseCommand):
    help = "IDA-3: reject applications whose 30 days for identity authentication have passed."

    def handle(self, *args, **options):
        count = applications_expire_unauthenticated()
        self.stdout.write(f"{count} application(s) regarded as rejected")
