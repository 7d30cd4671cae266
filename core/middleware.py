"""Request plumbing that every app shares: the language of an API request and of a page
reached by an address without a language, the cap on the size of a request body, ids too
large for any table, and no cache for an answer meant for one reader."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _

from core import policy
from core.api import error_body, is_api_request


class HeadAsGetMiddleware:
    """HEAD is answered as GET is, without the body (RFC 9110 section 9.3.2): link checkers,
    uptime monitors and calendar programs send it to see whether an address answers, and the
    views that take only GET (or GET and a form's POST) refused it with 405. The view runs as
    for GET, never as a POST; the headers, Content-Length included, are GET's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            response.close()  # a file's handle, opened for GET
            response.streaming_content = []
        else:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response


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


class PreferredLanguageMiddleware:
    """A page's address without a language prefix is the English page (i18n_patterns with
    prefix_default_language=False), and such addresses are printed: the QR code on an issued
    document, a link typed from a letter. A reader who chose Chinese on the portal before (the
    language cookie the switch sets) is sent to the Chinese page of the same address; choosing
    English stops it. The browser's own language (Accept-Language) is not followed: an address
    without a prefix stays the English page for everyone else, as links to it promise. Runs
    after LocaleMiddleware; only reads (GET, HEAD) are redirected, so no form is lost."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not is_api_request(request):
            chosen = _chosen_language(request)
            if chosen not in (None, settings.LANGUAGE_CODE) and not _has_language_prefix(
                request.path_info
            ):
                prefixed = f"/{chosen}{request.path_info}"
                with translation.override(chosen):
                    if is_valid_path(prefixed, getattr(request, "urlconf", None)):
                        query = request.META.get("QUERY_STRING", "")
                        response = HttpResponseRedirect(
                            get_script_prefix().rstrip("/")
                            + prefixed
                            + (f"?{query}" if query else "")
                        )
                        patch_vary_headers(response, ("Cookie",))
                        return response
        return self.get_response(request)


def _chosen_language(request) -> str | None:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def _has_language_prefix(path: str) -> bool:
    return any(
        path == f"/{code}" or path.startswith(f"/{code}/")
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    )


class OutOfRangeIdMiddleware:
    """An id past 64 bits in a path or a filter names nothing: "not found", in the page's or
    the API's own form (handler404), not a server error. Django checks the range of a model's
    own integer key before a query, but not of a foreign key's, and SQLite (the embedded
    default) cannot take such a number at all; PostgreSQL finds nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError) and "SQLite INTEGER" in str(exception):
            raise Http404
        return None


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


class PrivateAnswersMiddleware:
    """An answer for one reader is never stored by a browser or a shared cache: every answer
    to a logged-in user (a page session or an API token) and every answer at an address that
    carries a secret token (the applicant's status link, a payment's, an inspection's), unless
    the view said how it may be kept. A court officer's application page and the scan of an
    applicant's identity card stayed in the disk cache of the counter's computer after logout;
    the status link's API answer in any cache on the way. Public pages keep their own rules;
    static files never reach this (WhiteNoise answers them before)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and _for_one_reader(request):
            add_never_cache_headers(response)
        return response


def _for_one_reader(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    # An applicant without an account: its session holds its own things (kept files).
    session = getattr(request, "session", None)
    if session is not None and session.accessed and session.keys():
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and "token" in match.kwargs
