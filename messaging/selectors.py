"""Reads of the Message Box (MSG-1, MSG-3, BEY-6): an account's own messages, newest first, a
page at a time; its unread count; its choice of emails. An account reads only its own
messages: another's is "not found", as a message that does not exist (ROLE-2)."""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from cases.numbers import normalize_case_number
from cases.selectors.access import visible_cases
from cases.selectors.routing import case_message_recipients
from core.errors import NotFound, ValidationFailed
from messaging.models import CASE_KINDS, Message, MessageCategory, NotificationPreference
from permissions.roles import Capability, require

MESSAGE_BOX_PAGE_SIZE = 25
SEARCH_MAX_LENGTH = 100
_CURSOR_SALT = "messaging.message_box.cursor"


@dataclass(frozen=True)
class MessageFilters:
    """What the Message Box may be narrowed to; every field is optional."""

    category: str = ""  # MessageCategory: CASE or ADMINISTRATIVE ("iCMS messages")
    case_number: str = ""  # a whole case number, in any spelling (CASE-1)
    search: str = ""  # words in the subject or the message, any letter case
    unread_only: bool = False


@dataclass(frozen=True)
class MessageBoxPage:
    rows: list
    next_cursor: str | None
    unread_count: int


def require_message_box(actor) -> None:
    """The Message Box is for account holders (IU, PA, SA, OU); court staff are refused before
    any lookup."""
    require(actor, Capability.USE_MESSAGE_BOX)


def own_messages(actor):
    require_message_box(actor)
    return Message.objects.filter(recipient=actor)


def unread_count(*, actor) -> int:
    """MSG-1: how many of the account's messages are unread (the partial index of unread
    messages serves it)."""
    return own_messages(actor).filter(read_at__isnull=True).count()


