"""/api/v1/backoffice/audit-trail/ (OPS-2): the system administrator reads the audit trail and
checks its hash chain, as on the back-office page: the same filters, newest first, a page of
50 at a time (continue with `before` or `after`), in the request's language."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from audit import selectors, services
from audit.forms import AuditFilterForm
from core.api import ID_MAX, ApiView, error_responses, valid_form
from permissions.roles import Capability

_ADMINISTER = Capability.ADMINISTER_SYSTEM


class AuditTrailQuery(serializers.Serializer):
    """Which records of the trail to list; every parameter may be left out."""

    record = serializers.CharField(
        required=False, max_length=40, help_text="An application's reference or a login name."
    )
    actor = serializers.CharField(
        required=False, max_length=150, help_text="Who did it: a login name."
    )
    action = serializers.ChoiceField(
        required=False, choices=sorted(selectors.ACTION_LABELS), help_text="What happened."
    )
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    before = serializers.IntegerField(
        required=False, min_value=1, max_value=ID_MAX, help_text="The page older than this record."
    )
    after = serializers.IntegerField(
        required=False, min_value=0, max_value=ID_MAX, help_text="The page newer than this record."
    )


class AuditEntrySerializer(serializers.Serializer):
    """One record of the trail: as recorded, and in words."""

    id = serializers.IntegerField(source="record.pk")
    sequence = serializers.IntegerField(
        source="record.sequence", allow_null=True, help_text="Its place in the sealed chain."
    )
    at = serializers.DateTimeField(source="record.at")
    action = serializers.CharField(source="record.action", help_text="e.g. application.rejected")
    actor = serializers.CharField(source="record.actor_label", help_text="Who, as recorded.")
    object_type = serializers.CharField(source="record.object_type")
    object_id = serializers.CharField(source="record.object_id")
    before = serializers.JSONField(source="record.before", help_text="As recorded.")
    after = serializers.JSONField(source="record.after", help_text="As recorded.")
    sentence = serializers.CharField(help_text="In words, in the request's language.")


class AuditTrailSerializer(serializers.Serializer):
    """A page of the trail, newest first, and the records to continue from."""

    results = AuditEntrySerializer(many=True)
    older = serializers.IntegerField(
        allow_null=True, help_text="Send as `before` for the older page; null at the oldest."
    )
    newer = serializers.IntegerField(
        allow_null=True, help_text="Send as `after` for the newer page; null at the newest."
    )


class AuditVerifiedSerializer(serializers.Serializer):
    """Whether the hash chain is whole, from its first record to its keyed head."""

    ok = serializers.BooleanField()
    detail = serializers.CharField(help_text="The first broken link, or how many await sealing.")


class AuditTrailApi(ApiView):
    """The audit trail, newest first, 50 records a page, filtered by record (an application's
    reference or a login name), by who did it, by what happened and by dates."""

    required_capabilities = {"GET": _ADMINISTER}

    @extend_schema(
        parameters=[AuditTrailQuery],
        responses={200: AuditTrailSerializer, **error_responses(400, 401, 403)},
        operation_id="backoffice_audit_trail",
    )
    def get(self, request):
        AuditTrailQuery(data=request.query_params).is_valid(raise_exception=True)
        # The page's form reads the same parameters with the same rules.
        form = valid_form(AuditFilterForm(request.query_params))
        trail = selectors.audit_trail(actor=request.user, **form.filters())
        return Response(
            {
                "results": AuditEntrySerializer(trail["entries"], many=True).data,
                "older": trail["older"],
                "newer": trail["newer"],
            }
        )


class AuditVerifyApi(ApiView):
    """Check the hash chain of the whole trail, as `manage.py verify_audit` does: every record
    sealed in order, none altered, the head's key matching."""

    required_capabilities = {"POST": _ADMINISTER}

    @extend_schema(
        request=None,
        responses={200: AuditVerifiedSerializer, **error_responses(401, 403)},
        operation_id="backoffice_audit_trail_verify",
    )
    def post(self, request):
        ok, detail = services.audit_verify()
        return Response({"ok": ok, "detail": str(detail)})
