"""Retries without a second filing: the `Idempotency-Key` header of the API's writes that create
something or move money (docs/decisions.md, "Retries without a second filing").

A view's `post` decorated with `@idempotent` honours the header for the authenticated account:
- the first request with a key claims it (a row unique per account and key, committed before
  the work starts), is processed as usual, and its answer is stored with a digest of the
  request (method, path, query and body; a file by the digest of its bytes);
- the same request again with the key gets the stored answer, marked `Idempotent-Replayed:
  true`, and nothing is done again;
- another request with the key is refused (422 idempotency_key_reused), and so is the same
  request while the first is still being processed (409 idempotency_key_in_use), however
  close together they arrive: the unique row admits one.
Every answer the operation gives is stored, refusals and "the payment service cannot be
reached" included (a filing kept awaiting payment is done); an unexpected failure (a 500)
stores nothing and gives the key back, so that the client may send it again. So does a body
the API refuses before the operation begins (its fields, as the serializer reads them, or a
body it cannot parse): nothing was done, and the client corrects it and sends it again with
the same key, as it would after a timeout. Without the header, or without an account, the
operation runs as before.
"""

import hashlib
import json
import re
from functools import wraps

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from core import policy
from core.errors import DomainError, ValidationFailed
from core.models import IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
# 1 to 255 printable ASCII characters: a UUID, or the client's own id of the request.
KEY_PATTERN = re.compile(r"[\x20-\x7e]{1,255}")
# The headers of an answer that are part of it, replayed with its status and body.
STORED_HEADERS = ("Location",)


class KeyReused(DomainError):
    code = "idempotency_key_reused"
    status = 422
    default_message = _(
        "This Idempotency-Key was sent before with a different request. Send a new key with "
        "a new request."
    )


class KeyInUse(DomainError):
    code = "idempotency_key_in_use"
    status = 409
    default_message = _(
        "A request with this Idempotency-Key is still being processed. Try again in a moment."
    )


class KeyUnanswered(DomainError):
    code = "idempotency_key_unanswered"
    status = 409
    default_message = _(
        "The request first sent with this Idempotency-Key ended without an answer. Check "
        "whether it took effect before sending it again with a new key."
    )


