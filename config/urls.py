from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from core.api import unknown_path
from core.health import healthz
from public_site.views import admin_login, set_language

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("config.api_urls")),
    re_path(r"^api/", unknown_path),
    # One login page for everyone, so AUTH-3's lockout covers the administrators too; a court
    # officer already logged in who is not an administrator is refused (ROLE-2), not sent to
    # log in again.
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
]
# English at /..., Traditional Chinese at /zh-hant/...
urlpatterns += i18n_patterns(
    path("", include("public_site.urls")),
    path("apply/", include("registration.urls")),
    # ACT-1..4: the activation of every account, which for a PA also concerns its
    # organization (ORG-8), so it is served by the organizations app.
    path("account/activate/", include("organizations.activation_urls")),
    path("account/", include("accounts.urls")),
    path("organization/", include("organizations.configuration_urls")),
    path("organization/", include("organizations.urls")),
    path("cases/", include("cases.urls")),
    # SVC-2, SVC-5: a case's documents (/cases/<id>/documents/) and the public DRN check.
    path("", include("documents.urls")),
    # SVC-2, GEN-3: the public search of documents open to inspection, and their paid
    # inspection.
    path("documents/", include("inspection.urls")),
    path("messages/", include("messaging.urls")),
    path("payments/", include("payments.urls")),
    # SVC-1: the filer's filings (the registry's review is under /backoffice/filings/).
    path("filings/", include("filing.urls")),
    # SVC-3, BEY-6: the public Cause Book and the holders' hearings calendar.
    path("cause-book/", include("hearings.urls")),
    # SVC-6: requests for the certification of translations.
    path("translations/", include("translations.urls")),
    path("backoffice/", include("backoffice.urls")),
    prefix_default_language=False,
)

handler400 = "public_site.errors.bad_request"
handler403 = "public_site.errors.forbidden"
handler404 = "public_site.errors.not_found"
handler500 = "public_site.errors.server_error"
