"""/api/v1/ operations of the audit trail (OPS-2)."""

from django.urls import path

from audit import api

urlpatterns = [
    path("backoffice/audit-trail/", api.AuditTrailApi.as_view(), name="api-audit-trail"),
    path(
        "backoffice/audit-trail/verify/",
        api.AuditVerifyApi.as_view(),
        name="api-audit-trail-verify",
    ),
]
