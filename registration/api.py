"""The applicant's API: apply for an account, follow the application, answer a request for
more information. The staff's API for applications is registration/staff_api.py."""

import json
from contextlib import contextmanager

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts.models import IdentityDocumentType, Language
from core import policy
from core.api import ApiView, error_responses
from core.errors import ValidationFailed
from core.forms import REASONS_MAX
from core.ratelimit import CountsAcceptedWrites
from organizations.models import OrganizationType, RegistrationDocumentType
from registration import selectors, services
from registration.models import (
    DOCUMENT_ERROR_FIELDS,
    DOCUMENT_UPLOAD_FIELDS,
    ApplicationType,
    Channel,
    Eligibility,
    PartyType,
)


@contextmanager
def _errors_named_as_api_fields():
    """The services name a document's errors by its kind ("documents-SCANNED_FORM"); an API
    client knows the multipart field it sent ("scanned_application_form")."""
    try:
        yield
    except ValidationFailed as exc:
        renamed: dict = {}
        for key, messages in exc.errors.items():
            renamed.setdefault(DOCUMENT_ERROR_FIELDS.get(key, key), []).extend(messages)
        exc.errors = renamed
        raise


class CaseSerializer(serializers.Serializer):
    """A court case the applicant is involved in, and the applicant's part in it."""

    case_number = serializers.CharField(help_text="e.g. DCPI 1234/2025")
    party_type = serializers.ChoiceField(choices=PartyType.choices)


# The cases listed, as JSON: at most 10 rows of a case number and a party type.
CASES_JSON_MAX = 5000


class ApplicationInput(serializers.Serializer):
    """An application for an individual user account: the applicant's particulars, the court
    cases and the supporting documents."""

    surname = serializers.CharField(max_length=100)
    given_name = serializers.CharField(max_length=100)
    id_document_type = serializers.ChoiceField(choices=IdentityDocumentType.choices)
    id_document_number = serializers.CharField(max_length=40)
    address = serializers.CharField(max_length=500)
    phone = serializers.CharField(max_length=40)
    email = serializers.CharField(max_length=254)
    language = serializers.ChoiceField(choices=Language.choices, default=Language.EN)
    eligibility = serializers.ChoiceField(
        choices=Eligibility.choices,
        default=Eligibility.PARTY,
        # REG-1
        help_text="A party acting in person, or another person with good reason (for "
        "instance allowed by leave of the Court to appear instead of a party), who gives the "
        "reason in eligibility_reason and lists each case as NOT_A_PARTY.",
    )
    eligibility_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000
    )
    prospective_litigant = serializers.BooleanField(default=False)
    cases = serializers.CharField(
        required=False,
        default="[]",
        max_length=CASES_JSON_MAX,
        help_text='JSON list of {"case_number", "party_type"}, e.g. '
        '[{"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"}]',
    )
    proof_of_involvement = serializers.FileField(required=False)
    draft_originating_document = serializers.FileField(required=False)


class _PersonalParticulars(serializers.Serializer):
    """The particulars of the person who will hold the account."""

    surname = serializers.CharField(max_length=100)
    given_name = serializers.CharField(max_length=100)
    id_document_type = serializers.ChoiceField(choices=IdentityDocumentType.choices)
    id_document_number = serializers.CharField(max_length=40)
    address = serializers.CharField(max_length=500)
    phone = serializers.CharField(max_length=40)
    email = serializers.CharField(
        max_length=254,
        help_text="The holder's own address: the login name, activation code and (for an "
        "organization) the Organization Code are sent here.",
    )
    language = serializers.ChoiceField(choices=Language.choices, default=Language.EN)


class OrganizationApplicationInput(_PersonalParticulars):
    """An application for an organization account by its Primary Administrator: the
    organization's particulars, the PA's own, the cases to link (optional) and the
    documents: the letter of authorization or resolution and the proof of the
    organization's status always; proof of involvement unless the organization is the Bar
    Association, the Law Society, a law firm, a government department, a law enforcement
    agency or a statutory body."""

    organization_name = serializers.CharField(max_length=200)
    organization_type = serializers.ChoiceField(choices=OrganizationType.choices)
    organization_registration_document_type = serializers.ChoiceField(
        choices=RegistrationDocumentType.choices
    )
    organization_registration_document_number = serializers.CharField(
        max_length=60,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required unless the document type is GOVERNMENT (no registration).",
    )
    organization_address = serializers.CharField(max_length=500)
    cases = serializers.CharField(
        required=False,
        default="[]",
        max_length=CASES_JSON_MAX,
        help_text='Optional JSON list of {"case_number", "party_type"}: the e-proceedings the '
        'organization wishes to transact in, e.g. [{"case_number": "HCA 1234/2025", '
        '"party_type": "DEFENDANT"}]',
    )
    authorization_letter = serializers.FileField(required=False)
    organization_status_proof = serializers.FileField(required=False)
    proof_of_involvement = serializers.FileField(required=False)


