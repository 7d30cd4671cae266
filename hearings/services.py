"""The Cause Book's writes (SVC-3) and the holders' calendar addresses (BEY-6).

The registry lists, corrects and takes off hearings one by one or imports a file of them
(`cause_book_import`): every row is checked, and a file with any bad row is refused whole,
each bad row named by its line; a file imported twice changes nothing the second time (a
hearing is one case at one date, time and courtroom). Every change is audited. Bad input is
refused with nothing saved (`ValidationFailed`)."""

import csv
import datetime
import hashlib
import io
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from cases.models import Case, CourtLevel
from cases.numbers import normalize_case_number
from core.errors import NotFound, ValidationFailed
from core.wording import labelled
from hearings.models import (
    CalendarFeed,
    CauseBookImport,
    Hearing,
    HearingType,
    courtroom_number,
)
from hearings.tokens import new_token, token_hash
from permissions.roles import Capability, require

COURT_MAX = 100
COURTROOM_MAX = 50
JUDGE_MAX = 200
NOTES_MAX = 2000
# An import is a few days' lists of the courts, not the register: a larger file is a mistake.
IMPORT_MAX_BYTES = 2 * 1024 * 1024
IMPORT_MAX_ROWS = 5000
IMPORT_COLUMNS = [
    "date",
    "time",
    "court",
    "courtroom",
    "judge_en",
    "judge_zh",
    "case_number",
    "hearing_type",
    "public",
]
# What the `public` column may say; empty is "yes".
_YES = {"", "yes", "y", "true", "1", "public", "是"}
_NO = {"no", "n", "false", "0", "private", "否"}
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
# The fields a hearing is compared on, for the audit record and an import's "unchanged".
FIELDS = [
    "date",
    "start_time",
    "court",
    "courtroom",
    "judge_en",
    "judge_zh",
    "hearing_type",
    "public",
    "notes",
]


