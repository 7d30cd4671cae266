"""The Cause Book's reads: the public search (SVC-3), the registry's list, and a holder's
calendar feed (BEY-6).

The public never sees a hearing that is not public (in chambers, or of a case heard in
private): every public read starts from `public_hearings()`."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cases.models import CaseParty, CourtLevel, PartyType, title_rank
from cases.search import query_text
from cases.selectors.access import case_for, visible_cases
from core.errors import NotFound
from core.workdays import is_working_day, local_today
from hearings.models import CalendarFeed, Hearing
from hearings.tokens import token_hash
from permissions.roles import Capability, can, require

PAGE_SIZE = 50
# The deepest page of a search (500,000 hearings): beyond it a page is empty, as past the end.
MAX_PAGES = 10_000
# The longest span one search covers: a month of lists.
MAX_DAYS = 31
# A calendar holds the hearings of the last month and of the year ahead.
CALENDAR_PAST = datetime.timedelta(days=31)
CALENDAR_FUTURE = datetime.timedelta(days=366)
CALENDAR_MAX_EVENTS = 2000

# The order of the lists: date, time, court, courtroom, then the cases in the order the court
# opened them (one hearing per case, time and courtroom, so a total order). All of it the
# hearing's own columns, as the public list's index holds them.
_LIST_ORDER = ("date", "start_time", "court_level_id", "courtroom", "case_id")
_FIRST_SIDE = (PartyType.PLAINTIFF, PartyType.APPLICANT)
_SECOND_SIDE = (PartyType.DEFENDANT, PartyType.RESPONDENT)


@dataclass(frozen=True)
class CauseBookFilters:
    """One search of the Cause Book. `date_to` None is the day of `date_from`."""

    date_from: datetime.date
    date_to: datetime.date | None = None
    court_level: str = ""  # a court level's code
    judge: str = ""
    case_number: str = ""  # in the registry's form (cases.numbers)
    party: str = ""


def public_hearings():
    # A case the registry closed to the public (a sealed file, proceedings of a family nature:
    # inspection.CaseInspection) shows none of its hearings either, whatever each one says.
    # Read through the relation, as hearings sit below inspection (pyproject's layers).
    return Hearing.objects.filter(public=True).exclude(case__public_inspection__closed=True)


def _listed(hearings):
    return hearings.select_related("case", "court_level")


def cause_book_search(filters: CauseBookFilters):
    """The public hearings that match, in the order of the lists: date, time, courtroom, case.
    The party's name matches any part of a party's name, English or Chinese, whatever the
    letter case and spacing (`cases.search`); the judge's any part of either name."""
    date_to = filters.date_to or filters.date_from
    hearings = public_hearings().filter(date__gte=filters.date_from, date__lte=date_to)
    if filters.court_level:
        hearings = hearings.filter(court_level__code=filters.court_level)
    judge = " ".join(filters.judge.split())
    if judge:
        hearings = hearings.filter(Q(judge_en__icontains=judge) | Q(judge_zh__icontains=judge))
    if filters.case_number:
        hearings = hearings.filter(case__number=filters.case_number)
    party = query_text(filters.party)
    if party:
        # Both sides folded alike, so a plain LIKE on the hearing's copy of its case's names,
        # which the public list's index holds (docs/decisions.md).
        hearings = hearings.filter(party_names__contains=party)
    return _listed(hearings).order_by(*_LIST_ORDER)


@dataclass(frozen=True)
class CauseBookPage:
    """A page of a search: its hearings, its number (1 on) and whether a next one follows.
    No count of the whole search: counting reads every public hearing of the span and its
    case's names, most of the time a search takes (docs/decisions.md, issue 15)."""

    hearings: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1

    @property
    def end_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + len(self.hearings)


def page_number(value) -> int | None:
    """A page number as a query gives it ("2"), or None when it is not one (1 to MAX_PAGES)."""
    text = str(value if value is not None else "1").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        return None
    number = int(text)
    return number if 1 <= number <= MAX_PAGES else None


def cause_book_page(hearings, number: int) -> CauseBookPage:
    """Page `number` of a search (`cause_book_search`): PAGE_SIZE + 1 rows, the last only to
    know whether another page follows, so the query stops early (LIMIT). First their ids alone,
    which PostgreSQL finds in the public list's index without reading the table, then those
    hearings with their cases and parties."""
    start = (number - 1) * PAGE_SIZE
    ids = list(hearings.values_list("pk", flat=True)[start : start + PAGE_SIZE + 1])
    rows = _listed(hearings.model.objects.filter(pk__in=ids[:PAGE_SIZE]))
    rows = with_parties(list(rows.order_by(*_LIST_ORDER)))
    return CauseBookPage(hearings=rows, number=number, has_next=len(ids) > PAGE_SIZE)


class _PartyName(NamedTuple):
    party_type: str
    name: str
    name_zh: str


