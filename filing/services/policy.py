"""The registry's maintenance of the court policy (BEY-2): document types per proceeding type,
their fees and linking roles, and the file limits. Each change is checked here (pages and API
refuse alike, nothing saved on a refusal) and audited with what it was before and after."""

import re
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from cases.models import ProceedingType
from cases.services.linking import LinkingDocument
from core import policy
from core.errors import NotFound, ValidationFailed
from filing.models import DocumentType, FiledBy, FileLimits
from permissions.roles import Capability, require

_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,19}$")
NAME_MAX = 200
CENT = Decimal("0.01")
FEE_MAX = Decimal("99999999.99")  # DecimalField(max_digits=10, decimal_places=2)


def _text(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _clean_fee(value, errors: dict) -> Decimal | None:
    """A fee in HKD: a number of dollars with at most two decimal places, 0 to 99,999,999.99.
    Read from its text, never through binary floating point."""
    try:
        fee = Decimal(value if isinstance(value, Decimal) else str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        fee = None
    if fee is None or not fee.is_finite():
        errors["fee"] = [_("Enter the fee in Hong Kong dollars, e.g. 630.00 (0 if none is due).")]
        return None
    if fee < 0 or fee > FEE_MAX:
        errors["fee"] = [_("A fee is from 0.00 to 99,999,999.99 Hong Kong dollars.")]
        return None
    if fee != fee.quantize(CENT):
        errors["fee"] = [_("A fee has at most two decimal places (cents).")]
        return None
    return fee.quantize(CENT)


def _clean_names(values: dict, errors: dict) -> None:
    for field, missing in (
        ("name_en", _("Enter the name in English.")),
        ("name_zh", _("Enter the name in Chinese.")),
    ):
        if field not in values:
            continue
        values[field] = _text(values[field])
        if not values[field]:
            errors[field] = [missing]
        elif len(values[field]) > NAME_MAX:
            errors[field] = [_("A name has at most %(n)d characters.") % {"n": NAME_MAX}]


def _clean_choice(value, allowed, default: str, field: str, message, errors: dict) -> str:
    """One of `allowed` (empty gives `default`), or `message` on `field`."""
    value = value or default
    if value not in allowed:
        errors[field] = [message]
    return value


def _clean_role(value, errors: dict) -> str:
    message = _("Choose the document's role in linking, or none.")
    return _clean_choice(value, ("", *LinkingDocument.values), "", "linking_role", message, errors)


def _clean_side(value, errors: dict) -> str:
    message = _("Choose which side of the proceedings files this document.")
    return _clean_choice(value, FiledBy.values, FiledBy.ANY_PARTY, "filed_by", message, errors)


def _fee_text(fee) -> str:
    return f"{fee:.2f}"


def _snapshot(row: DocumentType) -> dict:
    return {
        "proceeding_type": row.proceeding_type.code,
        "code": row.code,
        "name_en": row.name_en,
        "name_zh": row.name_zh,
        "linking_role": row.linking_role,
        "fee": _fee_text(row.fee),
        "active": row.active,
        "open_to_public_inspection": row.open_to_public_inspection,
        "filed_by": row.filed_by,
        "counsel_may_file": row.counsel_may_file,
    }


def document_type_create(
    *,
    actor,
    proceeding_type_id,
    code: str,
    name_en: str,
    name_zh: str,
    fee,
    linking_role: str = "",
    active: bool = True,
    open_to_public_inspection: bool = False,
    filed_by: str = FiledBy.ANY_PARTY,
    counsel_may_file: bool = False,
) -> DocumentType:
    """A document type that may be filed in proceedings of one type, with its fee (0 where
    none is due), its role in linking (CASE-3 (c)), if any, and whether its documents are open
    to public inspection (SVC-2, GEN-3), which side of the proceedings files it, and whether
    counsel the party's solicitors instructed may file it [A12]."""
    require(actor, Capability.MAINTAIN_COURT_POLICY)
    errors: dict = {}
    kind = (
        ProceedingType.objects.filter(pk=proceeding_type_id).first()
        if str(proceeding_type_id).isdigit()
        else None
    )
    if kind is None:
        errors["proceeding_type"] = [_("Choose the proceeding type.")]
    code = _text(code).upper()
    if not _CODE.match(code) or not code.isascii():
        errors["code"] = [
            _(
                "A document type's code is 1 to 20 capital letters, digits or underscores, "
                "beginning with a letter, e.g. DEF."
            )
        ]
    names = {"name_en": name_en, "name_zh": name_zh}
    _clean_names(names, errors)
    fee = _clean_fee(fee, errors)
    linking_role = _clean_role(linking_role, errors)
    filed_by = _clean_side(filed_by, errors)
    taken = _("The proceeding type has a document type with this code already.")
    if not errors and DocumentType.objects.filter(proceeding_type=kind, code=code).exists():
        errors["code"] = [taken]
    if errors:
        raise ValidationFailed(errors)
    try:
        with transaction.atomic():
            row = DocumentType.objects.create(
                proceeding_type=kind,
                code=code,
                linking_role=linking_role,
                fee=fee,
                active=bool(active),
                open_to_public_inspection=bool(open_to_public_inspection),
                filed_by=filed_by,
                counsel_may_file=bool(counsel_may_file),
                updated_at=timezone.now(),
                **names,
            )
            audit_record(actor=actor, action="document_type.created", obj=row, after=_snapshot(row))
    except IntegrityError:
        raise ValidationFailed({"code": [taken]}) from None
    return row


_CHANGEABLE = (
    "name_en",
    "name_zh",
    "linking_role",
    "fee",
    "active",
    "open_to_public_inspection",
    "filed_by",
    "counsel_may_file",
)


def document_type_update(*, actor, document_type_id, **changes) -> DocumentType:
    """Change a document type's names, fee, linking role, whether it may be filed, whether
    its documents are open to public inspection, which side files it or whether counsel may
    file it [A12]. Its code and proceeding type stay (filings name it). Only the fields given
    change; a change to the same values records nothing."""
    require(actor, Capability.MAINTAIN_COURT_POLICY)
    unknown = set(changes) - set(_CHANGEABLE)
    if unknown:
        raise ValidationFailed({field: [_("This cannot be changed.")] for field in sorted(unknown)})
    errors: dict = {}
    values = dict(changes)
    _clean_names(values, errors)
    if "fee" in values:
        values["fee"] = _clean_fee(values["fee"], errors)
    if "linking_role" in values:
        values["linking_role"] = _clean_role(values["linking_role"], errors)
    if "filed_by" in values:
        values["filed_by"] = _clean_side(values["filed_by"], errors)
    for flag in ("active", "open_to_public_inspection", "counsel_may_file"):
        if flag in values:
            values[flag] = bool(values[flag])
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        row = (
            DocumentType.objects.select_for_update(of=("self",))
            .select_related("proceeding_type")
            .filter(pk=document_type_id)
            .first()
            if str(document_type_id).isdigit()
            else None
        )
        if row is None:
            raise NotFound()
        before = _snapshot(row)
        for field, value in values.items():
            setattr(row, field, value)
        after = _snapshot(row)
        changed = [field for field in after if after[field] != before[field]]
        if not changed:
            return row
        row.updated_at = timezone.now()
        row.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            action="document_type.updated",
            obj=row,
            before={"code": row.code, **{field: before[field] for field in changed}},
            after={"code": row.code, **{field: after[field] for field in changed}},
        )
    return row


# --- file limits ---------------------------------------------------------------------------------


def _limits_snapshot(row: FileLimits | None) -> dict:
    if row is None:
        return {}
    return {
        "max_file_bytes": row.max_file_bytes,
        "max_pages": row.max_pages,
        "max_files": row.max_files,
    }


def _clean_limit(values: dict, field: str, ceiling: int, message, errors: dict) -> None:
    value = values.get(field)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= ceiling:
        errors[field] = [message]
    values[field] = value


def file_limits_set(
    *, actor, proceeding_type_id=None, max_file_bytes, max_pages, max_files
) -> FileLimits:
    """The file limits of a proceeding type (its own row), or with no proceeding type the
    default for every type without its own. Within what the portal receives in one request
    (core/policy.py)."""
    require(actor, Capability.MAINTAIN_COURT_POLICY)
    errors: dict = {}
    kind = None
    if proceeding_type_id not in (None, ""):
        kind = (
            ProceedingType.objects.filter(pk=proceeding_type_id).first()
            if str(proceeding_type_id).isdigit()
            else None
        )
        if kind is None:
            raise NotFound()
    values = {"max_file_bytes": max_file_bytes, "max_pages": max_pages, "max_files": max_files}
    _clean_limit(
        values,
        "max_file_bytes",
        policy.UPLOAD_MAX_BYTES,
        _("The largest file is from 1 byte to %(limit)s (%(bytes)d bytes).")
        % {"limit": filesizeformat(policy.UPLOAD_MAX_BYTES), "bytes": policy.UPLOAD_MAX_BYTES},
        errors,
    )
    _clean_limit(
        values,
        "max_pages",
        policy.FILING_MAX_PAGES_CEILING,
        _("The most pages of a file is from 1 to %(n)d.") % {"n": policy.FILING_MAX_PAGES_CEILING},
        errors,
    )
    _clean_limit(
        values,
        "max_files",
        policy.MAX_FILES_PER_REQUEST,
        _("The most files of a filing is from 1 to %(n)d.") % {"n": policy.MAX_FILES_PER_REQUEST},
        errors,
    )
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        row = (
            FileLimits.objects.select_for_update().filter(proceeding_type=kind).first()
            if kind is not None
            else FileLimits.objects.select_for_update().filter(proceeding_type__isnull=True).first()
        )
        before = _limits_snapshot(row)
        if row is None:
            row = FileLimits(proceeding_type=kind, **values)
        else:
            for field, value in values.items():
                setattr(row, field, value)
        if before == _limits_snapshot(row):
            return row
        row.updated_at = timezone.now()
        row.save()
        scope = {"proceeding_type": kind.code if kind else "default"}
        audit_record(
            actor=actor,
            action="file_limits.set",
            obj=row,
            before={**scope, **before} if before else {},
            after={**scope, **_limits_snapshot(row)},
        )
    return row


def file_limits_remove(*, actor, proceeding_type_id) -> None:
    """A proceeding type's own limits removed: the default applies to it again. The default
    row itself stays."""
    require(actor, Capability.MAINTAIN_COURT_POLICY)
    with transaction.atomic():
        row = (
            FileLimits.objects.select_for_update(of=("self",))
            .select_related("proceeding_type")
            .filter(proceeding_type_id=proceeding_type_id)
            .first()
            if str(proceeding_type_id).isdigit()
            else None
        )
        if row is None:
            raise NotFound()
        audit_record(
            actor=actor,
            action="file_limits.removed",
            obj=row,
            before={"proceeding_type": row.proceeding_type.code, **_limits_snapshot(row)},
            after={"proceeding_type": row.proceeding_type.code, "limits": "default"},
        )
        row.delete()
