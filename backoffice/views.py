"""The back office's shell: the dashboard of work queues. Each domain app owns its staff pages
(registration.staff_views, accounts.staff_views, audit.views)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from audit import selectors as audit_selectors
from cases.selectors import notices as notice_selectors
from cases.selectors import registry as registry_selectors
from core.errors import NotPermitted
from core.workdays import local_today
from filing.selectors import filings as filing_selectors
from organizations import selectors as organization_selectors
from permissions.roles import Capability, can
from registration import selectors as registration_selectors
from translations import selectors as translation_selectors


@require_safe
def dashboard(request):
    user = request.user
    if not user.is_court_staff:
        raise NotPermitted()
    context = {"today": local_today()}
    if can(user, Capability.VET_APPLICATIONS):
        counts = registration_selectors.vetting_counts(actor=user)
        context["vetting_count"] = counts["to_vet"]
        context["vetting_overdue"] = counts["overdue"]
        context["awaiting_applicant_count"] = counts["awaiting_applicant"]
    if can(user, Capability.DECIDE_CONFIGURATION_CHANGES):
        counts = organization_selectors.configuration_change_counts(
            actor=user, today=context["today"]
        )
        context["configuration_count"] = counts["to_decide"]
        context["configuration_overdue"] = counts["overdue"]
    if can(user, Capability.RECORD_IDENTITY_AUTHENTICATION):
        context["authentication_count"] = registration_selectors.authentication_queue(
            actor=user
        ).count()
    if can(user, Capability.RUN_REGISTRY):
        counts = notice_selectors.registry_notice_counts(actor=user)
        context["link_request_count"] = counts["link_requests"]
        context["notice_of_change_count"] = counts["notices_of_change"]
        counts = registry_selectors.registry_counts(actor=user)
        context["registry_ongoing"] = counts["ongoing"]
        context["registry_notices_to_come"] = counts["notices_to_come"]
    if can(user, Capability.REVIEW_FILINGS):
        context["filing_count"] = filing_selectors.registry_queue_count(actor=user)
    if can(user, Capability.PROCESS_CERTIFICATIONS):
        context["translation_count"] = translation_selectors.registry_queue_count(actor=user)
    if can(user, Capability.ADMINISTER_SYSTEM):
        context["audit_count"] = audit_selectors.audit_record_count(actor=user)
    context["capabilities"] = {c.name: can(user, c) for c in Capability}
    return render(request, "backoffice/dashboard.html", context)
