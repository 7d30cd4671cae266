"""The registry's records (CASE-1, GEN-2): cases and their parties, final disposal and
reopening, implementation notices, and the court levels and proceeding types they name. Only
registry clerks keep them (RUN_REGISTRY); every change is audited; bad input is refused with
nothing saved.

A case number is read in the registry's one form (`cases.numbers`); its prefix is the code of a
proceeding type, which gives the case its court level. A party that was ever linked to an
account or organization stays: the case's history of representation points at it (BEY-1)."""

import datetime
import re

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from cases.models import (
    Case,
    CaseLink,
    CaseLinkRequest,
    CaseParty,
    CourtLevel,
    ImplementationNotice,
    NoticeOfChange,
    PartyType,
    ProceedingType,
)
from cases.numbers import case_number_prefix, normalize_case_number
from cases.search import case_search_names
from cases.services.locks import locked_case, locked_party
from cases.transitions import CASE_TRANSITIONS
from core.errors import NotFound, ValidationFailed
from core.workdays import local_today
from permissions.roles import Capability, require

TITLE_MAX = 300
PARTY_NAME_MAX = 300
# "1st" to "99th" Defendant: more is a typing slip.
POSITION_MAX = 99
# A case lists its parties on one page; a few hundred is already a class action.
PARTIES_MAX = 200
NAME_MAX = 200
_CODE = re.compile(r"^[A-Z]{2,10}$")
_LEVEL_CODE = re.compile(r"^[A-Z]{1,10}$")


