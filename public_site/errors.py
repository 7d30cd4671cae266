"""Error pages: HTML for people, the API's JSON error body under /api/."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.api import is_api_request as _api


def bad_request(request, exception=None):
    """Django's refusals before any view (a suspicious request, a body over its limits)."""
    if _api(request):
        return JsonResponse(
            {"code": "bad_request", "detail": _("The request could not be read.")}, status=400
        )
    return render(request, "errors/400.html", status=400)


def forbidden(request, exception=None):
    if _api(request):
        return JsonResponse(
            {"code": "not_permitted", "detail": _("You are not permitted to do this.")}, status=403
        )
    return render(request, "errors/403.html", status=403)


def not_found(request, exception=None):
    if _api(request):
        return JsonResponse({"code": "not_found", "detail": _("Not found.")}, status=404)
    return render(request, "errors/404.html", status=404)


def server_error(request):
    if _api(request):
        return JsonResponse(
            {"code": "server_error", "detail": _("Something went wrong on our side.")}, status=500
        )
    return render(request, "errors/500.html", status=500)