KEY_PARAMETER = OpenApiParameter(
    HEADER,
    {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[ -~]+$"},
    OpenApiParameter.HEADER,
    description=(
        "Optional: your own unique id of this request (1 to 255 printable ASCII characters, "
        "e.g. a UUID), so that it can be sent again safely after a timeout. For "
        f"{policy.IDEMPOTENCY_KEY_KEPT_FOR.total_seconds() / 3600:g} hours the same request "
        "with the same key gets the first answer again (with `Idempotent-Replayed: true`) and "
        "nothing is done twice (a body refused for its fields does nothing and keeps no "
        "answer: correct it and send it again with the same key); the key with a different "
        "request is refused (422 "
        "idempotency_key_reused), and while the first is still being processed (409 "
        "idempotency_key_in_use). Keys are your account's own."
    ),
)
REPLAYED_PARAMETER = OpenApiParameter(
    REPLAYED_HEADER,
    {"type": "string", "enum": ["true"]},
    OpenApiParameter.HEADER,
    response=True,
    description="Present when this is the stored answer to an earlier request with the same "
    "Idempotency-Key: nothing was done again.",
)


def idempotent(post):
    """Decorate an API view's `post`: it honours the Idempotency-Key header (above), and the
    schema says so."""

    @extend_schema(parameters=[KEY_PARAMETER, REPLAYED_PARAMETER])
    @wraps(post)
    def honouring_the_key(view, request, *args, **kwargs):
        key = _key(request)
        if key is None or not request.user.is_authenticated:
            return post(view, request, *args, **kwargs)
        fingerprint = request_fingerprint(request)
        claim, claimed = _claim(request.user, key, fingerprint)
        if not claimed:
            return _earlier_answer(claim, fingerprint)
        try:
            response, begun = _answer(post, view, request, *args, **kwargs)
        except Exception:
            claim.delete()  # an unexpected failure: nothing kept, the key may be sent again
            raise
        if not begun or not isinstance(response, Response):
            claim.delete()
            return response
        IdempotentRequest.objects.filter(pk=claim.pk).update(
            status_code=response.status_code,
            body=response.data,
            headers={name: response[name] for name in STORED_HEADERS if response.has_header(name)},
        )
        return response

    return honouring_the_key


# The API's own refusals of a body before the operation begins: the serializer's (services
# raise core.errors.ValidationFailed, never these) and a body that cannot be read.
_NOT_BEGUN = (exceptions.ValidationError, exceptions.ParseError, exceptions.UnsupportedMediaType)


def _answer(post, view, request, *args, **kwargs) -> tuple:
    """(the operation's answer, whether the operation began), a refusal answered as the API
    answers it (core.api's exception handler); an exception that nothing answers rises."""
    try:
        return post(view, request, *args, **kwargs), True
    except _NOT_BEGUN as exc:
        return view.handle_exception(exc), False
    except Exception as exc:  # noqa: BLE001 - handle_exception raises again what it cannot answer
        return view.handle_exception(exc), True


def _key(request) -> str | None:
    key = request.META.get("HTTP_IDEMPOTENCY_KEY")
    if key is not None and not KEY_PATTERN.fullmatch(key):
        raise ValidationFailed(
            {HEADER: [_("Give from 1 to 255 printable ASCII characters, e.g. a UUID.")]}
        )
    return key


def request_fingerprint(request) -> str:
    """SHA-256 of the method, path, query and body; the same content in another order of its
    JSON keys is the same request. A file counts by its name, size and the digest of its bytes."""
    data = request.data
    if hasattr(data, "getlist"):  # a form or multipart body: a name may have several values
        data = {name: [_part(value) for value in data.getlist(name)] for name in data}
    canonical = json.dumps(
        [request.method, request.path, sorted(request.query_params.lists()), data],
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _part(value):
    if not hasattr(value, "chunks"):
        return value
    digest = hashlib.sha256()
    for chunk in value.chunks():
        digest.update(chunk)
    value.seek(0)  # for the operation, which reads it again
    return {"file": value.name, "size": value.size, "sha256": digest.hexdigest()}


def _claim(account, key: str, fingerprint: str) -> tuple[IdempotentRequest, bool]:
    """(the key's row, True) when this request claimed it; (the earlier request's row, False)
    when another had. A row older than the time keys are kept is expired: it is removed and
    the key claimed again."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                row = IdempotentRequest.objects.create(
                    account=account, key=key, fingerprint=fingerprint
                )
            return row, True
        except IntegrityError:
            pass
        earlier = IdempotentRequest.objects.filter(account=account, key=key).first()
        if earlier is None:
            continue  # given back meanwhile (an unexpected failure): claim it again
        if earlier.created_at > timezone.now() - policy.IDEMPOTENCY_KEY_KEPT_FOR:
            return earlier, False
        IdempotentRequest.objects.filter(pk=earlier.pk, created_at=earlier.created_at).delete()
    raise KeyInUse()


def _earlier_answer(earlier: IdempotentRequest, fingerprint: str) -> Response:
    if earlier.fingerprint != fingerprint:
        raise KeyReused()
    if earlier.status_code is None:
        if earlier.created_at <= timezone.now() - policy.IDEMPOTENCY_UNANSWERED_AFTER:
            raise KeyUnanswered()
        raise KeyInUse()
    return Response(
        earlier.body,
        status=earlier.status_code,
        headers={**earlier.headers, REPLAYED_HEADER: "true"},
    )


def idempotency_keys_expire(now=None) -> int:
    """Daily: remove the keys older than IDEMPOTENCY_KEY_KEPT_FOR. Returns how many."""
    now = now or timezone.now()
    removed, _by_model = IdempotentRequest.objects.filter(
        created_at__lte=now - policy.IDEMPOTENCY_KEY_KEPT_FOR
    ).delete()
    return removed


# --- the schema -------------------------------------------------------------------------------

_ERRORS = {
    "400": "An Idempotency-Key that is not 1 to 255 printable ASCII characters "
    "(validation_failed).",
    "409": "A request with this Idempotency-Key is still being processed "
    "(idempotency_key_in_use), or ended without an answer (idempotency_key_unanswered).",
    "422": "This Idempotency-Key was sent before with a different request "
    "(idempotency_key_reused); nothing done.",
}


def document_idempotency_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: an operation that honours the Idempotency-Key
    documents the answers the key can give (400, 409, 422) beside its own."""
    for item in result.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or not any(
                parameter.get("in") == "header" and parameter.get("name") == HEADER
                for parameter in operation.get("parameters", [])
            ):
                continue
            responses = operation.setdefault("responses", {})
            for status, description in _ERRORS.items():
                if status in responses:
                    responses[status]["description"] += " Or: " + description
                else:
                    responses[status] = {
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ApiError"}
                            }
                        },
                        "description": description,
                    }
    return result
