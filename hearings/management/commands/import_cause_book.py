"""Import a CSV file of hearings into the Cause Book (SVC-3), as the registry's import page
does: `manage.py import_cause_book hearings.csv --as <registry clerk's login name>`. The
format is in docs/decisions.md; a file with any bad line is refused whole, each bad line
named; importing the same file again changes nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError, ValidationFailed
from hearings.services import IMPORT_MAX_BYTES, cause_book_import


class Command(BaseCommand):
    help = "Import a CSV file of hearings into the Cause Book (refused whole if any line is bad)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8).")
        parser.add_argument(
            "--as",
            dest="login_name",
            required=True,
            help="The login name of the registry clerk the import is recorded under.",
        )

    def handle(self, *args, file, login_name, **options):
        actor = get_user_model().objects.filter(login_name=login_name).first()
        if actor is None:
            raise CommandError(f"No account has the login name {login_name}.")
        path = Path(file)
        try:
            with path.open("rb") as handle:
                data = handle.read(IMPORT_MAX_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from None
        try:
            record = cause_book_import(actor=actor, data=data, file_name=path.name)
        except ValidationFailed as exc:
            for messages in exc.errors.values():
                for message in messages:
                    self.stderr.write(str(message))
            raise CommandError(str(exc.message)) from None
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(
            f"{record.rows} hearings read: {record.created} listed, {record.updated} corrected, "
            f"{record.unchanged} as they were."
        )
