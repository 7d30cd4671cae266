"""The portal's URLs and a bare view, `/bench/ok/`, for `manage.py bench_public_services` only:
what Django and the portal's middleware cost without any work of a view, the yardstick the DRN
check's throughput is compared with."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as portal_urlpatterns

BARE_PATH = "/bench/ok/"


@login_not_required
def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare), *portal_urlpatterns]
