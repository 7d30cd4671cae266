"""The portal's URLs and a bare view, `/bench/ok/`, for `manage.py bench_public_services` only:
what Django and the portal's middleware cost without any work of a view, the yardstick the DRN
check's throughput is compared with; and the same view counting one request against the DRN
check's rate limit, what the check cannot do without."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as portal_urlpatterns
from core import ratelimit

BARE_PATH = "/bench/ok/"
COUNTED_PATH = "/bench/counted/"


@login_not_required
def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


@login_not_required
def counted(request):
    """The bare view plus what any public check must do before its answer: count the request
    against the address's rate limit (SVC-5's anti-automation), nothing else. The floor of
    the DRN check's cost."""
    ratelimit.allow(scope="drn_check", key=ratelimit.client_address(request))
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path(BARE_PATH.strip("/") + "/", bare),
    path(COUNTED_PATH.strip("/") + "/", counted),
    *portal_urlpatterns,
]
