"""API plumbing shared by every app: one exception handler for domain errors."""

from django.contrib.auth.decorators import login_not_required
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import DomainError, ValidationFailed


def exception_handler(exc, context):
    if isinstance(exc, ValidationFailed):
        return Response(
            {
                "code": exc.code,
                "detail": str(exc.message),
                "errors": {k: [str(m) for m in v] for k, v in exc.errors.items()},
            },
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, DomainError):
        return Response({"code": exc.code, "detail": str(exc.message)}, status=exc.status)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        response.data.setdefault("code", getattr(exc, "default_code", "error"))
    return response


class ApiView(APIView):
    """Base of every API view. Authentication is the API's own business (bearer token or
    session, then IsAuthenticated unless a view says otherwise), so the page-level
    LoginRequiredMiddleware, which redirects to the login page, does not apply."""

    @classmethod
    def as_view(cls, **initkwargs):
        return login_not_required(super().as_view(**initkwargs))