def message_for(actor, message_id) -> Message:
    """The account's own message; any other id is "not found"."""
    try:
        message_id = int(message_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    message = (
        own_messages(actor)
        .select_related("case__proceeding_type__court_level")
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        raise NotFound()
    return message


# --- the list --------------------------------------------------------------------------------


def _refused_cursor() -> ValidationFailed:
    return ValidationFailed(
        {"cursor": [_("This page link is not valid. Start again from the first page.")]}
    )


def _cursor_key(actor, cursor) -> tuple[datetime.datetime, int] | None:
    """The signed cursor's position (the last message shown: when sent, its id), or a
    refusal: a cursor is the portal's, for this account, or it is refused (never a 500)."""
    if cursor in (None, ""):
        return None
    if not isinstance(cursor, str) or len(cursor) > 200:
        raise _refused_cursor()
    try:
        value = signing.loads(cursor, salt=_CURSOR_SALT)
    except signing.BadSignature:
        raise _refused_cursor() from None
    if (
        not isinstance(value, dict)
        or value.get("a") != actor.pk
        or type(value.get("k")) is not int
        or value["k"] < 1
        or not isinstance(value.get("t"), str)
    ):
        raise _refused_cursor()
    sent_at = parse_datetime(value["t"])
    if sent_at is None or timezone.is_naive(sent_at):
        raise _refused_cursor()
    return sent_at, value["k"]


def _cursor_for(actor, message: Message) -> str:
    return signing.dumps(
        {"a": actor.pk, "t": message.sent_at.isoformat(), "k": message.pk}, salt=_CURSOR_SALT
    )


def _filter_conditions(filters: MessageFilters) -> Q:
    condition = Q()
    errors = {}
    if filters.category:
        if filters.category == MessageCategory.CASE:
            condition &= Q(kind__in=CASE_KINDS)
        elif filters.category == MessageCategory.ADMINISTRATIVE:
            condition &= ~Q(kind__in=CASE_KINDS)
        else:
            errors["category"] = [_("Choose case messages or iCMS messages.")]
    if filters.case_number:
        number = normalize_case_number(filters.case_number)
        if number is None:
            errors["case_number"] = [_("Enter a whole case number, such as DCPI 1234/2025.")]
        else:
            condition &= Q(case__number=number)
    search = " ".join((filters.search or "").split())
    if len(search) > SEARCH_MAX_LENGTH:
        errors["search"] = [
            _("Enter at most %(n)d characters to search for.") % {"n": SEARCH_MAX_LENGTH}
        ]
    elif search:
        condition &= Q(subject__icontains=search) | Q(body__icontains=search)
    if filters.unread_only:
        condition &= Q(read_at__isnull=True)
    if errors:
        raise ValidationFailed(errors)
    return condition


def message_box_query(*, actor, filters: MessageFilters | None = None):
    """The account's messages, newest first, before paging (index message_box_newest)."""
    filters = filters or MessageFilters()
    return (
        own_messages(actor)
        .filter(_filter_conditions(filters))
        .select_related("case")
        .order_by("-sent_at", "-pk")
    )


def message_box(
    *, actor, cursor: str | None = None, filters: MessageFilters | None = None
) -> MessageBoxPage:
    """MSG-1: the account's own messages, newest first, MESSAGE_BOX_PAGE_SIZE at a time, with
    the unread count. Keyset pages: `cursor` (signed, from the page before) continues after
    the last message shown, so a message that arrives meanwhile neither repeats nor hides one,
    and every page costs the same few queries whatever the number of messages."""
    require_message_box(actor)
    key = _cursor_key(actor, cursor)
    rows = message_box_query(actor=actor, filters=filters)
    if key is not None:
        sent_at, pk = key
        # `sent_at <= t` bounds the index scan; the rest breaks ties on the same instant.
        rows = rows.filter(sent_at__lte=sent_at).filter(Q(sent_at__lt=sent_at) | Q(pk__lt=pk))
    size = MESSAGE_BOX_PAGE_SIZE
    found = list(rows[: size + 1])
    next_cursor = _cursor_for(actor, found[size - 1]) if len(found) > size else None
    return MessageBoxPage(
        rows=found[:size], next_cursor=next_cursor, unread_count=unread_count(actor=actor)
    )


# --- the choice of emails (MSG-2, MSG-3, BEY-6) ----------------------------------------------


def notification_preference(*, actor) -> NotificationPreference:
    """The account's choice of emails; the defaults (the day-end reminder, no immediate
    emails, no muted case) while it has made none. Not saved here."""
    require_message_box(actor)
    preference = NotificationPreference.objects.filter(account=actor).first()
    return preference or NotificationPreference(account=actor)


def muted_cases(*, actor) -> list[Case]:
    """BEY-6: the cases the account asked to hear of by no immediate email, by number."""
    require_message_box(actor)
    return list(
        Case.objects.filter(
            pk__in=NotificationPreference.muted_cases.through.objects.filter(
                notificationpreference__account=actor
            ).values("case_id")
        ).order_by("number")
    )


def visible_case_by_number(*, actor, typed: str) -> Case:
    """A case the account can see, by its number in any spelling; a number of no case, or of
    a case out of reach, is "not found" alike."""
    number = normalize_case_number(typed or "")
    if number is None:
        raise ValidationFailed(
            {"case_number": [_("Enter a whole case number, such as DCPI 1234/2025.")]}
        )
    case = visible_cases(actor).filter(number=number).first()
    if case is None:
        raise ValidationFailed(
            {"case_number": [_("None of your cases has this number.")]},
        )
    return case


# --- the registry's directions (MSG-1, CASE-4) -----------------------------------------------


def direction_recipients(*, actor, case_id) -> tuple[Case, list]:
    """The case, for a registry clerk, and who would receive a direction sent to it now."""
    require(actor, Capability.SEND_CASE_DIRECTIONS)
    try:
        case = Case.objects.select_related("proceeding_type__court_level").get(pk=int(case_id))
    except (TypeError, ValueError, Case.DoesNotExist):
        raise NotFound() from None
    return case, case_message_recipients(case.pk)