class ReplacementApplicationInput(_PersonalParticulars):
    """An organization's application for a replacement Primary Administrator: the
    organization by its Organization Code with its name as a check, the new PA's particulars,
    the reasons and the letter of authorization or resolution."""

    organization_code = serializers.CharField(
        max_length=20, help_text="As issued, e.g. K7QM4-XPD2R (case, spaces and dashes ignored)."
    )
    organization_name = serializers.CharField(max_length=200)
    replacement_reasons = serializers.CharField(max_length=2000)
    authorization_letter = serializers.FileField(required=False)


class InformationRequestSerializer(serializers.Serializer):
    """The vetting officer's request for more information, and the applicant's answer."""

    requested_at = serializers.DateTimeField()
    message = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)
    answer = serializers.CharField()


class ApplicantViewSerializer(serializers.Serializer):
    """What the applicant sees of an application."""

    reference = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    submitted_at = serializers.DateTimeField()
    due_date = serializers.DateField()
    authentication_due = serializers.DateField(allow_null=True)
    filing_deadline = serializers.DateField(
        allow_null=True,
        # REG-3
        help_text="For a prospective litigant: the account is approved subject to filing an "
        "e-proceeding by this date.",
    )
    rejection_reasons = serializers.CharField()
    information_requests = InformationRequestSerializer(many=True)


class SubmittedSerializer(ApplicantViewSerializer):
    """The application just received, with the access token for following it."""

    access_token = serializers.SerializerMethodField(
        help_text="Gives the applicant access to this application (status, supplement)."
    )
    warnings = serializers.SerializerMethodField()

    def get_access_token(self, obj) -> str:
        return services.application_access_token(obj)

    def get_warnings(self, obj) -> list[str]:
        return ["email_already_registered"] if obj.email_already_registered else []


def _parsed_cases(text: str) -> list[dict]:
    """`cases` arrives in the multipart body as a JSON string: a list of at most 10
    objects, each as CaseSerializer describes it. Errors are named as the services name them
    ("cases-<row>-<field>")."""
    try:
        cases = json.loads(text or "[]")
        if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
            raise ValueError
    except (ValueError, RecursionError):  # RecursionError: nested too deeply to decode
        raise ValidationFailed(
            {"cases": [_("Give the cases as a JSON list of objects.")]}
        ) from None
    rows = CaseSerializer(data=cases, many=True, max_length=policy.MAX_CASES_PER_APPLICATION)
    if not rows.is_valid():
        errors = rows.errors
        # Per row (keyed by index, or a list with {} for good rows), or about the whole list.
        items = enumerate(errors) if isinstance(errors, list) else errors.items()
        named: dict = {}
        for key, value in items:
            if isinstance(value, dict):
                for field, messages in value.items():
                    named[f"cases-{key}-{field}"] = [str(m) for m in messages]
            else:
                named.setdefault("cases", []).extend(str(m) for m in value)
        raise ValidationFailed(named)
    return [dict(case) for case in rows.validated_data]


def submit_from_api(request, input_class, *, actor, application_type=ApplicationType.IU):
    """Shared by the online applications and the Help Centre's key-in
    (registration.staff_api), for every type of application (registration.kinds). Only the
    input's declared fields reach the service: anything else sent is ignored."""
    data = input_class(data=request.data)
    data.is_valid(raise_exception=True)
    values = dict(data.validated_data)
    cases = _parsed_cases(values.pop("cases", "[]"))
    documents = [
        (kind, values[field]) for kind, field in DOCUMENT_UPLOAD_FIELDS.items() if values.get(field)
    ]
    for field in DOCUMENT_UPLOAD_FIELDS.values():
        values.pop(field, None)
    channel = values.pop("channel", Channel.ONLINE)
    received_on = values.pop("received_on", None)
    prospective = values.pop("prospective_litigant", False)
    with _errors_named_as_api_fields():
        application = services.application_submit(
            particulars=values,
            cases=cases,
            documents=documents,
            prospective_litigant=prospective,
            channel=channel,
            received_on=received_on,
            actor=actor,
            application_type=application_type,
        )
    return Response(SubmittedSerializer(application).data, status=status.HTTP_201_CREATED)


