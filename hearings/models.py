"""The Cause Book (SVC-3): the hearings the courts list, by date, court, courtroom and judge, for
the cases the registry keeps; and the holders' calendar feeds of their cases' hearings (BEY-6).

Every write goes through `hearings.services`; these models hold data and invariants only."""

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cases.models import Case, CourtLevel


class HearingType(models.TextChoices):
    MENTION = "MENTION", _("Mention")
    CASE_MANAGEMENT = "CMC", _("Case management conference")
    TRIAL = "TRIAL", _("Trial")
    PRE_TRIAL_REVIEW = "PTR", _("Pre-trial review")
    CHAMBERS = "CHAMBERS", _("Chambers hearing")
    JUDGMENT = "JUDGMENT", _("Judgment handed down")
    OTHER = "OTHER", _("Other")


_NUMBERED_COURTROOM = re.compile(r"^\s*Court\s+(?:No\.\s*)?(\d{1,3})\s*$", re.IGNORECASE | re.ASCII)
# The same, as a Chinese page names it: 第23號法庭 (the clerk may type it so on the Chinese form).
_NUMBERED_COURTROOM_ZH = re.compile(r"^\s*第?\s*(\d{1,3})\s*號?\s*法庭\s*$", re.ASCII)


def courtroom_number(courtroom: str) -> str | None:
    """The number of a numbered courtroom, named in English ("Court 23", "court no. 23") or in
    Chinese ("第23號法庭"); None for a courtroom named otherwise ("Tribunal Room B")."""
    numbered = _NUMBERED_COURTROOM.match(courtroom or "") or _NUMBERED_COURTROOM_ZH.match(
        courtroom or ""
    )
    return str(int(numbered.group(1))) if numbered else None


class Hearing(models.Model):
    """One listing of a case: a date and time, a courtroom, a judge. The court level is the
    case's (its proceeding type's), kept here so that the list filters on it directly."""

    date = models.DateField(_("date"))
    start_time = models.TimeField(_("time"))
    court_level = models.ForeignKey(CourtLevel, on_delete=models.PROTECT, related_name="+")
    court = models.CharField(_("court"), max_length=100, help_text="e.g. District Court")
    courtroom = models.CharField(_("courtroom"), max_length=50, help_text="e.g. Court 23")
    judge_en = models.CharField(_("judge (English)"), max_length=200, help_text="HH Judge LEE")
    judge_zh = models.CharField(_("judge (Chinese)"), max_length=200, blank=True)
    # No index of its own: `one_hearing_per_slot` begins with the case.
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="hearings", db_index=False
    )
    hearing_type = models.CharField(_("hearing type"), max_length=10, choices=HearingType.choices)
    # Not in the public Cause Book: a hearing in chambers, or of a case heard in private. The
    # parties still see it in their calendar feeds.
    public = models.BooleanField(_("listed in the public Cause Book"), default=True)
    notes = models.TextField(_("notes"), blank=True)
    # The case's folded party names (`Case.search_names`), copied onto each of its hearings so
    # that the public search reads them from the list's own index, never row by row from the
    # cases. The database keeps the copy: triggers set it when a hearing is written and when
    # its case's names change (migration 0002), so no writer can leave it stale.
    party_names = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "start_time", "court_level_id", "courtroom", "case_id"]
        constraints = [
            # One listing of a case at one time in one courtroom: what makes an import
            # idempotent.
            models.UniqueConstraint(
                fields=["case", "date", "start_time", "courtroom"], name="one_hearing_per_slot"
            )
        ]
        indexes = [
            # The lists, in their order: the public search's span of days and the registry's
            # list from a day on. On PostgreSQL it also holds the id, whether the hearing is
            # public and the party names, so that a public search by party name filters and
            # pages in the index alone (an index-only scan) and reads only the hearings of its
            # page from the table (docs/decisions.md, issue 15).
            models.Index(
                fields=["date", "start_time", "court_level", "courtroom", "case"],
                include=["id", "public", "party_names"],
                name="hearings_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.case.number} {self.date} {self.start_time:%H:%M} {self.courtroom}"

    @property
    def judge(self) -> str:
        """The judge's name in the page's language."""
        language = get_language() or ""
        return self.judge_zh if language.startswith("zh") and self.judge_zh else self.judge_en

    @property
    def courtroom_name(self) -> str:
        """The courtroom in the page's language: "Court 23" reads "第23號法庭" on a Chinese
        page; a courtroom named otherwise is shown as the registry wrote it."""
        language = get_language() or ""
        number = courtroom_number(self.courtroom)
        if number is None:
            return self.courtroom
        return f"第{number}號法庭" if language.startswith("zh") else f"Court {number}"

    @property
    def court_name(self) -> str:
        """The court in the page's language: a court named as its level is ("District Court")
        takes the level's Chinese name on a Chinese page."""
        language = get_language() or ""
        level = self.court_level
        if language.startswith("zh") and self.court == level.name_en:
            return level.name_zh
        if not language.startswith("zh") and level.name_zh and self.court == level.name_zh:
            return level.name_en  # kept as typed on the Chinese form before it was made English
        return self.court


class CauseBookImport(models.Model):
    """A file of hearings the registry imported: what it held and what it changed."""

    file_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    created = models.PositiveIntegerField()
    updated = models.PositiveIntegerField()
    unchanged = models.PositiveIntegerField()
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )


class CalendarFeed(models.Model):
    """BEY-6: a holder's secret calendar address. Only a keyed hash of its token is kept; the
    address is shown once, when it is made. Revoked, it answers "not found"."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_calendar_feed_per_account",
            )
        ]
