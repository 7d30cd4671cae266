"""Reads of filings (SVC-1): a filer's own, an organization's (its PA and SAs follow its OUs'
filings), the registry's queue (oldest first) and one filing, each within the reader's reach
(ROLE-1 through `permissions.roles.scope`); a filing out of reach is "not found", as one that
does not exist (ROLE-2)."""

from django.db.models import F, IntegerField, Max, Prefetch, Value
from django.db.models.functions import Cast, StrIndex, Substr

from cases.models import Case, LinkCapacity, ProceedingType
from cases.numbers import normalize_case_number
from cases.selectors.access import visible_cases, visible_links
from cases.selectors.paging import keyset_page
from core.errors import NotFound
from core.queues import capped
from filing.models import FiledDocument, Filing, FilingStatus
from filing.storage import content_store
from payments.models import Payment, PaymentPurpose
from permissions.roles import Capability, require, scope

FILINGS_PAGE_SIZE = 25


def _filings():
    return Filing.objects.select_related(
        "account", "organization", "case", "proceeding_type", "party", "decided_by"
    ).prefetch_related(
        Prefetch(
            "documents",
            queryset=FiledDocument.objects.select_related("document_type").order_by("position"),
        )
    )


def filings_visible(actor):
    """Every filing `actor` may see, newest first."""
    require(actor, Capability.VIEW_FILINGS)
    return scope(_filings(), actor, Capability.VIEW_FILINGS, prefix="account__").order_by(
        "-created_at", "-id"
    )


def filing_for(*, actor, filing_id) -> Filing:
    try:
        filing_id = int(filing_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    filing = filings_visible(actor).filter(pk=filing_id).first()
    if filing is None:
        raise NotFound()
    return filing


def filings_of(*, actor, status: str = ""):
    """The filings a holder follows: an IU's and an OU's own, a PA's or SA's organization's."""
    rows = filings_visible(actor)
    if status in FilingStatus.values:
        rows = rows.filter(status=status)
    return rows


def filings_page(*, actor, status: str = "", before=None, after=None) -> dict:
    """A page of `filings_of`, newest first, FILINGS_PAGE_SIZE at a time: {"rows", "older",
    "newer"}, where `older` and `newer` are the ids to page on with `before` and `after`."""
    return keyset_page(
        filings_of(actor=actor, status=status),
        before=before,
        after=after,
        page_size=FILINGS_PAGE_SIZE,
    )


def registry_queue(*, actor):
    """The filings awaiting the registry, oldest first (the first 200, core.queues)."""
    require(actor, Capability.REVIEW_FILINGS)
    return capped(_filings().filter(status=FilingStatus.SUBMITTED).order_by("submitted_at", "id"))


def registry_queue_count(*, actor) -> int:
    require(actor, Capability.REVIEW_FILINGS)
    return Filing.objects.filter(status=FilingStatus.SUBMITTED).count()


def originating_filings_awaiting_the_registry():
    """New proceedings filed and not yet decided: a prospective litigant who filed them in
    time keeps the account while the registry decides (LIFE-4 [A17], lifecycle.selectors)."""
    return Filing.objects.filter(originating=True, status=FilingStatus.SUBMITTED)


DECIDED = (FilingStatus.ACCEPTED, FilingStatus.REJECTED, FilingStatus.WITHDRAWN)


def decided_filings(*, actor, status: str = "", case_number: str = "") -> list[Filing]:
    """The registry's record of filings no longer awaiting it (accepted, rejected, withdrawn),
    newest decision first (the first 200, core.queues); `status` one of those, `case_number` the
    whole number of a case or a part such as 1234/2026 (the new case of an originating
    filing too, once opened)."""
    require(actor, Capability.REVIEW_FILINGS)
    rows = _filings().filter(status__in=[status] if status in DECIDED else DECIDED)
    number = " ".join((case_number or "").split())
    if number:
        rows = rows.filter(case__number__icontains=number)
    return capped(rows.order_by("-decided_at", "-id"))


def filing_payments(filing: Filing) -> list[Payment]:
    """The fee's payments (a failed one, then the one that succeeded, perhaps refunded)."""
    return list(
        Payment.objects.select_related("receipt")
        .filter(purpose=PaymentPurpose.FILING_FEE, reference=filing.reference)
        .order_by("pk")
    )


def filings_payments(filings) -> dict[str, list[Payment]]:
    """`filing_payments` of several filings in one query: reference -> its fee's payments."""
    found: dict[str, list[Payment]] = {f.reference: [] for f in filings}
    for payment in (
        Payment.objects.select_related("receipt")
        .filter(purpose=PaymentPurpose.FILING_FEE, reference__in=list(found))
        .order_by("pk")
    ):
        found[payment.reference].append(payment)
    return found


def filed_document(*, actor, filing_id, document_id) -> tuple[FiledDocument, object]:
    """One document of a filing the actor may see, and its stored file, opened."""
    filing = filing_for(actor=actor, filing_id=filing_id)
    document = next((d for d in filing.documents.all() if str(d.pk) == str(document_id)), None)
    if document is None:
        raise NotFound()
    return document, content_store().open(document.sha256)


def parties_to_file_for(*, actor, case: Case) -> list:
    """The parties of `case` a linked filer files for (its current links); empty for a filer
    not linked, who names the party it acts for."""
    return [link.party for link in visible_links(actor).filter(case=case).select_related("party")]


def files_as_counsel_only(*, actor, case: Case) -> bool:
    """[A12]: whether every party `actor` holds in `case` it holds as counsel, so that it files
    only what counsel files."""
    links = list(visible_links(actor).filter(case=case).values_list("capacity", flat=True))
    return bool(links) and all(capacity == LinkCapacity.COUNSEL for capacity in links)


def case_to_file_in(*, actor, case_number: str) -> Case | None:
    """The case of the typed number (any spelling), if it is one the filer can see; None
    otherwise (a filer not yet linked names a case it cannot see yet)."""
    number = normalize_case_number(case_number or "")
    if number is None:
        return None
    return visible_cases(actor).select_related("proceeding_type").filter(number=number).first()


# A number in the registry's form (cases.numbers): "<CODE> <serial>/<year>". ASCII digits
# only, and at most nine, so that the serial always casts to an integer in the database.
_REGISTRY_FORM = r"^[A-Z]+ [0-9]{1,9}/[0-9]{4}$"


def next_case_number(proceeding_type: ProceedingType, year: int) -> str:
    """The registry's next number of the type in the year (a suggestion: the clerk may give
    another; the unique number decides): one above the highest serial, compared as a number
    (10 after 9), found by the database whatever the number of cases."""
    number = F("number")
    space, slash = StrIndex(number, Value(" ")), StrIndex(number, Value("/"))
    serial = Cast(Substr(number, space + 1, slash - space - 1), IntegerField())
    highest = Case.objects.filter(
        proceeding_type=proceeding_type,
        number__endswith=f"/{year}",
        number__regex=_REGISTRY_FORM,
    ).aggregate(highest=Max(serial))["highest"]
    return f"{proceeding_type.code} {(highest or 0) + 1}/{year}"