# REG-2..6.
class ApplicationSubmitApi(CountsAcceptedWrites, ApiView):
    """Apply online for an individual user account: multipart form data with the
    particulars, the court cases as a JSON string and the supporting documents (PDF, JPEG or
    PNG, up to 10 MB each). A vetting officer vets it within three working days; the answer
    carries the reference, the due date and an access token for following it. An identity
    document already used by an account or a pending application is refused (409)."""

    throttle_scope = "apply"

    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ApplicationInput},
        responses={201: SubmittedSerializer, **error_responses(400, 409, 413, 429)},
        operation_id="application_submit",
    )
    def post(self, request):
        return submit_from_api(request, ApplicationInput, actor=None)


# REG-4, REG-7, REG-9.
class OrganizationApplicationSubmitApi(CountsAcceptedWrites, ApiView):
    """Apply online for an organization account as its Primary Administrator: multipart form
    data with the organization's and the PA's particulars, the cases to link (optional) as a
    JSON string and the supporting documents. Vetted within three working days like any
    application; once the PA's identity is authenticated at a counter, the organization is
    created with its Organization Code and the PA's account opens. One application at a time
    per organization registration document (409)."""

    throttle_scope = "apply"

    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": OrganizationApplicationInput},
        responses={201: SubmittedSerializer, **error_responses(400, 409, 413, 429)},
        operation_id="organization_application_submit",
    )
    def post(self, request):
        return submit_from_api(
            request, OrganizationApplicationInput, actor=None, application_type=ApplicationType.PA
        )


# ORG-8.
class ReplacementApplicationSubmitApi(CountsAcceptedWrites, ApiView):
    """Apply online for a replacement Primary Administrator of an organization: the
    Organization Code and name, the new PA's particulars, the reasons and the letter of
    authorization. Vetted and authenticated like a PA application; the new PA's account opens
    in the organization, within its limit of PA accounts."""

    throttle_scope = "apply"

    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ReplacementApplicationInput},
        responses={201: SubmittedSerializer, **error_responses(400, 413, 429)},
        operation_id="pa_replacement_application_submit",
    )
    def post(self, request):
        return submit_from_api(
            request,
            ReplacementApplicationInput,
            actor=None,
            application_type=ApplicationType.PA_REPLACEMENT,
        )


class ApplicationStatusApi(ApiView):
    """The applicant's view of an application, by the access token from submission or email."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        responses={200: ApplicantViewSerializer, **error_responses(404)},
        operation_id="application_status",
    )
    def get(self, request, token):
        return Response(
            ApplicantViewSerializer(selectors.application_from_access_token(token)).data
        )


class SupplementInput(serializers.Serializer):
    """The applicant's answer to a request for more information: text, documents or both."""

    answer = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=REASONS_MAX
    )
    documents = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        max_length=settings.DATA_UPLOAD_MAX_NUMBER_FILES,
        help_text=f"PDF, JPEG or PNG files, up to {policy.UPLOAD_MAX_BYTES // (1024 * 1024)} MB "
        "each.",
    )


# REG-8.
class ApplicationSupplementApi(CountsAcceptedWrites, ApiView):
    """The applicant answers the vetting officer's request for more information; the
    application goes back to the vetting officer, due three working days later."""

    throttle_scope = "supplement"

    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": SupplementInput},
        responses={200: ApplicantViewSerializer, **error_responses(400, 404, 409, 413, 429)},
        operation_id="application_supplement",
    )
    def post(self, request, token):
        application = selectors.application_from_access_token(token)
        data = SupplementInput(data=request.data)
        data.is_valid(raise_exception=True)
        with _errors_named_as_api_fields():
            application = services.application_supplement(
                application_id=application.pk, **data.validated_data
            )
        return Response(ApplicantViewSerializer(application).data)
