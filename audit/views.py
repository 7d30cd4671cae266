from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from audit import selectors, services
from audit.forms import AuditFilterForm
from permissions.checks import capability_required
from permissions.roles import Capability


def _page_url(form, **cursor) -> str:
    params = {
        name: value
        for name, value in form.cleaned_data.items()
        if value not in (None, "") and name not in ("before", "after")
    }
    return "?" + urlencode({**params, **cursor})


@require_http_methods(["GET", "POST"])
@capability_required(Capability.ADMINISTER_SYSTEM)
def audit_trail(request):
    """OPS-2: the system administrator reads the trail, filtered and a page at a time, and
    checks the hash chain from the back office, as `manage.py verify_audit` does."""
    result = services.audit_verify() if request.method == "POST" else None
    form = AuditFilterForm(request.GET)
    trail = older_url = newer_url = None
    if form.is_valid():
        trail = selectors.audit_trail(actor=request.user, **form.filters())
        if trail["older"]:
            older_url = _page_url(form, before=trail["older"])
        if trail["newer"]:
            newer_url = _page_url(form, after=trail["newer"])
    # htmx asks for the results alone when the filter changes; a plain request gets the page.
    template = "audit/audit_trail.html" + ("#trail" if request.htmx else "")
    return render(
        request,
        template,
        {
            "count": selectors.audit_record_count(actor=request.user),
            "result": result,
            "form": form,
            "trail": trail,
            "older_url": older_url,
            "newer_url": newer_url,
        },
    )
