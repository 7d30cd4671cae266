"""The one hierarchy of domain errors. Pages show them as form errors; the API maps them to
HTTP statuses in core.api.exception_handler. Each has a stable `code` for API clients."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "invalid"
    status = 400
    default_message = _("The request could not be completed.")

    def __init__(self, message=None, *, code=None, field=None):
        self.message = message or self.default_message
        if code:
            self.code = code
        self.field = field
        super().__init__(str(self.message))


class ValidationFailed(DomainError):
    """Bad input: nothing was saved. `errors` maps field names to lists of messages."""

    code = "validation_failed"

    def __init__(self, errors: dict, message=None):
        self.errors = errors
        super().__init__(message or _("Please correct the errors below."))


class NotPermitted(DomainError, PermissionDenied):
    """Visible to the actor, but not theirs to do (ROLE-2). A page answers 403 as Django does
    for PermissionDenied; the API answers 403 with the error body."""

    code = "not_permitted"
    status = 403
    default_message = _("You are not permitted to do this.")


class NotFound(DomainError, Http404):
    """Absent, or outside what the actor may see: the two get the same answer, so a refusal
    never reveals whether a record exists. A page answers 404 as Django does for Http404."""

    code = "not_found"
    status = 404
    default_message = _("Not found.")


class InvalidTransition(DomainError):
    code = "invalid_state"
    status = 409
    default_message = _("This cannot be done in the record's present state.")
