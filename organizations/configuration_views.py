"""The PA's pages: the organization's limits and requests, a request for new limits (ORG-4)
and for post-based sub-accounts (REG-10), and one request with its decision."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import run_service
from organizations import selectors
from organizations.configuration_forms import LimitsRequestForm, PostBasedRequestForm
from organizations.models import POST_BASED_ELIGIBLE, ConfigurationChangeKind
from organizations.services import configuration as service
from permissions.checks import capability_required
from permissions.roles import Capability


def _organization(request):
    return request.user.organization


def _limit_rows(organization):
    limits, usage = organization.limits, selectors.limit_usage(organization)
    return [
        {
            "label": selectors.LIMIT_LABELS[name],
            "limit": getattr(limits, name),
            "usage": usage[name],
        }
        for name in selectors.LIMIT_FIELDS
    ]


@capability_required(Capability.REQUEST_CONFIGURATION_CHANGE)
def request_list(request):
    organization = _organization(request)
    return render(
        request,
        "organizations/configuration_list.html",
        {
            "organization": organization,
            "limit_rows": _limit_rows(organization),
            "requests": selectors.configuration_changes_of_own_organization(actor=request.user),
            "post_based_eligible": organization.organization_type in POST_BASED_ELIGIBLE,
        },
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.REQUEST_CONFIGURATION_CHANGE)
def request_limits(request):
    organization = _organization(request)
    form = LimitsRequestForm(
        request.POST or None,
        limits=organization.limits,
        usage=selectors.limit_usage(organization),
    )
    if request.method == "POST" and form.is_valid():
        change = run_service(
            form,
            service.configuration_change_request,
            actor=request.user,
            kind=ConfigurationChangeKind.LIMITS,
            justification=form.cleaned_data["justification"],
            limits=form.limits(),
        )
        if change:
            return _submitted(request, change)
    return render(
        request,
        "organizations/configuration_request.html",
        {"form": form, "organization": organization, "kind": ConfigurationChangeKind.LIMITS},
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.REQUEST_CONFIGURATION_CHANGE)
def request_post_based(request):
    organization = _organization(request)
    form = PostBasedRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        change = run_service(
            form,
            service.configuration_change_request,
            aliases={"kind": None},
            actor=request.user,
            kind=ConfigurationChangeKind.POST_BASED_ACCOUNTS,
            justification=form.cleaned_data["justification"],
        )
        if change:
            return _submitted(request, change)
    return render(
        request,
        "organizations/configuration_request.html",
        {
            "form": form,
            "organization": organization,
            "kind": ConfigurationChangeKind.POST_BASED_ACCOUNTS,
            "eligible": organization.organization_type in POST_BASED_ELIGIBLE,
        },
    )


def _submitted(request, change):
    messages.success(
        request,
        _(
            "Request %(ref)s has been sent. A vetting officer will decide by %(due)s; we will "
            "email you the result."
        )
        % {"ref": change.reference, "due": date_format(change.due_date, "DATE_FORMAT")},
    )
    return redirect("organization_configuration:detail", pk=change.pk)


@capability_required(Capability.REQUEST_CONFIGURATION_CHANGE)
def request_detail(request, pk):
    change = selectors.configuration_change_of_own_organization(actor=request.user, request_id=pk)
    return render(
        request,
        "organizations/configuration_detail.html",
        {"change": change, "requested": selectors.requested_limit_rows(change)},
    )
