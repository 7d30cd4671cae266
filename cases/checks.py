"""What the court says of a typed case number (journey 1, GEN-2): on the application forms as
the applicant leaves the field, in the public API, on the vetting page and in the account's
opening email. Only whether the number is a case the court knows, whether its proceedings are
conducted through iCMS, and whether it is finally disposed of: never its parties or title
(docs/decisions.md, "The case-number check")."""

from django.utils.translation import gettext_lazy as _

from cases.selectors.linkability import CaseCheck, Linkability

_SAYS = {
    Linkability.LINKABLE: _(
        "%(number)s is a case of the court conducted through iCMS (%(proceeding)s): it can be "
        "linked."
    ),
    Linkability.NOT_E_ENABLED: _(
        "%(number)s is a case of the court, but its proceedings (%(proceeding)s) are not "
        "conducted through iCMS: it stays on paper and cannot be linked."
    ),
    Linkability.DISPOSED: _(
        "%(number)s has been finally disposed of (%(proceeding)s): it can no longer be linked."
    ),
    Linkability.UNKNOWN: _(
        "%(number)s is not found in the court's records: check the number. A case not in the "
        "records cannot be linked."
    ),
    Linkability.NOT_A_CASE_NUMBER: _(
        "This is not a case number. Enter it as the court writes it, e.g. DCPI 1234/2025."
    ),
}


def proceeding_name(check: CaseCheck) -> str:
    """The proceeding's name in the present language, e.g. "District Court, Personal Injuries
    Action"; empty for a number the court does not know."""
    if check.case is None:
        return ""
    kind = check.case.proceeding_type
    return _("%(level)s, %(type)s") % {"level": kind.court_level.name, "type": kind.name}


def check_message(check: CaseCheck) -> str:
    return str(_SAYS[check.linkability]) % {
        "number": check.number or "",
        "proceeding": proceeding_name(check),
    }
