from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views import i18n
from django.views.decorators.http import require_safe

from accounts.models import IdentityDocumentType, Language
from cases.models import PartyType as CasePartyType
from cases.selectors.linkability import e_enabled_types
from organizations.models import OrganizationType
from registration.models import Counter, Eligibility, PartyType


@login_not_required
@require_safe
def home(request):
    return render(request, "public/home.html", {"counters": Counter.choices})


@login_not_required
@require_safe
def help_page(request):
    """Questions and answers: the public's questions about registration, accounts and the
    e-services, answered with the portal's own rules (docs/decisions.md, "Questions and
    answers")."""
    e_enabled = e_enabled_types().select_related("court_level").order_by("court_level", "code")
    return render(
        request, "public/help.html", {"counters": Counter.choices, "e_enabled": e_enabled}
    )


# A6, A29, A45 (b): the prescribed forms, to print, fill in by hand and send by fax, post or by
# hand; the online forms ask the same. Each page in the page's language.
PAPER_FORMS = {
    "individual-user": "public/forms/individual_user.html",
    "organization": "public/forms/organization.html",
    "notice-of-consent": "public/forms/notice_of_consent.html",
}


@login_not_required
@require_safe
def paper_forms(request):
    return render(request, "public/forms/index.html")


@login_not_required
@require_safe
def paper_form(request, name):
    template = PAPER_FORMS.get(name)
    if template is None:
        raise Http404
    return render(
        request,
        template,
        {
            "document_types": IdentityDocumentType.choices,
            "party_types": PartyType.choices,
            "case_party_types": CasePartyType.choices,
            "eligibilities": Eligibility.choices,
            "organization_types": OrganizationType.choices,
            "languages": Language.choices,
            "counters": Counter.choices,
            "case_rows": range(1, 4),
        },
    )


@login_not_required
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_not_required
def set_language(request):
    """Django's language switch, which sends the reader to the same page in the chosen
    language. It finds that page by resolving the page it came from in the language of the
    switch's own address, English (/i18n/setlang/ has no prefix), so a Chinese page
    (/zh-hant/...) was not found and the switch to English stayed on it: the page's address
    is resolved in its own language instead."""
    came_from = request.POST.get("next", request.GET.get("next")) or ""
    language = translation.get_language_from_path(urlsplit(came_from).path)
    with translation.override(language or translation.get_language()):
        return i18n.set_language(request)


@login_not_required
def admin_login(request):
    """The admin site's login: the portal's own login page (its lockout, its second factor).
    Someone already logged in reaches it only for lack of permission: refused, not asked to
    log in again."""
    if request.user.is_authenticated:
        raise PermissionDenied
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("accounts:login") + (f"?{query}" if query else ""))