def _text(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _clean_title(title, errors: dict) -> str:
    title = _text(title)
    if not title:
        errors["title"] = [_("Enter the case's title, e.g. CHAN Tai Man v. LEE Ka Yan.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("A title has at most %(n)d characters.") % {"n": TITLE_MAX}]
    return title


def _clean_title_zh(title_zh, errors: dict) -> str:
    """The Chinese title: optional (most cases are titled in English alone)."""
    title_zh = _text(title_zh)
    if len(title_zh) > TITLE_MAX:
        errors["title_zh"] = [_("A title has at most %(n)d characters.") % {"n": TITLE_MAX}]
    return title_zh


def _clean_party(party: dict, errors: dict, prefix: str = "") -> dict:
    """One party: type, position among the parties of that type, name. `prefix` names the
    row's fields in the errors ("parties-0-")."""
    if not isinstance(party, dict):
        errors[f"{prefix}name"] = [_("Give the party's type, position and name.")]
        return {}
    party_type = party.get("party_type")
    name = _text(party.get("name"))
    position = party.get("position") or 1
    if party_type not in PartyType.values:
        errors[f"{prefix}party_type"] = [_("Choose the party type.")]
    try:
        position = int(position)
    except (TypeError, ValueError):
        position = 0
    if not 1 <= position <= POSITION_MAX:
        errors[f"{prefix}position"] = [
            _("The position is a number from 1 to %(n)d (1 for the 1st Defendant).")
            % {"n": POSITION_MAX}
        ]
    if not name:
        errors[f"{prefix}name"] = [_("Enter the party's name.")]
    elif len(name) > PARTY_NAME_MAX:
        errors[f"{prefix}name"] = [
            _("A party's name has at most %(n)d characters.") % {"n": PARTY_NAME_MAX}
        ]
    values = {"party_type": party_type, "position": position, "name": name}
    # The Chinese name is optional; absent (None) on a correction, it stays as it was.
    if party.get("name_zh") is not None:
        name_zh = _text(party.get("name_zh"))
        if len(name_zh) > PARTY_NAME_MAX:
            errors[f"{prefix}name_zh"] = [
                _("A party's name has at most %(n)d characters.") % {"n": PARTY_NAME_MAX}
            ]
        values["name_zh"] = name_zh
    return values


def _position_taken_error() -> dict:
    return {
        "position": [
            _("The case already has a party of this type at this position. Choose another.")
        ]
    }


def _clean_number(number, errors: dict) -> tuple[str, ProceedingType | None]:
    typed = number if isinstance(number, str) else ""
    normalized = normalize_case_number(typed)
    if normalized is None:
        errors["number"] = [_("Enter a case number such as DCPI 1234/2025.")]
        return "", None
    serial, year = normalized.split(" ", 1)[1].split("/")
    if int(serial) == 0 or not 1900 <= int(year) <= local_today().year:
        errors["number"] = [
            _("A case number has a serial number from 1 and a year no later than this one.")
        ]
        return normalized, None
    prefix = case_number_prefix(normalized)
    proceeding_type = (
        ProceedingType.objects.select_related("court_level").filter(code=prefix).first()
    )
    if proceeding_type is None:
        errors["number"] = [
            _(
                "No proceeding type has the code %(code)s. Add it under Court levels and "
                "proceeding types first."
            )
            % {"code": prefix}
        ]
    return normalized, proceeding_type


def _party_record(party: CaseParty) -> dict:
    return {
        "party_type": party.party_type,
        "position": party.position,
        "name": party.name,
        "name_zh": party.name_zh,
    }


def case_search_names_refresh(case_id) -> None:
    """SVC-3: fold the case's party names, English and Chinese, into `Case.search_names`, which
    the Cause Book searches. Called by every service that changes a case's parties, inside its
    transaction."""
    names = []
    for name, name_zh in CaseParty.objects.filter(case_id=case_id).values_list("name", "name_zh"):
        names.extend([name, name_zh])
    Case.objects.filter(pk=case_id).update(search_names=case_search_names(names))


# --- cases -----------------------------------------------------------------------------------


def case_create(*, actor, number: str, title: str, parties: list[dict], title_zh: str = "") -> Case:
    """CASE-1: a new case, on-going, with at least one party (and its title in Chinese where
    the court has one). Its court level is that of the proceeding type its number names."""
    require(actor, Capability.RUN_REGISTRY)
    errors: dict = {}
    number, proceeding_type = _clean_number(number, errors)
    title = _clean_title(title, errors)
    title_zh = _clean_title_zh(title_zh, errors)
    if not isinstance(parties, list | tuple):
        parties = []
    # Rows keep the index they were sent with, so that an error lands on its row; a row with
    # neither a type nor a name is an empty row of the form.
    cleaned, seen = [], set()
    for index, party in enumerate(parties[: PARTIES_MAX + 1]):
        if isinstance(party, dict) and not party.get("party_type") and not party.get("name"):
            continue
        values = _clean_party(party, errors, f"parties-{index}-")
        key = (values.get("party_type"), values.get("position"))
        if values and key in seen:
            errors.setdefault(f"parties-{index}-position", []).append(
                _("Two parties have this type and position. Number them 1, 2, 3...")
            )
        seen.add(key)
        cleaned.append(values)
    if not cleaned:
        errors["parties"] = [_("Give at least one party.")]
    elif len(cleaned) > PARTIES_MAX:
        errors["parties"] = [_("Give at most %(n)d parties.") % {"n": PARTIES_MAX}]
    if errors:
        raise ValidationFailed(errors)
    try:
        with transaction.atomic():
            case = Case.objects.create(
                number=number,
                proceeding_type=proceeding_type,
                title=title,
                title_zh=title_zh,
                created_by=actor,
                created_at=timezone.now(),
            )
            CaseParty.objects.bulk_create(CaseParty(case=case, **party) for party in cleaned)
            case_search_names_refresh(case.pk)
            audit_record(
                actor=actor,
                action="case.created",
                obj=case,
                after={
                    "number": number,
                    "proceeding_type": proceeding_type.code,
                    "court_level": proceeding_type.court_level.code,
                    "title": title,
                    "title_zh": title_zh,
                    "parties": cleaned,
                },
            )
    except IntegrityError:
        if Case.objects.filter(number=number).exists():
            raise ValidationFailed(
                {"number": [_("The registry already has a case with this number.")]}
            ) from None
        raise
    return case


@transaction.atomic
def case_update(*, actor, case_id, title: str, title_zh: str | None = None) -> Case:
    """Correct the case's title, and its Chinese title (None keeps it as it is)."""
    require(actor, Capability.RUN_REGISTRY)
    errors: dict = {}
    values = {"title": _clean_title(title, errors)}
    if title_zh is not None:
        values["title_zh"] = _clean_title_zh(title_zh, errors)
    if errors:
        raise ValidationFailed(errors)
    case = locked_case(case_id)
    changed = {field: value for field, value in values.items() if getattr(case, field) != value}
    if not changed:
        return case
    before = {field: getattr(case, field) for field in changed}
    for field, value in changed.items():
        setattr(case, field, value)
    case.save(update_fields=list(changed))
    audit_record(actor=actor, action="case.updated", obj=case, before=before, after=changed)
    return case


@transaction.atomic
def case_party_add(
    *, actor, case_id, party_type: str, position=1, name: str = "", name_zh: str = ""
) -> CaseParty:
    require(actor, Capability.RUN_REGISTRY)
    errors: dict = {}
    values = _clean_party(
        {"party_type": party_type, "position": position, "name": name, "name_zh": name_zh or ""},
        errors,
    )
    if errors:
        raise ValidationFailed(errors)
    case = locked_case(case_id)
    if CaseParty.objects.filter(
        case=case, party_type=values["party_type"], position=values["position"]
    ).exists():
        raise ValidationFailed(_position_taken_error())
    if case.parties.count() >= PARTIES_MAX:
        raise ValidationFailed({"name": [_("Give at most %(n)d parties.") % {"n": PARTIES_MAX}]})
    party = CaseParty.objects.create(case=case, **values)
    case_search_names_refresh(case.pk)
    audit_record(
        actor=actor,
        action="case.party_added",
        obj=case,
        after={"party": party.pk, **values},
    )
    return party


@transaction.atomic
def case_party_update(
    *, actor, party_id, party_type: str, position=1, name: str = "", name_zh: str | None = None
) -> CaseParty:
    """Correct a party's type, position or name (a linked party too: the registry's record is
    what the link points at). `name_zh` None keeps the Chinese name as it is."""
    require(actor, Capability.RUN_REGISTRY)
    errors: dict = {}
    values = _clean_party(
        {"party_type": party_type, "position": position, "name": name, "name_zh": name_zh},
        errors,
    )
    if errors:
        raise ValidationFailed(errors)
    party = locked_party(party_id)
    before = {k: v for k, v in _party_record(party).items() if k in values}
    if before == values:
        return party
    if (
        CaseParty.objects.filter(
            case_id=party.case_id, party_type=values["party_type"], position=values["position"]
        )
        .exclude(pk=party.pk)
        .exists()
    ):
        raise ValidationFailed(_position_taken_error())
    for field, value in values.items():
        setattr(party, field, value)
    party.save(update_fields=list(values))
    case_search_names_refresh(party.case_id)
    audit_record(
        actor=actor,
        action="case.party_updated",
        obj=party.case,
        before={"party": party.pk, **before},
        after={"party": party.pk, **values},
    )
    return party


class PartyWasLinked(ValidationFailed):
    def __init__(self):
        super().__init__(
            {
                "party": [
                    _(
                        "This party has been linked to an account or organization, or named "
                        "in a request to link, so it stays on the case as part of its history. "
                        "Correct its particulars instead."
                    )
                ]
            }
        )


@transaction.atomic
def case_party_remove(*, actor, party_id) -> None:
    """A party entered in error, never linked and never named in a request to link; the case
    keeps at least one party."""
    require(actor, Capability.RUN_REGISTRY)
    party = locked_party(party_id)
    if (
        CaseLink.objects.filter(party=party).exists()
        or CaseLinkRequest.objects.filter(party=party).exists()
        or NoticeOfChange.objects.filter(party=party).exists()
    ):
        raise PartyWasLinked()
    if CaseParty.objects.filter(case_id=party.case_id).count() <= 1:
        raise ValidationFailed(
            {"party": [_("A case keeps at least one party. Add the right party first.")]}
        )
    case = party.case
    before = {"party": party.pk, **_party_record(party)}
    try:
        with transaction.atomic():
            party.delete()
    except ProtectedError:
        raise PartyWasLinked() from None
    case_search_names_refresh(case.pk)
    audit_record(actor=actor, action="case.party_removed", obj=case, before=before)


def _clean_disposal_date(value, case: Case | None = None) -> datetime.date:
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            value = None
    if not isinstance(value, datetime.date):
        raise ValidationFailed({"final_disposal_date": [_("Enter the date of final disposal.")]})
    if value > local_today():
        raise ValidationFailed(
            {"final_disposal_date": [_("The date of final disposal cannot be in the future.")]}
        )
    if case is not None and value < timezone.localtime(case.created_at).date():
        raise ValidationFailed(
            {
                "final_disposal_date": [
                    _("The date of final disposal cannot be before the case was entered (%(d)s).")
                    % {"d": timezone.localtime(case.created_at).date().isoformat()}
                ]
            }
        )
    return value


def case_final_disposal_record(*, actor, case_id, final_disposal_date) -> Case:
    """CASE-1: the case is finally disposed of on a date: not in the future, not before the
    case was entered. No link can be made to it from then on (CASE-3)."""
    require(actor, Capability.RUN_REGISTRY)
    _clean_disposal_date(final_disposal_date)
    with transaction.atomic():
        case = locked_case(case_id)
        CASE_TRANSITIONS.check(case, "record_final_disposal", actor=actor)
        date = _clean_disposal_date(final_disposal_date, case)
        return CASE_TRANSITIONS.apply(
            case, "record_final_disposal", actor=actor, final_disposal_date=date
        )


def case_reopen(*, actor, case_id, reasons: str = "") -> Case:
    """A disposal recorded in error, or set aside: the case is on-going again, with reasons."""
    require(actor, Capability.RUN_REGISTRY)
    text = CASE_TRANSITIONS.reasons("reopen", reasons)
    if len(text) > 2000:
        raise ValidationFailed({"reasons": [_("Give the reasons in at most 2000 characters.")]})
    with transaction.atomic():
        case = locked_case(case_id)
        # `reasons` is not a field of the case: it goes into the audit record only.
        return CASE_TRANSITIONS.apply(
            case, "reopen", actor=actor, final_disposal_date=None, reasons=text
        )


# --- implementation notices (GEN-2) ----------------------------------------------------------


def implementation_notice_create(
    *, actor, proceeding_type_id, effective_date, title: str = ""
) -> ImplementationNotice:
    """GEN-2 [A3]: from `effective_date` the proceeding type's cases are e-enabled. The date
    is today or later: a notice dated in the past would change, after the event, which cases
    were conducted through iCMS."""
    require(actor, Capability.RUN_REGISTRY)
    errors: dict = {}
    proceeding_type = (
        ProceedingType.objects.filter(pk=proceeding_type_id).first()
        if str(proceeding_type_id).isdigit()
        else None
    )
    if proceeding_type is None:
        errors["proceeding_type"] = [_("Choose the proceeding type the notice covers.")]
    if isinstance(effective_date, str):
        try:
            effective_date = datetime.date.fromisoformat(effective_date)
        except ValueError:
            effective_date = None
    if not isinstance(effective_date, datetime.date):
        errors["effective_date"] = [_("Enter the date from which the notice is in force.")]
    elif effective_date < local_today():
        errors["effective_date"] = [
            _("The notice comes into force today or later: it cannot be dated in the past.")
        ]
    title = _text(title)
    if not title:
        errors["title"] = [_("Enter the notice's title, as it is cited.")]
    elif len(title) > 300:
        errors["title"] = [_("A title has at most %(n)d characters.") % {"n": 300}]
    if errors:
        raise ValidationFailed(errors)
    duplicate = ValidationFailed(
        {
            "effective_date": [
                _("A notice for this proceeding type from this date is already recorded.")
            ]
        }
    )
    if ImplementationNotice.objects.filter(
        proceeding_type=proceeding_type, effective_date=effective_date
    ).exists():
        raise duplicate
    try:
        with transaction.atomic():
            notice = ImplementationNotice.objects.create(
                proceeding_type=proceeding_type,
                effective_date=effective_date,
                title=title,
                created_by=actor,
                created_at=timezone.now(),
            )
            audit_record(
                actor=actor,
                action="implementation_notice.created",
                obj=notice,
                after={
                    "proceeding_type": proceeding_type.code,
                    "effective_date": effective_date.isoformat(),
                    "title": title,
                },
            )
    except IntegrityError:
        raise duplicate from None
    return notice


@transaction.atomic
def implementation_notice_withdraw(*, actor, notice_id, reasons: str = "") -> None:
    """Withdraw a notice entered in error, while it is not yet in force. One in force stays:
    cases were conducted through iCMS under it."""
    require(actor, Capability.RUN_REGISTRY)
    notice = (
        ImplementationNotice.objects.select_for_update(of=("self",))
        .select_related("proceeding_type")
        .filter(pk=notice_id)
        .first()
        if str(notice_id).isdigit()
        else None
    )
    if notice is None:
        raise NotFound()
    if notice.effective_date <= local_today():
        raise ValidationFailed(
            {"notice": [_("This notice is in force, so it cannot be withdrawn.")]}
        )
    audit_record(
        actor=actor,
        action="implementation_notice.withdrawn",
        obj=notice,
        before={
            "proceeding_type": notice.proceeding_type.code,
            "effective_date": notice.effective_date.isoformat(),
            "title": notice.title,
        },
        after={"reasons": _text(reasons)[:2000]},
    )
    notice.delete()


# --- court levels and proceeding types: data, not code (GEN-2) -------------------------------


def _clean_names(name_en, name_zh, errors: dict) -> tuple[str, str]:
    name_en, name_zh = _text(name_en), _text(name_zh)
    for field, value, missing in (
        ("name_en", name_en, _("Enter the name in English.")),
        ("name_zh", name_zh, _("Enter the name in Chinese.")),
    ):
        if not value:
            errors[field] = [missing]
        elif len(value) > NAME_MAX:
            errors[field] = [_("A name has at most %(n)d characters.") % {"n": NAME_MAX}]
    return name_en, name_zh


def court_level_create(*, actor, code: str, name_en: str, name_zh: str) -> CourtLevel:
    require(actor, Capability.RUN_REGISTRY)
    errors: dict = {}
    code = _text(code).upper()
    if not _LEVEL_CODE.match(code) or not code.isascii():
        errors["code"] = [_("A court level's code is 1 to 10 capital letters, e.g. DC.")]
    name_en, name_zh = _clean_names(name_en, name_zh, errors)
    if not errors and CourtLevel.objects.filter(code=code).exists():
        errors["code"] = [_("A court level has this code already.")]
    if errors:
        raise ValidationFailed(errors)
    try:
        with transaction.atomic():
            level = CourtLevel.objects.create(code=code, name_en=name_en, name_zh=name_zh)
            audit_record(
                actor=actor,
                action="court_level.created",
                obj=level,
                after={"code": code, "name_en": name_en, "name_zh": name_zh},
            )
    except IntegrityError:
        raise ValidationFailed({"code": [_("A court level has this code already.")]}) from None
    return level


def proceeding_type_create(
    *, actor, court_level_id, code: str, name_en: str, name_zh: str
) -> ProceedingType:
    """A type of proceedings at a court level. Its code is the prefix of its case numbers;
    it is not e-enabled until an implementation notice covers it."""
    require(actor, Capability.RUN_REGISTRY)
    errors: dict = {}
    level = (
        CourtLevel.objects.filter(pk=court_level_id).first()
        if str(court_level_id).isdigit()
        else None
    )
    if level is None:
        errors["court_level"] = [_("Choose the court level.")]
    code = _text(code).upper()
    if not _CODE.match(code) or not code.isascii():
        errors["code"] = [
            _("A proceeding type's code is 2 to 10 capital letters, as case numbers begin: DCPI.")
        ]
    name_en, name_zh = _clean_names(name_en, name_zh, errors)
    taken = _("A proceeding type has this code already.")
    if "code" not in errors and ProceedingType.objects.filter(code=code).exists():
        errors["code"] = [taken]
    if errors:
        raise ValidationFailed(errors)
    try:
        with transaction.atomic():
            proceeding_type = ProceedingType.objects.create(
                court_level=level, code=code, name_en=name_en, name_zh=name_zh
            )
            audit_record(
                actor=actor,
                action="proceeding_type.created",
                obj=proceeding_type,
                after={
                    "court_level": level.code,
                    "code": code,
                    "name_en": name_en,
                    "name_zh": name_zh,
                },
            )
    except IntegrityError:
        raise ValidationFailed({"code": [taken]}) from None
    return proceeding_type
