"""BEY-6: a holder's hearings as an iCalendar file (RFC 5545), written by hand: one VCALENDAR,
one VEVENT per hearing. Times are written in UTC (the `Z` form), which every calendar reads
without a VTIMEZONE; the calendar shows them in its own time zone (Hong Kong has no daylight
saving, so nothing shifts). Lines end in CRLF and are folded at 75 octets, never inside a
UTF-8 character."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

PRODUCT = "-//Judiciary of Hong Kong//iCMS e-Courts Cause Book//EN"
# A hearing's length is not in the Cause Book; an hour shows it as a block in a calendar.
DEFAULT_LENGTH = datetime.timedelta(hours=1)


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545 3.1): continuation lines start with a
    space, which counts in their 75."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", 74
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    site = getattr(settings, "SITE_URL", "") or "icms.invalid"
    return site.split("://", 1)[-1].split("/", 1)[0] or "icms.invalid"


def calendar(events: Iterable[dict], *, name: str, now: datetime.datetime | None = None) -> str:
    """The file. Each event: uid_part, start (aware datetime), summary, location,
    description."""
    stamp = _utc(now or timezone.now())
    host = _host()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "X-WR-TIMEZONE:Asia/Hong_Kong",
    ]
    for event in events:
        start = event["start"]
        lines += [
            "BEGIN:VEVENT",
            f"UID:hearing-{event['uid_part']}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(start)}",
            f"DTEND:{_utc(start + DEFAULT_LENGTH)}",
            f"SUMMARY:{escape(event['summary'])}",
            f"LOCATION:{escape(event['location'])}",
            f"DESCRIPTION:{escape(event['description'])}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
