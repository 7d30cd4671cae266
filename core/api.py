"""API plumbing shared by every app: one exception handler for domain errors, one shape of
error body, and the base view."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import exceptions, serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import DomainError, ValidationFailed
from core.queues import QUEUE_MAX, Capped

API_PATH_PREFIX = "/api/"
# The largest id a table holds (a 64-bit key): the bound of an id a client sends.
ID_MAX = 2**63 - 1


def is_api_request(request) -> bool:
    return request.path_info.startswith(API_PATH_PREFIX)


def error_body(code: str, detail) -> dict:
    return {"code": code, "detail": str(detail)}


def _refused_body(exc) -> dict | None:
    """Django refuses a body over its limits (settings DATA_UPLOAD_MAX_MEMORY_SIZE,
    DATA_UPLOAD_MAX_NUMBER_FIELDS, DATA_UPLOAD_MAX_NUMBER_FILES) while it is being read;
    the API answers that as bad input, in its own error body."""
    if isinstance(exc, RequestDataTooBig):
        return error_body(
            "request_too_large", _("The request carries more text than the portal accepts.")
        )
    if isinstance(exc, TooManyFieldsSent):
        return error_body(
            "too_many_fields", _("The request has more fields than the portal accepts.")
        )
    if isinstance(exc, TooManyFilesSent):
        return error_body(
            "too_many_files",
            _("The request carries more files than the portal accepts (at most %(n)d).")
            % {"n": settings.DATA_UPLOAD_MAX_NUMBER_FILES},
        )
    return None


@csrf_exempt
@login_not_required
def unknown_path(request, *args, **kwargs):
    """Every path under /api/ that names no operation, in every mode: Django's own 404 page
    (the debug page in developer mode) is for people, not programs."""
    return JsonResponse(error_body("not_found", _("Not found.")), status=404)


def _messages(detail) -> list[str]:
    """DRF error details (a string, a list, or a dict for nested fields) as flat messages."""
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list | tuple):
        return [m for value in detail for m in _messages(value)]
    return [str(detail)]


def valid_form(form):
    """A page's form bound to the API's parameters, so that both read them by the same rules;
    its errors answer 400 in the API's error body."""
    if not form.is_valid():
        raise ValidationFailed(
            {field: [str(m) for m in messages] for field, messages in form.errors.items()}
        )
    return form


def exception_handler(exc, context):
    """Every error body is {"code", "detail"} and, for bad input, "errors": field -> messages."""
    if isinstance(exc, exceptions.ValidationError):
        # The serializers' own checks: the same body as the services' ValidationFailed.
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        exc = ValidationFailed({field: _messages(value) for field, value in detail.items()})
    if isinstance(exc, ValidationFailed):
        return Response(
            {
                "code": exc.code,
                "detail": str(exc.message),
                "errors": {k: [str(m) for m in v] for k, v in exc.errors.items()},
            },
            status=status.HTTP_400_BAD_REQUEST,
        )
    refused = _refused_body(exc)
    if refused is not None:
        return Response(refused, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DomainError):
        body = {"code": exc.code, "detail": str(exc.message)}
        if exc.field:
            body["errors"] = {exc.field: [str(exc.message)]}
        return Response(body, status=exc.status)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        code = getattr(response.data["detail"], "code", None)
        response.data.setdefault("code", code or getattr(exc, "default_code", "error"))
    return response


class ApiErrorSerializer(serializers.Serializer):
    """The body of every error response."""

    code = serializers.CharField(
        help_text="Stable, for programs: e.g. validation_failed, not_authenticated, "
        "not_permitted, not_found, invalid_state, duplicate_identity_document."
    )
    detail = serializers.CharField(help_text="For people, in the language of the request.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Field name -> messages; with validation_failed, and with a refusal that "
        "concerns one field.",
    )


_ERROR_DESCRIPTIONS = {
    400: "Bad input (validation_failed, with per-field errors) or a refusal; nothing saved.",
    401: "Not authenticated: no, an invalid, an expired or a revoked bearer token.",
    403: "Not permitted (not_permitted), or the account is locked (account_locked).",
    404: "Not found.",
    409: "Conflicts with the present state (invalid_state) or with another record.",
    410: "Gone: what the link gave has ended (e.g. link_expired).",
    413: "The body is larger than the most an application with all its documents can be "
    "(request_too_large); refused before it is read, nothing saved.",
    429: "Too many requests from this address for a while (throttled); nothing saved.",
    503: "A service the operation needs (the payment service) cannot be reached now "
    "(gateway_unavailable); nothing charged. Try again later.",
}


def error_responses(*statuses: int) -> dict:
    """Error responses for `extend_schema(responses={..., **error_responses(400, 403)})`."""
    return {
        code: OpenApiResponse(ApiErrorSerializer, description=_ERROR_DESCRIPTIONS[code])
        for code in statuses
    }


def next_page_url(request, cursor: str | None) -> str | None:
    """The address of the next page of a keyset-paged list: the same query, the next cursor."""
    if not cursor:
        return None
    query = request.query_params.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(request.path) + "?" + query.urlencode()


# A work list cut at QUEUE_MAX rows (core.queues) says in a header how many rows it has in all,
# as its page does: the body keeps its shape (a list), so clients written before still read it.
LIST_TOTAL_HEADER = "X-Total-Count"
LIST_TOTAL = OpenApiParameter(
    LIST_TOTAL_HEADER,
    int,
    OpenApiParameter.HEADER,
    response=[200],
    description=(
        f"How many rows the whole list has. The body holds at most the first {QUEUE_MAX}; "
        "fewer than this number means the list was cut."
    ),
)


def capped_list_response(data, rows: Capped) -> Response:
    """The serialized first rows of a capped list, with the whole list's count in a header."""
    return Response(data, headers={LIST_TOTAL_HEADER: str(rows.total)})


class FileOrJsonError(BaseContentNegotiation):
    """For a download: the file in its own type whatever the client accepts (no 406 for
    "Accept: application/pdf"); an error in JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ApiView(APIView):
    """Base of every API view. Authentication is the API's own business (bearer token or
    session, then IsAuthenticated unless a view says otherwise), so the page-level
    LoginRequiredMiddleware, which redirects to the login page, does not apply.

    `required_capabilities` maps an HTTP method to the capability it needs; the permission
    layer's DRF door (permissions.checks.HasRequiredCapability) checks it."""

    required_capabilities: dict = {}

    @classmethod
    def as_view(cls, **initkwargs):
        return login_not_required(super().as_view(**initkwargs))


class ApiDocsView(SpectacularSwaggerSplitView):
    """Documentation for people at /api/v1/docs/: Swagger UI over the live schema, served from
    our own static files (no third-party host), its start-up script a file of its own so that
    the page holds to the site's Content Security Policy."""

    template_name = "core/api_docs.html"
    title = "iCMS e-Courts API"

    @classmethod
    def as_view(cls, **initkwargs):
        return login_not_required(super().as_view(**initkwargs))


def describe_generated_components(result, generator, request, public):
    """drf-spectacular postprocessing hook: the components it makes up itself (a page of a
    list, the empty choice) get a description as ours do."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if component.get("description"):
            continue
        if name.startswith("Paginated") and name.endswith("List"):
            component["description"] = (
                f"One page of the list: `count` in all, `results` on this page, and the "
                f"addresses of the `next` and `previous` pages ({name[9:-4]})."
            )
        elif name == "BlankEnum":
            component["description"] = "Empty: the field does not apply."
    return result
