"""Version 1 of the API. Each app's operations live in its own api.py."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from core.api import ApiDocsView

urlpatterns = [
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="api-schema"),
    path("docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    # The public services first: patterns are tried in order, and the DRN check and the Cause
    # Book are asked more than any other (each failed include costs a request its patterns).
    path("", include("documents.api_urls")),
    path("", include("hearings.api_urls")),
    path("", include("accounts.api_urls")),
    path("", include("organizations.pa_api_urls")),
    path("", include("registration.api_urls")),
    path("", include("organizations.configuration_api_urls")),
    path("organization/", include("organizations.api_urls")),
    path("", include("cases.api_urls")),
    path("", include("messaging.api_urls")),
    path("", include("filing.api_urls")),
    path("", include("inspection.api_urls")),
    path("", include("payments.api_urls")),
    path("", include("translations.api_urls")),
    path("", include("audit.api_urls")),
]