def _text(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _record(hearing: Hearing) -> dict:
    """A hearing as the audit trail keeps it: plain JSON values."""
    values = {field: getattr(hearing, field) for field in FIELDS}
    values["date"] = hearing.date.isoformat()
    values["start_time"] = hearing.start_time.strftime("%H:%M")
    values["case"] = hearing.case.number
    return values


def _parse_date(value):
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(_text(value))
    except ValueError:
        return None


def _parse_time(value):
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    match = _TIME.match(_text(value))
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


def _hearing_type(value) -> str | None:
    """A hearing type by its code (TRIAL, CMC) or its English name, in any letter case."""
    text = _text(value)
    for choice in HearingType:
        if text.upper() == choice.value or text.casefold() == str(choice.label).casefold():
            return choice.value
    return None


def _clean(values: dict, errors: dict, cases: dict | None = None, levels=None) -> dict:
    """Check one hearing's values; put what is wrong in `errors` (field -> messages). Returns
    the cleaned values, with the case found by its number (`cases` keeps the cases found, for
    the rows of one file)."""
    cleaned: dict = {}
    date = _parse_date(values.get("date"))
    if date is None:
        errors["date"] = [_("Enter the date as YYYY-MM-DD, e.g. 2026-03-02.")]
    cleaned["date"] = date
    start_time = _parse_time(values.get("start_time"))
    if start_time is None:
        errors["start_time"] = [_("Enter the time as HH:MM on the 24-hour clock, e.g. 09:30.")]
    cleaned["start_time"] = start_time
    for field, limit, required, message in (
        ("court", COURT_MAX, True, _("Enter the court, e.g. District Court.")),
        ("courtroom", COURTROOM_MAX, True, _("Enter the courtroom, e.g. Court 23.")),
        ("judge_en", JUDGE_MAX, True, _("Enter the judge's name in English, e.g. HH Judge LEE.")),
        ("judge_zh", JUDGE_MAX, False, ""),
    ):
        text = _text(values.get(field))
        if required and not text:
            errors[field] = [message]
        elif len(text) > limit:
            errors[field] = [_("At most %(n)d characters.") % {"n": limit}]
        cleaned[field] = text
    hearing_type = _hearing_type(values.get("hearing_type"))
    if hearing_type is None:
        errors["hearing_type"] = [
            _("Choose the hearing type, one of: %(types)s.")
            % {"types": ", ".join(HearingType.values)}
        ]
    cleaned["hearing_type"] = hearing_type
    notes = values.get("notes") if isinstance(values.get("notes"), str) else ""
    if len(notes) > NOTES_MAX:
        errors["notes"] = [_("At most %(n)d characters.") % {"n": NOTES_MAX}]
    cleaned["notes"] = notes.strip()
    # A hearing in chambers is never in the public list, whatever the form said.
    cleaned["public"] = bool(values.get("public", True)) and hearing_type != HearingType.CHAMBERS
    number = normalize_case_number(values.get("case_number"))
    cases = {} if cases is None else cases
    if number and number not in cases:
        cases[number] = (
            Case.objects.select_related("proceeding_type__court_level")
            .filter(number=number)
            .first()
        )
    case = cases.get(number) if number else None
    if number is None:
        errors["case_number"] = [_("Enter a case number such as DCPI 1234/2025.")]
    elif case is None:
        errors["case_number"] = [
            _("The registry has no case %(number)s. Enter the case first.") % {"number": number}
        ]
    elif "court" in cleaned and _names_another_court(cleaned["court"], case, levels):
        # The public list filters on the case's court: a hearing named in another court
        # would show under the wrong one.
        errors["court"] = [
            _("%(number)s is a case of the %(court)s: list it there.")
            % {"number": case.number, "court": case.proceeding_type.court_level.name}
        ]
    elif "court" in cleaned:
        cleaned["court"] = _court_in_english(cleaned["court"], case.proceeding_type.court_level)
    if cleaned.get("courtroom"):
        number = courtroom_number(cleaned["courtroom"])
        if number is not None:
            cleaned["courtroom"] = f"Court {number}"
    cleaned["case"] = case
    return cleaned


def _court_in_english(court: str, level) -> str:
    """The case's court level named in full, in English or Chinese and in any letter case or
    spacing, is kept by its English name, which each page then shows in its own language
    ("區域法院" typed on the Chinese form reads "District Court" in the English Cause Book);
    any other court is kept as typed."""
    typed = " ".join(court.split()).casefold()
    names = (level.name_en.casefold(), level.name_zh.casefold())
    return level.name_en if typed in names else court


def _names_another_court(court: str, case, levels=None) -> bool:
    """Whether `court` names a court level other than the case's own ("High Court" for a
    District Court case; "High Court" names "High Court (Court of First Instance)"). `levels`:
    the court levels read once for a whole import, else read here."""
    typed = " ".join(court.split()).casefold()
    own = case.proceeding_type.court_level
    if _names_level(typed, own):
        return False  # the usual case, and no query
    levels = CourtLevel.objects.all() if levels is None else levels
    return any(_names_level(typed, level) for level in levels if level.pk != own.pk)


def _names_level(typed: str, level) -> bool:
    names = (level.name_en.casefold(), level.name_zh.casefold())
    return any(name.startswith(typed) or typed.startswith(name) for name in names if name)


def _slot_taken() -> ValidationFailed:
    return ValidationFailed(
        {"start_time": [_("This case is already listed at this date, time and courtroom.")]}
    )


def hearing_create(*, actor, **values) -> Hearing:
    """List a hearing: date, start_time, court, courtroom, judge_en, judge_zh, case_number,
    hearing_type, public, notes. Its court level is its case's."""
    require(actor, Capability.MAINTAIN_CAUSE_BOOK)
    errors: dict = {}
    cleaned = _clean(values, errors)
    if errors:
        raise ValidationFailed(errors)
    case = cleaned["case"]
    try:
        with transaction.atomic():
            hearing = Hearing.objects.create(
                court_level=case.proceeding_type.court_level,
                created_by=actor,
                **cleaned,
            )
            audit_record(actor=actor, action="hearing.created", obj=case, after=_record(hearing))
    except IntegrityError:
        raise _slot_taken() from None
    return hearing


def _locked_hearing(hearing_id) -> Hearing:
    hearing = (
        Hearing.objects.select_for_update(of=("self",))
        .select_related("case", "court_level")
        .filter(pk=hearing_id)
        .first()
        if str(hearing_id).isdigit()
        else None
    )
    if hearing is None:
        raise NotFound()
    return hearing


def hearing_update(*, actor, hearing_id, **values) -> Hearing:
    """Correct a hearing (the case too, if it was listed under the wrong number). A value left
    out keeps the hearing's own, as read under its lock: two clerks correcting different
    fields at once both keep their corrections (the API's PATCH sends only what changes)."""
    require(actor, Capability.MAINTAIN_CAUSE_BOOK)
    try:
        with transaction.atomic():
            hearing = _locked_hearing(hearing_id)
            own = {field: getattr(hearing, field) for field in FIELDS}
            errors: dict = {}
            cleaned = _clean({**own, "case_number": hearing.case.number, **values}, errors)
            if errors:
                raise ValidationFailed(errors)
            before = _record(hearing)
            for field, value in cleaned.items():
                setattr(hearing, field, value)
            hearing.court_level = cleaned["case"].proceeding_type.court_level
            after = _record(hearing)
            if after == before:
                return hearing
            hearing.updated_at = timezone.now()
            hearing.save()
            audit_record(
                actor=actor, action="hearing.updated", obj=hearing.case, before=before, after=after
            )
    except IntegrityError:
        raise _slot_taken() from None
    return hearing


@transaction.atomic
def hearing_remove(*, actor, hearing_id) -> None:
    """Take a hearing off the Cause Book (vacated, or listed in error)."""
    require(actor, Capability.MAINTAIN_CAUSE_BOOK)
    hearing = _locked_hearing(hearing_id)
    before = _record(hearing)
    case = hearing.case
    hearing.delete()
    audit_record(actor=actor, action="hearing.removed", obj=case, before=before)


# --- import -------------------------------------------------------------------------------------


def _public(value) -> bool | None:
    text = _text(value).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def _read_rows(data: bytes) -> list[tuple[int, dict]]:
    """The file's rows as (line number, values); ValidationFailed on a file that is not a CSV
    of the expected columns."""
    if len(data) > IMPORT_MAX_BYTES:
        raise ValidationFailed(
            {"file": [_("The file is larger than %(n)d MB.") % {"n": IMPORT_MAX_BYTES >> 20}]}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed(
            {"file": [_("The file is not UTF-8 text. Save it as CSV UTF-8.")]}
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        header = [_text(cell).casefold() for cell in header or []]
        if header != IMPORT_COLUMNS:
            raise ValidationFailed(
                {
                    "file": [
                        _("The first line must name the columns: %(columns)s.")
                        % {"columns": ",".join(IMPORT_COLUMNS)}
                    ]
                }
            )
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            rows.append((reader.line_num, cells))
            if len(rows) > IMPORT_MAX_ROWS:
                raise ValidationFailed(
                    {"file": [_("A file has at most %(n)d hearings.") % {"n": IMPORT_MAX_ROWS}]}
                )
    except csv.Error:
        raise ValidationFailed({"file": [_("The file is not a CSV file.")]}) from None
    if not rows:
        raise ValidationFailed({"file": [_("The file lists no hearing.")]})
    return rows


def _line_error(line: int, message) -> str:
    return _("Line %(line)d: %(message)s") % {"line": line, "message": message}


# Rows written per statement: a file's 5,000 hearings in ten.
IMPORT_BATCH = 500
# What an import writes of a hearing listed already: its case and slot are what found it, and
# the notes are the registry's.
_IMPORTED_FIELDS = [*(f for f in FIELDS if f != "notes"), "updated_at"]


def _slot(values) -> tuple:
    return (values["case"].pk, values["date"], values["start_time"], values["courtroom"])


def _listed_slots(cleaned_rows) -> dict:
    """The hearings already listed in the file's slots, locked, by slot: read for the file's
    cases and dates in a few queries (the unique slot index begins with the case), where one
    query a line made an import of 5,000 lines take seconds."""
    case_ids = sorted({row["case"].pk for row in cleaned_rows})
    dates = sorted({row["date"] for row in cleaned_rows})
    slots = {_slot(row) for row in cleaned_rows}
    found = {}
    for start in range(0, len(case_ids), IMPORT_BATCH):
        for hearing in (
            Hearing.objects.select_for_update(of=("self",))
            .select_related("case")
            .filter(case_id__in=case_ids[start : start + IMPORT_BATCH], date__in=dates)
            .order_by("pk")  # locks taken in one order by every writer
        ):
            key = (hearing.case_id, hearing.date, hearing.start_time, hearing.courtroom)
            if key in slots:
                found[key] = hearing
    return found


def _cases_by_number(rows) -> dict:
    """The cases the file names, by number, read in a few queries (a number the registry
    does not have maps to None), for `_clean`."""
    numbers = sorted(
        {
            number
            for _line, cells in rows
            if len(cells) == len(IMPORT_COLUMNS)
            and (number := normalize_case_number(cells[IMPORT_COLUMNS.index("case_number")]))
        }
    )
    cases = dict.fromkeys(numbers)
    for start in range(0, len(numbers), IMPORT_BATCH):
        for case in Case.objects.select_related("proceeding_type__court_level").filter(
            number__in=numbers[start : start + IMPORT_BATCH]
        ):
            cases[case.number] = case
    return cases


def cause_book_import(*, actor, data: bytes, file_name: str = "") -> CauseBookImport:
    """Import a CSV file of hearings (columns `IMPORT_COLUMNS`, docs/decisions.md). Every row
    is checked first; if any is bad nothing is saved and the errors name each bad line. A row
    whose case, date, time and courtroom are listed already updates that hearing (or changes
    nothing), so the same file imported twice changes nothing."""
    require(actor, Capability.MAINTAIN_CAUSE_BOOK)
    rows = _read_rows(data)
    labels = {
        "date": "date",
        "start_time": "time",
        "court": "court",
        "courtroom": "courtroom",
        "judge_en": "judge_en",
        "judge_zh": "judge_zh",
        "case_number": "case_number",
        "hearing_type": "hearing_type",
        "notes": "notes",
    }
    problems: list[str] = []
    cleaned_rows = []
    cases = _cases_by_number(rows)
    levels = list(CourtLevel.objects.all())
    seen: dict[tuple, int] = {}
    for line, cells in rows:
        if len(cells) != len(IMPORT_COLUMNS):
            problems.append(
                _line_error(
                    line,
                    _("%(n)d columns instead of %(expected)d.")
                    % {"n": len(cells), "expected": len(IMPORT_COLUMNS)},
                )
            )
            continue
        values = dict(zip(IMPORT_COLUMNS, cells, strict=True))
        values["start_time"] = values.pop("time")
        public = _public(values["public"])
        errors: dict = {}
        if public is None:
            errors["public"] = [_("Write yes or no.")]
        values["public"] = public if public is not None else True
        cleaned = _clean(values, errors, cases, levels)
        for field, messages in errors.items():
            for message in messages:
                problems.append(_line_error(line, labelled(labels.get(field, field), message)))
        if errors:
            continue
        key = (cleaned["case"].pk, cleaned["date"], cleaned["start_time"], cleaned["courtroom"])
        if key in seen:
            problems.append(
                _line_error(
                    line,
                    _("the same case, date, time and courtroom as line %(line)d.")
                    % {"line": seen[key]},
                )
            )
            continue
        seen[key] = line
        cleaned_rows.append(cleaned)
    if problems:
        raise ValidationFailed(
            {"file": problems},
            message=_("Nothing was imported: correct these lines and import the file again."),
        )
    created = updated = unchanged = 0
    try:
        with transaction.atomic():
            listed = _listed_slots(cleaned_rows)
            new, changed = [], []
            for cleaned in cleaned_rows:
                case = cleaned["case"]
                hearing = listed.get(_slot(cleaned))
                if hearing is None:
                    new.append(
                        Hearing(
                            court_level=case.proceeding_type.court_level,
                            created_by=actor,
                            **cleaned,
                        )
                    )
                    continue
                before = _record(hearing)
                # Notes are the registry's own, not the file's: an import keeps them.
                cleaned["notes"] = hearing.notes
                for field, value in cleaned.items():
                    setattr(hearing, field, value)
                if _record(hearing) == before:
                    unchanged += 1
                    continue
                hearing.updated_at = timezone.now()
                changed.append(hearing)
            Hearing.objects.bulk_create(new, batch_size=IMPORT_BATCH)
            Hearing.objects.bulk_update(changed, _IMPORTED_FIELDS, batch_size=IMPORT_BATCH)
            created, updated = len(new), len(changed)
            record = CauseBookImport.objects.create(
                file_name=(file_name or "")[:200],
                sha256=hashlib.sha256(data).hexdigest(),
                rows=len(cleaned_rows),
                created=created,
                updated=updated,
                unchanged=unchanged,
                imported_by=actor,
            )
            audit_record(
                actor=actor,
                action="cause_book.imported",
                obj=record,
                after={
                    "file_name": record.file_name,
                    "sha256": record.sha256,
                    "rows": record.rows,
                    "created": created,
                    "updated": updated,
                    "unchanged": unchanged,
                },
            )
    except IntegrityError:
        # A clerk or another import listed one of these slots meanwhile: nothing was saved,
        # and the file imported again corrects what it must.
        raise ValidationFailed(
            {
                "file": [
                    _(
                        "Some of these hearings were listed meanwhile by someone else. Nothing "
                        "was imported: import the file again."
                    )
                ]
            }
        ) from None
    return record


# --- BEY-6: calendar addresses ------------------------------------------------------------------


def _holder_locked(actor) -> None:
    """The holder's own row, locked: its requests for a new address, or to stop one, wait for
    each other. Locking the live feed is not enough: with none yet there is no row to lock, and
    a feed another request adds meanwhile is not seen, so two would be made (the one live
    feed's unique constraint refusing the second)."""
    User.objects.select_for_update().filter(pk=actor.pk).first()


@transaction.atomic
def calendar_feed_create(*, actor) -> tuple[CalendarFeed, str]:
    """A new secret calendar address for the holder; its previous one, if any, stops working.
    Returns the feed and its token, which is shown once and never kept."""
    require(actor, Capability.USE_HEARINGS_CALENDAR, actor)
    _holder_locked(actor)
    now = timezone.now()
    revoked = list(
        CalendarFeed.objects.select_for_update()
        .filter(account=actor, revoked_at__isnull=True)
        .values_list("pk", flat=True)
    )
    CalendarFeed.objects.filter(pk__in=revoked).update(revoked_at=now)
    token = new_token()
    feed = CalendarFeed.objects.create(account=actor, token_hash=token_hash(token), created_at=now)
    audit_record(
        actor=actor,
        action="calendar_feed.created",
        obj=actor,
        after={"feed": feed.pk, "replaced": revoked},
    )
    return feed, token


@transaction.atomic
def calendar_feed_revoke(*, actor) -> bool:
    """Stop the holder's calendar address; False if it had none."""
    require(actor, Capability.USE_HEARINGS_CALENDAR, actor)
    _holder_locked(actor)
    feeds = list(
        CalendarFeed.objects.select_for_update()
        .filter(account=actor, revoked_at__isnull=True)
        .values_list("pk", flat=True)
    )
    if not feeds:
        return False
    CalendarFeed.objects.filter(pk__in=feeds).update(revoked_at=timezone.now())
    audit_record(actor=actor, action="calendar_feed.revoked", obj=actor, before={"feed": feeds})
    return True


def calendar_feed_read(feed: CalendarFeed) -> None:
    """Note when a calendar last read the address, so that the holder sees whether it is in
    use. At most once a minute, so that a calendar polling often does not write each time."""
    now = timezone.now()
    if feed.last_read_at is None or now - feed.last_read_at > datetime.timedelta(minutes=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=now)
