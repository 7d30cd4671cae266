"""The portal's URLs and a bare view, `/bench/ok/`, for `manage.py bench_public_services` only:
what Django and the portal's middleware cost without any work of a view, the yardstick the DRN
check's throughput is compared with. Beside it, the bare view doing one part of the DRN check's
work each, then both, with no answer built: what the check cannot do without."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as portal_urlpatterns
from core import ratelimit
from documents import selectors

BARE_PATH = "/bench/ok/"
COUNTED_PATH = "/bench/counted/"
READ_PATH = "/bench/read/"
FLOOR_PATH = "/bench/floor/"


def _ok():
    return HttpResponse(b"ok", content_type="text/plain")


@login_not_required
def bare(request):
    return _ok()


@login_not_required
def counted(request):
    """Count one request against the address's rate limit (SVC-5's anti-automation)."""
    ratelimit.allow(scope="drn_check", key=ratelimit.client_address(request))
    return _ok()


@login_not_required
def read(request):
    """Look the DRN up (`?drn=`), as the check does."""
    selectors.drn_check(request.GET.get("drn"))
    return _ok()


@login_not_required
def floor(request):
    """Both, one after the other, as the check must: the count first, so that a refused request
    costs the database nothing. The floor of the DRN check's cost."""
    ratelimit.allow(scope="drn_check", key=ratelimit.client_address(request))
    selectors.drn_check(request.GET.get("drn"))
    return _ok()


urlpatterns = [
    path(BARE_PATH.strip("/") + "/", bare),
    path(COUNTED_PATH.strip("/") + "/", counted),
    path(READ_PATH.strip("/") + "/", read),
    path(FLOOR_PATH.strip("/") + "/", floor),
    *portal_urlpatterns,
]
