"""The numbers the rules are made of, each beside the rule it comes from.

A value taken from the catalogue of rules names its rule ID; a value the catalogue leaves open
says "our choice" and why. Services, forms, messages and templates read these values here, so
that a number changes in one place.

Readers look a value up on this module when they use it (`policy.LOGIN_FAILURE_LIMIT`, not
`from core.policy import LOGIN_FAILURE_LIMIT`), so that a test can change one for itself with
`monkeypatch.setattr(policy, ...)`.

Plain Python only, no Django: config/settings.py imports this module.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from types import MappingProxyType

# --- AUTH: login ------------------------------------------------------------------------------

# AUTH-3: five consecutive failed logins lock the account ...
LOGIN_FAILURE_LIMIT = 5
# AUTH-3: ... and login is allowed again 30 minutes after the last counted failure.
LOGIN_LOCK_PERIOD = timedelta(minutes=30)

# AUTH-4 says the Change Token expires; how soon is our choice: a day is long enough to read
# the email and short enough that a token left in a mailbox is soon worthless.
CHANGE_TOKEN_VALID_FOR = timedelta(hours=24)

# LIFE-1, our choice: the code that confirms a new email address lasts as long as a Change
# Token: long enough to read the email, short enough to be soon worthless if left there.
EMAIL_CHANGE_VALID_FOR = timedelta(hours=24)

# Our choice: an API token lasts a working day, as long as a page session.
API_TOKEN_VALID_FOR = timedelta(hours=8)

# BEY-4, our choice: progressive throttling of logins per client address, across all login
# names, so that one address cannot keep many accounts locked (AUTH-3 locks by account). After
# ten wrong passwords from one address (an office behind one address mistyping; two accounts
# locked at most) the address waits a minute before its next login is checked, and after each
# further wrong password twice as long as before, up to an hour. The address's count is
# forgotten an hour after its last wrong password. At one failure an hour an address cannot
# keep even one account locked (a lock needs five within its 30 minutes).
LOGIN_ADDRESS_FAILURE_LIMIT = 10
LOGIN_ADDRESS_FIRST_WAIT = timedelta(minutes=1)
LOGIN_ADDRESS_MAX_WAIT = timedelta(hours=1)
LOGIN_ADDRESS_FAILURES_KEPT_FOR = timedelta(hours=1)

# OPS-1 says court staff log in with a second factor; how long a right password waits for the
# one-time code is our choice (not in the FAQ): five minutes is enough to open the
# authenticator app, or to scan the QR code when enrolling, and short enough that a password
# proven on an unattended screen is soon worthless. After it the login starts again.
SECOND_FACTOR_PENDING_FOR = timedelta(minutes=5)

# --- REG: applications ------------------------------------------------------------------------

# REG-8: vetting is due 3 working days after the application was received.
VETTING_DUE_WORKING_DAYS = 3

# REG-3 says approval states a period within which a prospective litigant files an
# e-proceeding; its length is our choice (three months), counted from identity authentication.
PROSPECTIVE_LITIGANT_FILING_PERIOD = timedelta(days=90)

# Our choice: as many cases as the application form has rows for.
MAX_CASES_PER_APPLICATION = 10

# Our choice: the applicant's status link (registration/access.py) outlives every stage of an
# application without an account: vetting, requests for more information and the 30 days of
# identity authentication, with room to spare.
APPLICATION_STATUS_LINK_VALID_FOR = timedelta(days=120)

# --- IDA: identity authentication ---------------------------------------------------------------

# IDA-1, IDA-3: the applicant has 30 calendar days to authenticate identity in person; after
# that the application is regarded as rejected.
AUTHENTICATION_PERIOD = timedelta(days=30)

# --- ACT: activation ----------------------------------------------------------------------------

# ACT-4 says activation codes expire; how soon is our choice: two weeks, for a code sent by
# email to someone who may be away.
ACTIVATION_CODE_VALID_FOR = timedelta(days=14)

# Our choice (ACT-1, ACT-4): activations with the right code but the wrong particulars that
# void the code, so that the particulars cannot be guessed at length.
ACTIVATION_MAX_MISMATCHES = 5

# --- ORG: organizations -------------------------------------------------------------------------

# AUTH-2 says the Organization Code is system-generated and unique; its length is our choice:
# ten characters of base 32 (50 bits), typed at every login, too many to guess or enumerate.
ORGANIZATION_CODE_LENGTH = 10

# ORG-4, our choice: the most a vetting officer may approve for any one limit, so that a typing
# slip cannot make a limit meaningless.
ORGANIZATION_LIMIT_CEILING = 9999


@dataclass(frozen=True)
class OrganizationLimits:
    """ORG-3: the default limits of one organization; ORG-4 lets a vetting officer approve other
    limits for an organization (`dataclasses.replace(DEFAULT_ORGANIZATION_LIMITS, ...)`)."""

    primary_administrators: int = 2  # ORG-3: PA 2
    secondary_administrators: int = 10  # ORG-3: SA 10
    organization_users: int = 50  # ORG-3: OU 50
    default_organization_users: int = 5  # ORG-3: default OU 5
    branches: int = 10  # ORG-3: branches 10
    organization_users_per_case_party: int = 10  # ORG-3, CASE-7: OU holders per case party 10


DEFAULT_ORGANIZATION_LIMITS = OrganizationLimits()

# --- LIFE and AUTH-6: the account lifecycle's daily jobs (lifecycle app) ------------------------

# LIFE-3 [A48]: an IU account is de-activated three months after the final disposal of the last
# e-proceeding linked to it (calendar months; the 31st gives the month's last day).
DEACTIVATION_AFTER_FINAL_DISPOSAL_MONTHS = 3
# LIFE-3 asks for prior notice in the Message Box; how long before is our choice: one month,
# and never less, so that a disposal recorded late moves the date, not the notice.
DEACTIVATION_NOTICE_MONTHS = 1

# AUTH-6 [A52] says password change reminders go to the Message Box; when is our choice: once a
# password is 180 days old, and again every 180 days while it stays unchanged.
PASSWORD_REMINDER_AFTER_DAYS = 180

# --- Uploads ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadType:
    content_type: str
    extension: str
    signature: bytes  # how the file's content begins: the type is judged by it, not the name


# Our choice: 10 MiB is enough for a scanned document of many pages.
UPLOAD_MAX_BYTES = 10 * 1024 * 1024

# Our choice: the most files one request may carry, pages and API alike. The largest request
# is a company's PA application on paper, keyed in with its four documents (the authorization
# letter, the proof of its status, the proof of involvement and the scanned form).
MAX_FILES_PER_REQUEST = 4

# Our choice: the largest body a request may declare, refused before it is read so that a
# larger upload never reaches the disk: every file at its largest, and 1 MiB for the rest.
REQUEST_MAX_BYTES = MAX_FILES_PER_REQUEST * UPLOAD_MAX_BYTES + 1024 * 1024

# Our choice: formats every court office can open and print.
UPLOAD_TYPES = (
    UploadType("application/pdf", ".pdf", b"%PDF-"),
    UploadType("image/jpeg", ".jpg", b"\xff\xd8\xff"),
    UploadType("image/png", ".png", b"\x89PNG\r\n\x1a\n"),
)
# SVC-1: e-filed documents are PDF only.
PDF_ONLY = UPLOAD_TYPES[:1]

# Our choice: a file sent with a filing form that comes back for corrections is kept for the
# filer this long (a working day's interruptions), at most this many per account (the oldest go
# first), so that the form need not ask for it again.
HELD_UPLOAD_FOR = timedelta(hours=24)
MAX_HELD_UPLOADS_PER_ACCOUNT = 20
# Our choice: an online application for an account sent back for corrections keeps its files
# too, for an applicant who has no account: bound to the browser's session, at most
# MAX_HELD_UPLOADS_PER_ACCOUNT per session as for an account. A new session costs nothing, so
# what bounds the storage is the scope "hold_files" of RATE_LIMITS (files held per client address
# a day) and this: the bytes held for all applicants without an account at once (a flood from
# many addresses). Past either, a file is not kept and the form asks for it again.
HELD_UPLOADS_WITHOUT_ACCOUNT_MAX_BYTES = 2 * 1024**3

# --- Court policy: filing limits and fees (BEY-2, SVC-1) ---------------------------------------

# Our choice: the registry sets each proceeding type's file limits (filing.models.FileLimits),
# within what the portal can receive in one request: a file of at most UPLOAD_MAX_BYTES, at
# most MAX_FILES_PER_REQUEST files, and at most this many pages (a bound on the work of
# checking one file).
FILING_MAX_PAGES_CEILING = 5000

# Our choice: the most lines one fee calculation or pre-filing check takes, and the most copies
# of one document type on a line: far more than any filing, few enough to answer at once.
FEE_CALCULATION_MAX_LINES = 50
FEE_CALCULATION_MAX_COPIES = 100

# SVC-6 [A38], our choice: the fee for the certification of a translation, in HKD, per page of
# the translation submitted. The catalogue names no fee; like the court policy's seed fees, a
# demonstration value (docs/decisions.md, "Certification of translations"), for the court's
# schedule to replace.
TRANSLATION_CERTIFICATION_FEE_PER_PAGE = Decimal("95.00")
# --- Public inspection (SVC-2, GEN-3) ---------------------------------------------------------

# SVC-2 says anyone inspects a document open to public inspection after paying the search fee;
# how long the paid link lasts is our choice: three days (72 hours), long enough to download
# the document again on another day, short enough that a link passed on is soon worthless.
INSPECTION_LINK_VALID_FOR = timedelta(hours=72)

# --- API: retries with an Idempotency-Key (core/idempotency.py) -------------------------------

# Our choice, as payment services do: the answer to a write sent with an Idempotency-Key is kept
# this long, so that a firm's system that lost it (a timeout, a dropped connection) can retry
# with the same key for a working day and more, then is removed by the daily job.
IDEMPOTENCY_KEY_KEPT_FOR = timedelta(hours=24)
# Our choice: a request with a key still unanswered after this long has ended without an answer
# (the application server stops a request after 30 seconds): the key says so instead of "in
# progress", and the client checks what was done before trying again with a new key.
IDEMPOTENCY_UNANSWERED_AFTER = timedelta(minutes=10)

# --- Rate limits on the public forms ----------------------------------------------------------


@dataclass(frozen=True)
class RateLimit:
    uses: int
    per: timedelta


# Our choice: uses of a public form per client address (core/ratelimit.py), enough for a family
# or an office behind one address, too few for a flood.
RATE_LIMITS = MappingProxyType(
    {
        "apply": RateLimit(uses=10, per=timedelta(hours=1)),
        "supplement": RateLimit(uses=20, per=timedelta(hours=1)),
        "activate": RateLimit(uses=20, per=timedelta(hours=1)),
        "reset_password": RateLimit(uses=20, per=timedelta(hours=1)),
        # BEY-4, our choice: asking for a self-unlock Change Token, per address; and per
        # login name, so that nobody fills a holder's mailbox.
        "unlock": RateLimit(uses=10, per=timedelta(hours=1)),
        "unlock_per_account": RateLimit(uses=3, per=timedelta(days=1)),
        # Our choice: the application form's check of a case number (every check counts):
        # far more than an applicant listing ten cases needs, too few to harvest the register.
        "case_check": RateLimit(uses=60, per=timedelta(hours=1)),
        # Our choice: the public court policy and fee calculation (BEY-2), read by programs
        # that cache it; every request counts.
        "court_policy": RateLimit(uses=120, per=timedelta(hours=1)),
        # Our choice (SVC-5, BEY-3): the public check of a Document Reference Number, by number,
        # by its QR code or by comparing a copy (every check counts), as the case-number check.
        "drn_check": RateLimit(uses=60, per=timedelta(hours=1)),
        # SVC-4, GEN-3, our choice: payments started without logging in (the search fee), per
        # address; each opens a session at the payment gateway.
        "public_payment": RateLimit(uses=30, per=timedelta(hours=1)),
        # SVC-3, GEN-3, our choice: searches of the public Cause Book (page, printable list
        # and API alike; every search counts): a lawyer's day of lists many times over, too
        # few to copy every court's lists from one address.
        "cause_book": RateLimit(uses=120, per=timedelta(hours=1)),
        # SVC-2, GEN-3, our choice: the public search of documents open to inspection, per
        # address; every search and every page of results counts. Enough for a person going
        # through the results of many searches, too few to harvest the register.
        "public_search": RateLimit(uses=120, per=timedelta(hours=1)),
        # Our choice: files kept for applicants without an account (HELD_UPLOAD_FOR), per
        # address and day (every file kept counts): an applicant's two or three documents
        # replaced a few times, for a family or an office of applicants; at most this many
        # times UPLOAD_MAX_BYTES (300 MB) stored for an address a day.
        "hold_files": RateLimit(uses=30, per=timedelta(days=1)),
    }
)

# Our choice: the scopes above that count only what was accepted (an application submitted, a
# supplement sent), so that a person correcting a form is not locked out by their own mistakes.
# Their links and forms guard no secret that a wrong attempt would be a guess at (the status
# link is signed); activation and password reset count every attempt, each a guess at a code.
RATE_LIMITS_COUNT_ACCEPTED = frozenset({"apply", "supplement"})

# Our choice: every attempt at those scopes, accepted or not, counts against these larger
# limits, against a flood from one address; far more than a person correcting a form makes.
RATE_LIMITS_ATTEMPTS = MappingProxyType(
    {
        "apply": RateLimit(uses=60, per=timedelta(hours=1)),
        "supplement": RateLimit(uses=60, per=timedelta(hours=1)),
    }
)


# Our choice: what arrives on paper (an application, a notice, a request to end an account) is
# keyed in within two years of its arrival, generously; an older date is a typing error
# (0001-01-01 made an application overdue by two thousand years).
PAPER_RECEIVED_WITHIN = timedelta(days=2 * 366)


def paper_received_too_long_ago(received_on) -> bool:
    from core.workdays import local_today

    return received_on < local_today() - PAPER_RECEIVED_WITHIN
