"""Pages call the same services as the API; this is the one adapter from a service's refusal
to errors on the form the person filled in. And the registry's rejection with reasons of what
an applicant asked for (a filing, a certification), form and button, which e-filing and
translations share."""

from django import forms
from django.contrib import messages as django_messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError, NotPermitted, ValidationFailed

REASONS_MAX = 4000


class BrowserDateInput(forms.DateInput):
    """The browser's date field. It reads only an ISO date (2026-11-30), whatever the page's
    language: a value in the English format (30/11/2026) showed as an empty field."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def apply_service_errors(form, errors: dict, formset=None, aliases: dict | None = None) -> None:
    """Show a service's ValidationFailed errors on the form fields they belong to.
    Keys "<prefix>-<i>-<field>" go to row i of `formset`; `aliases` renames other keys."""
    aliases = aliases or {}
    for key, messages in errors.items():
        field = aliases.get(key, key)
        for message in messages:
            parts = key.split("-")
            if formset is not None and len(parts) == 3 and parts[0] == formset.prefix:
                formset.forms[int(parts[1])].add_error(parts[2], message)
            elif field in form.fields:
                form.add_error(field, message)
            else:
                form.add_error(None, message)


def run_service(form, service, *, formset=None, aliases=None, **kwargs):
    """Call `service(**kwargs)` and return what it returns. On a refusal put its messages on
    `form` and return None: a bad field on that field, anything else at the top (`aliases`
    renames fields; its None entry places a refusal that names no field). NotPermitted is not
    a refusal of the input: it propagates and becomes the 403 page."""
    try:
        return service(**kwargs)
    except ValidationFailed as exc:
        apply_service_errors(form, exc.errors, formset, aliases)
    except DomainError as exc:
        if isinstance(exc, NotPermitted):
            raise
        field = aliases.get(exc.field, exc.field) if aliases else exc.field
        form.add_error(field if field in form.fields else None, str(exc.message))
    return None


class RejectForm(forms.Form):
    """The registry's reasons for rejecting: required, as the transition "reject" of
    `transitions` (core.transitions) requires them, and refused in its words when missing.
    A subclass names its `transitions` and says who reads the reasons (`reasons_help`)."""

    transitions = None
    reasons_help = ""

    reasons = forms.CharField(
        label=_("Reasons for rejecting"),
        max_length=REASONS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reasons"]
        field.help_text = self.reasons_help
        field.error_messages = {
            **field.error_messages,
            "required": self.transitions["reject"].reasons_missing,
        }


def decision_confirmed(request) -> bool:
    """Whether a registry decision's POST is the confirmation (the second), not the first."""
    return request.POST.get("confirm") == "yes"


def confirmation_page(
    request,
    *,
    title,
    explanation,
    confirm_label,
    back_url,
    hidden=(),
    summary=(),
    warning=False,
):
    """A decision the applicant is told of at once and that cannot be taken back asks again
    first, on a page of its own that posts the same decision with confirm=yes (no script
    needed): as vetting, requests to link and Notices of Change do."""
    return render(
        request,
        "core/confirm_decision.html",
        {
            "title": title,
            "explanation": explanation,
            "confirm_label": confirm_label,
            "action_url": request.path,
            "back_url": back_url,
            "hidden": list(hidden),
            "summary": list(summary),
            "warning": warning,
        },
    )


def rejected_with_reasons(
    request, form_class, reject, *, refused, done, queue, confirm=None, **ids
):
    """The registry's Reject button: `reject(actor=, reasons=, **ids)` with the reasons typed
    in `form_class` (a RejectForm). Refused, `refused(form)` answers (the page again, with the
    form's errors); rejected, `done` (with the "reference") is said and the clerk goes back to
    `queue`. `confirm`: (title, back_url) of the confirmation asked first."""
    form = form_class(request.POST)
    if confirm is not None and form.is_valid() and not decision_confirmed(request):
        title, back_url = confirm
        return confirmation_page(
            request,
            title=title,
            explanation=_(
                "The applicant is told at once, with your reasons, and any fee paid is "
                "refunded. This cannot be undone."
            ),
            confirm_label=_("Yes, reject"),
            back_url=back_url,
            hidden=[("reasons", form.cleaned_data["reasons"])],
            summary=[(_("Reasons"), form.cleaned_data["reasons"])],
            warning=True,
        )
    rejected = form.is_valid() and run_service(
        form, reject, actor=request.user, reasons=form.cleaned_data["reasons"], **ids
    )
    if not rejected:
        return refused(form)
    django_messages.success(request, done % {"reference": rejected.reference})
    return redirect(queue)
