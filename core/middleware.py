"""Request plumbing that every app shares: the language of an API request, and the cap on the
size of a request body."""

from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from core import policy
from core.api import error_body, is_api_request


class ApiLanguageMiddleware:
    """The API answers in the language the client asks for (Accept-Language, or the language
    cookie of a browser session). /api/ is outside i18n_patterns, where LocaleMiddleware,
    seeing no language prefix, falls back to English; this runs after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_api_request(request):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuses a body larger than REQUEST_MAX_BYTES (the most a request with the largest
    application and all its documents can carry) from its declared length, before anything
    reads it: a larger upload never reaches the disk. Nothing earlier in MIDDLEWARE reads
    the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > policy.REQUEST_MAX_BYTES:
            return self.refuse(request)
        return self.get_response(request)

    def refuse(self, request):
        message = _(
            "The request is larger than %(limit)s, the most an application with all its "
            "documents can be; each document may be up to %(each)s. Nothing was saved."
        ) % {
            "limit": filesizeformat(policy.REQUEST_MAX_BYTES),
            "each": filesizeformat(policy.UPLOAD_MAX_BYTES),
        }
        if is_api_request(request):
            return JsonResponse(error_body("request_too_large", message), status=413)
        return render(request, "errors/413.html", {"message": message}, status=413)