def with_parties(hearings: list) -> list:
    """The hearings, each case with its parties' names in title order
    (`case.parties_in_title_order`, which `parties_title` reads), in one query of the names
    alone, however many hearings: no party object is made, most of a page's time outside
    the database."""
    names = defaultdict(list)
    parties = (
        CaseParty.objects.filter(case_id__in={hearing.case_id for hearing in hearings})
        .order_by()
        .values_list("case_id", "party_type", "position", "name", "name_zh")
    )
    # Put in title order here: building the ordering expression into the query cost a page of
    # the Cause Book more than running the query (docs/decisions.md, issue 15's tenth pass).
    # Each case's names are gathered apart, so only the order within a case matters.
    for case_id, party_type, _position, name, name_zh in sorted(
        parties, key=lambda party: (title_rank(party[1]), party[2])
    ):
        names[case_id].append(_PartyName(party_type, name, name_zh))
    for hearing in hearings:
        hearing.case.parties_in_title_order = names[hearing.case_id]
    return hearings


def court_levels():
    return CourtLevel.objects.order_by("code")


def parties_title(case) -> str:
    """The parties as a list names them: "CHAN Tai Man v. LEE Ka Yan", in the page's language
    where the court has the Chinese names ("陳大文 對 李家欣")."""
    chinese = (get_language() or "").startswith("zh")

    def name(party):
        return party.name_zh if chinese and party.name_zh else party.name

    parties = case.parties_in_title_order  # `with_parties` read them for the whole list
    first = [name(p) for p in parties if p.party_type in _FIRST_SIDE]
    second = [name(p) for p in parties if p.party_type in _SECOND_SIDE]
    joiner = "、" if chinese else " and "
    if first and second:
        versus = " 對 " if chinese else " v. "
        return joiner.join(first) + versus + joiner.join(second)
    return joiner.join(name(p) for p in parties)


def date_remarks(day: datetime.date) -> list[str]:
    """What a clerk listing a hearing on `day` should look at again, without being refused: a
    court may sit on a Saturday or list a remand on a holiday, and a past list may be recorded
    late."""
    remarks = []
    if not is_working_day(day):
        remarks.append(
            _("%(date)s is a Saturday, a Sunday or a public holiday in Hong Kong.")
            % {"date": date_format(day, "DATE_FORMAT")}
        )
    if day < local_today():
        remarks.append(_("%(date)s has passed.") % {"date": date_format(day, "DATE_FORMAT")})
    return remarks


def default_date() -> datetime.date:
    return local_today()


# --- the registry -------------------------------------------------------------------------------


def staff_hearings(*, actor, date_from=None, date_to=None, case_number: str = ""):
    """Every hearing, public or not, from `date_from` (today) on, for the registry's list."""
    require(actor, Capability.MAINTAIN_CAUSE_BOOK)
    hearings = Hearing.objects.all()
    if case_number:
        hearings = hearings.filter(case__number=case_number)
    else:
        hearings = hearings.filter(date__gte=date_from or local_today())
    if date_to:
        hearings = hearings.filter(date__lte=date_to)
    return _listed(hearings).order_by(*_LIST_ORDER)


def staff_hearing(*, actor, hearing_id) -> Hearing:
    require(actor, Capability.MAINTAIN_CAUSE_BOOK)
    hearing = (
        Hearing.objects.select_related("case", "court_level").filter(pk=hearing_id).first()
        if str(hearing_id).isdigit()
        else None
    )
    if hearing is None:
        raise NotFound()
    return hearing


# --- BEY-6: the calendar ------------------------------------------------------------------------


def calendar_feed_of(*, actor) -> CalendarFeed | None:
    """The holder's calendar address in use, if any."""
    require(actor, Capability.USE_HEARINGS_CALENDAR, actor)
    return CalendarFeed.objects.filter(account=actor, revoked_at__isnull=True).first()


def calendar_feed_for_token(token: str) -> CalendarFeed:
    """The feed of a token in use, for an account that may still use it; otherwise "not
    found", whatever the reason (revoked, unknown, the account ended)."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise NotFound()
    feed = (
        CalendarFeed.objects.select_related("account")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .first()
    )
    if feed is None:
        raise NotFound()
    if not can(feed.account, Capability.USE_HEARINGS_CALENDAR, feed.account):
        raise NotFound()
    return feed


# Our choice: a case's own list stops here; a case with more hearings is a rare long trial.
CASE_HEARINGS_MAX = 200


def case_hearings(*, actor, case_id):
    """BEY-6: the hearings of one case `actor` sees (as its calendar holds them: public or not,
    the last month and everything ahead), for the case's own page; another's case is not
    found. Returns the case and its hearings in date order."""
    require(actor, Capability.USE_HEARINGS_CALENDAR)
    case = case_for(actor, case_id)
    hearings = _listed(
        Hearing.objects.filter(case=case, date__gte=timezone.localdate() - CALENDAR_PAST)
    ).order_by("date", "start_time", "pk")[:CASE_HEARINGS_MAX]
    return case, with_parties(list(hearings))


def calendar_hearings(account) -> list:
    """The hearings of the cases `account` sees now (`visible_cases`: an IU its own, an OU
    those assigned to it, a PA or SA its organization's), public or not: they are its
    cases. The last month and the year ahead."""
    today = timezone.localdate()
    hearings = _listed(
        Hearing.objects.filter(
            case__in=visible_cases(account),
            date__gte=today - CALENDAR_PAST,
            date__lte=today + CALENDAR_FUTURE,
        )
    ).order_by("date", "start_time", "pk")[:CALENDAR_MAX_EVENTS]
    return with_parties(list(hearings))
