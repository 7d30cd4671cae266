from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from audit import selectors, services
from permissions.checks import capability_required
from permissions.roles import Capability


@require_http_methods(["GET", "POST"])
@capability_required(Capability.ADMINISTER_SYSTEM)
def audit_trail(request):
    """OPS-2: the system administrator checks the hash chain from the back office, as
    `manage.py verify_audit` does."""
    result = services.audit_verify() if request.method == "POST" else None
    return render(
        request,
        "audit/audit_trail.html",
        {"count": selectors.audit_record_count(actor=request.user), "result": result},
    )
