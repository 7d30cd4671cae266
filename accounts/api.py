from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts import selectors, services
from accounts.forms import PASSWORD_MAX
from accounts.models import ApiToken, Language
from accounts.services.passwords import IdentityCheck, RequestChannel
from accounts.services.termination import KEYED_IN_CHANNELS, TerminationIdentityCheck
from accounts.services.unlocking import account_unlock
from core.api import ApiView, error_responses
from permissions.roles import Capability

_sensitive = method_decorator(sensitive_post_parameters(), name="dispatch")


class AccountSerializer(serializers.Serializer):
    """An account holder's or staff member's account, as its holder sees it."""

    login_name = serializers.CharField()
    role = serializers.CharField()
    status = serializers.CharField()
    surname = serializers.CharField()
    given_name = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField()
    address = serializers.CharField()
    preferred_language = serializers.CharField()


class LoginInput(serializers.Serializer):
    """A login name and its password; for a PA, SA or OU account also the Organization Code;
    for court staff, also the one-time code from their authenticator app."""

    organization_code = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text="The Organization Code, for Primary Administrator, Secondary "
        "Administrator and Organization User accounts; leave it out (or empty) for an "
        "Individual User account. Letter case, spaces and hyphens do not matter.",
    )
    login_name = serializers.CharField(max_length=32)
    password = serializers.CharField(max_length=PASSWORD_MAX, style={"input_type": "password"})
    one_time_code = serializers.CharField(
        max_length=12,
        required=False,
        default="",
        allow_blank=True,
        help_text="Court staff only, and required for them: the six-digit code their "
        "authenticator app shows now. Each code works once. Account holders leave it out.",
    )


class LoginOutput(serializers.Serializer):
    """A new bearer token and the account it acts for."""

    token = serializers.CharField(help_text="Send as `Authorization: Bearer <token>`.")
    expires_at = serializers.DateTimeField(help_text="When the token stops working.")
    account = AccountSerializer()


# AUTH-3: the lockout applies. OPS-1: court staff send the one-time code too.
@_sensitive
class LoginApi(ApiView):
    """Log in with a login name and password (and, for a Primary Administrator, Secondary
    Administrator or Organization User account, the Organization Code) and receive a bearer
    token for the other operations (send it as `Authorization: Bearer <token>`; it expires
    after 8 hours, at `expires_at`). A wrong or missing Organization Code gets the same answer
    as a wrong password (401, login_refused) and counts towards the lock in the same way.
    Court staff also send `one_time_code`, the code their authenticator app shows; a missing
    or wrong code is answered as a wrong password is (401, login_refused). A staff member who
    has not set up an authenticator app yet logs in once on the portal's login page to do so
    (403, second_factor_not_enrolled). After five wrong passwords or codes in a row the
    account is locked for 30 minutes (403, account_locked), and its holder is emailed. After
    many wrong passwords from one address, whatever the login names, that address must wait
    before trying again, longer each time (429, throttled)."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        request=LoginInput,
        responses={
            200: LoginOutput,
            **error_responses(400, 401, 403, 429),
        },
        operation_id="auth_login",
    )
    def post(self, request):
        data = LoginInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.login(request=request._request, **data.validated_data)
        key, token = services.api_token_issue(user=user)
        return Response(
            {
                "token": key,
                "expires_at": token.expires_at,
                "account": AccountSerializer(user).data,
            }
        )


class LogoutApi(ApiView):
    """Log out: every bearer token of the account stops working, this one included, and the
    account's browser sessions end."""

    @extend_schema(
        request=None, responses={204: None, **error_responses(401)}, operation_id="auth_logout"
    )
    def post(self, request):
        services.logout_everywhere(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(ApiView):
    """The account making the request."""

    @extend_schema(
        responses={200: AccountSerializer, **error_responses(401)}, operation_id="me_retrieve"
    )
    def get(self, request):
        return Response(AccountSerializer(request.user).data)


class ResetPasswordInput(serializers.Serializer):
    """The login name, the emailed Change Token and the new password."""

    login_name = serializers.CharField(max_length=32)
    change_token = serializers.CharField(max_length=60)
    password = serializers.CharField(max_length=PASSWORD_MAX)
    password_confirm = serializers.CharField(max_length=PASSWORD_MAX)


# AUTH-4.
@_sensitive
class ResetPasswordApi(ApiView):
    """Set a new password with the Change Token that the Help Centre had emailed to the
    holder. The token works once, within 24 hours; the holder's API tokens stop working."""

    throttle_scope = "reset_password"

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        request=ResetPasswordInput,
        responses={204: None, **error_responses(400, 429)},
        operation_id="password_reset",
    )
    def post(self, request):
        data = ResetPasswordInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset(**data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class UnlockInput(serializers.Serializer):
    """The login name of the locked account."""

    login_name = serializers.CharField(max_length=32)


# BEY-4.
class UnlockApi(ApiView):
    """Ask for a Change Token to open a locked account sooner: if the login name is of a
    locked account, a Change Token is emailed to its registered address, to be used with
    `accounts/reset-password/` (which sets a new password and opens the account). The answer
    is 202 whether or not the login name exists or is locked."""

    throttle_scope = "unlock"

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        request=UnlockInput,
        responses={202: None, **error_responses(400, 429)},
        operation_id="account_unlock_request",
    )
    def post(self, request):
        data = UnlockInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.unlock_token_request(request=request._request, **data.validated_data)
        return Response(status=status.HTTP_202_ACCEPTED)


class HolderLoginNameInput(serializers.Serializer):
    """The login name of the account holder concerned."""

    login_name = serializers.CharField(max_length=32)


class StartPasswordResetInput(HolderLoginNameInput):
    """The holder's login name, how the request came and how the officer checked that it
    came from the holder."""

    channel = serializers.ChoiceField(choices=RequestChannel.choices)
    identity_check = serializers.ChoiceField(choices=IdentityCheck.choices)
    identity_note = serializers.CharField(
        max_length=500, help_text="What was compared, or which document was seen."
    )


class StartPasswordResetOutput(serializers.Serializer):
    """Where the Change Token was sent."""

    sent_to = serializers.CharField(
        help_text='The email address the Change Token went to, masked: "c***@example.com".'
    )


class HolderSearchInput(serializers.Serializer):
    """What to look for: a name, a login name or an identification document number."""

    q = serializers.CharField(max_length=100)


class HolderSerializer(serializers.Serializer):
    """An IU or PA account found by the Help Centre's search; the document number masked."""

    login_name = serializers.CharField()
    role = serializers.CharField()
    status = serializers.CharField()
    surname = serializers.CharField()
    given_name = serializers.CharField()
    id_document_type = serializers.CharField()
    id_document_number_masked = serializers.SerializerMethodField()

    def get_id_document_number_masked(self, obj) -> str:
        return selectors.masked_document_number(obj.id_document_number, obj.id_document_type)


# AUTH-4.
class HolderSearchApi(ApiView):
    """For the Help Centre: the IU and PA accounts matching a name, a login name or an
    identification document number (at most 50), to find the account a password reset is
    for."""

    required_capabilities = {"GET": Capability.START_PASSWORD_RESET}

    @extend_schema(
        parameters=[HolderSearchInput],
        responses={200: HolderSerializer(many=True), **error_responses(400, 401, 403)},
        operation_id="backoffice_account_holders_search",
    )
    def get(self, request):
        data = HolderSearchInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        found = selectors.holder_search(actor=request.user, query=data.validated_data["q"])
        return Response(HolderSerializer(found, many=True).data)


# AUTH-4.
class StartPasswordResetApi(ApiView):
    """For the Help Centre: email a Change Token to an individual user or a principal
    account holder, with which the holder sets a new password. The officer says how the
    request came and how identity was checked; both are kept in the audit trail."""

    required_capabilities = {"POST": Capability.START_PASSWORD_RESET}

    @extend_schema(
        request=StartPasswordResetInput,
        responses={202: StartPasswordResetOutput, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_password_reset_start",
    )
    def post(self, request):
        data = StartPasswordResetInput(data=request.data)
        data.is_valid(raise_exception=True)
        sent_to = services.change_token_issue(actor=request.user, **data.validated_data)
        return Response({"sent_to": sent_to}, status=status.HTTP_202_ACCEPTED)


class NameCorrectionInput(HolderLoginNameInput):
    """The IU's or PA's login name, the right names, how the request came, the document that
    shows the right name and why the name is corrected."""

    surname = serializers.CharField(max_length=100)
    given_name = serializers.CharField(max_length=100)
    channel = serializers.ChoiceField(choices=RequestChannel.choices)
    document_note = serializers.CharField(max_length=500)
    reasons = serializers.CharField(max_length=1000)


class NameCorrectionOutput(serializers.Serializer):
    """The account whose name was corrected."""

    login_name = serializers.CharField()
    surname = serializers.CharField()
    given_name = serializers.CharField()


# A46.
class NameCorrectionApi(ApiView):
    """For the Help Centre: correct the name of an Individual User or a Primary
    Administrator (which its holder cannot change: it was checked against an identification
    document), on the holder's request and against the document that shows the right name.
    Both names, the channel, the document and the reasons go to the audit trail; the holder
    is emailed. 404 for any other login name; 409 for an account that has ended."""

    required_capabilities = {"POST": Capability.CORRECT_HOLDER_NAMES}

    @extend_schema(
        request=NameCorrectionInput,
        responses={200: NameCorrectionOutput, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_holder_name_correct",
    )
    def post(self, request):
        data = NameCorrectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.holder_name_correct(actor=request.user, **data.validated_data)
        return Response(NameCorrectionOutput(user).data)


class StaffUnlockInput(HolderLoginNameInput):
    """The locked account's login name and why it is unlocked before its lock runs out."""

    reasons = serializers.CharField(max_length=1000)


class UnlockOutput(serializers.Serializer):
    """The account that was unlocked."""

    login_name = serializers.CharField()


# AUTH-3.
class UnlockAccountApi(ApiView):
    """For the Help Centre (IU and PA accounts) and system administrators (any account):
    unlock an account locked after repeated failed logins, with reasons, which are kept in
    the audit trail. 409 if the account is not locked."""

    required_capabilities = {"POST": Capability.UNLOCK_HOLDER_ACCOUNTS}

    @extend_schema(
        request=StaffUnlockInput,
        responses={200: UnlockOutput, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_account_unlock",
    )
    def post(self, request):
        data = StaffUnlockInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = account_unlock(actor=request.user, **data.validated_data)
        return Response({"login_name": user.login_name})


class SecondFactorResetInput(HolderLoginNameInput):
    """The staff member's login name and why their second factor is reset."""

    reasons = serializers.CharField(max_length=1000)


class SecondFactorResetOutput(serializers.Serializer):
    """The staff member whose second factor was reset."""

    login_name = serializers.CharField()


# OPS-1.
class SecondFactorResetApi(ApiView):
    """For system administrators: reset the second factor of a court staff member who lost
    or replaced the phone with the authenticator app, with reasons, which are kept in the
    audit trail. The staff member's sessions and bearer tokens end, and the next login on the
    portal's login page sets up an authenticator app again. 404 for an account that is not
    court staff; 409 if no authenticator app is set up."""

    required_capabilities = {"POST": Capability.RESET_STAFF_SECOND_FACTOR}

    @extend_schema(
        request=SecondFactorResetInput,
        responses={200: SecondFactorResetOutput, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_second_factor_reset",
    )
    def post(self, request):
        data = SecondFactorResetInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.second_factor_reset(actor=request.user, **data.validated_data)
        return Response({"login_name": user.login_name})


# ACT-4.
class ReissueActivationCodeApi(ApiView):
    """For the Help Centre: email a new activation code to an individual user or a principal
    account awaiting activation; the old code stops working."""

    required_capabilities = {"POST": Capability.REISSUE_ACTIVATION_CODE}

    @extend_schema(
        request=HolderLoginNameInput,
        responses={202: None, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_activation_code_reissue",
    )
    def post(self, request):
        data = HolderLoginNameInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.activation_code_reissue(actor=request.user, **data.validated_data)
        return Response(status=status.HTTP_202_ACCEPTED)


class PasswordChangeInput(serializers.Serializer):
    """The current password and the new one, twice."""

    current_password = serializers.CharField(max_length=PASSWORD_MAX)
    password = serializers.CharField(max_length=PASSWORD_MAX)
    password_confirm = serializers.CharField(max_length=PASSWORD_MAX)


@_sensitive
class PasswordChangeApi(ApiView):
    """Change the password of the account making the request; its other API tokens stop
    working and its browser sessions end. A wrong current password counts as a failed login:
    after five in a row the account is locked for 30 minutes (403, account_locked)."""

    @extend_schema(
        request=PasswordChangeInput,
        responses={204: None, **error_responses(400, 401, 403, 429)},
        operation_id="me_password_change",
    )
    def post(self, request):
        data = PasswordChangeInput(data=request.data)
        data.is_valid(raise_exception=True)
        keep = request.auth if isinstance(request.auth, ApiToken) else None
        services.password_change(
            request=request._request, user=request.user, keep_token=keep, **data.validated_data
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class OwnProfileInput(serializers.Serializer):
    """What a holder changes in their own profile: contact details and the language of the
    portal's emails. Names, login name, role, organization and branch are not changed here
    (fields other than these are ignored)."""

    email = serializers.CharField(max_length=254)
    phone = serializers.CharField(max_length=40, help_text="Contact telephone number.")
    address = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    preferred_language = serializers.ChoiceField(choices=Language.choices, default=Language.EN)


class PendingEmailChangeSerializer(serializers.Serializer):
    """A new email address waiting for confirmation with the code sent to it."""

    new_email = serializers.EmailField()
    expires_at = serializers.DateTimeField()


class ProfileOutput(AccountSerializer):
    """The account after the change; `email` stays the current address until a new one is
    confirmed."""

    pending_email_change = PendingEmailChangeSerializer(
        allow_null=True,
        help_text="A new email address waiting for confirmation with the code emailed to it "
        "(POST /api/v1/me/email-change/confirm/), or null.",
    )
    reminder = serializers.CharField(
        allow_null=True,
        help_text="After a change of contact details, the reminder that the Court and "
        "the other parties of each case must be notified separately; otherwise null.",
    )


def _profile_output(user, *, pending, reminder) -> dict:
    return {
        **AccountSerializer(user).data,
        "pending_email_change": PendingEmailChangeSerializer(pending).data if pending else None,
        "reminder": str(reminder) if reminder else None,
    }


# ROLE-1 row 1, LIFE-1.
class ProfileApi(ApiView):
    """Maintain your own profile (every account holder: IU, PA, SA, OU): email address,
    telephone number, address and the language of emails. The change is kept in the audit
    trail. A new email address is not used at once: a confirmation code is emailed to it, and
    the address changes when the code is confirmed (`pending_email_change`)."""

    required_capabilities = {"PATCH": Capability.MAINTAIN_OWN_PROFILE}

    @extend_schema(
        request=OwnProfileInput,
        responses={200: ProfileOutput, **error_responses(400, 401, 403)},
        operation_id="me_profile_update",
    )
    def patch(self, request):
        data = OwnProfileInput(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.own_profile_update(actor=request.user, **data.validated_data)
        return Response(
            _profile_output(result.user, pending=result.pending_email, reminder=result.reminder)
        )


class EmailChangeInput(serializers.Serializer):
    """The new email address."""

    email = serializers.CharField(max_length=254)


class EmailConfirmInput(serializers.Serializer):
    """The code emailed to the new address, and the holder's password."""

    confirmation_code = serializers.CharField(max_length=64)
    password = serializers.CharField(max_length=PASSWORD_MAX, style={"input_type": "password"})


# LIFE-1.
class EmailChangeApi(ApiView):
    """Ask to use a new email address. A single-use confirmation code, valid for 24 hours, is
    emailed to the new address, and the current address is told of the request; the account's
    address changes only when the code is confirmed. A new request replaces an earlier one."""

    required_capabilities = {"POST": Capability.MAINTAIN_OWN_PROFILE}

    @extend_schema(
        request=EmailChangeInput,
        responses={202: PendingEmailChangeSerializer, **error_responses(400, 401, 403)},
        operation_id="me_email_change_request",
    )
    def post(self, request):
        data = EmailChangeInput(data=request.data)
        data.is_valid(raise_exception=True)
        pending = services.email_change_request(actor=request.user, **data.validated_data)
        return Response(PendingEmailChangeSerializer(pending).data, status=status.HTTP_202_ACCEPTED)


# LIFE-1.
@_sensitive
class EmailConfirmApi(ApiView):
    """Confirm a new email address with the code emailed to it and the holder's password: it
    becomes the account's address and the old one is told. A wrong, replaced, used or expired
    code is refused (400, code `email_change_refused`) and nothing changes; a wrong password is
    refused under `password` and counts towards the lock, as at login."""

    required_capabilities = {"POST": Capability.MAINTAIN_OWN_PROFILE}

    @extend_schema(
        request=EmailConfirmInput,
        responses={200: ProfileOutput, **error_responses(400, 401, 403, 429)},
        operation_id="me_email_change_confirm",
    )
    def post(self, request):
        data = EmailConfirmInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.email_change_confirm(
            request=request, actor=request.user, **data.validated_data
        )
        return Response(
            _profile_output(user, pending=None, reminder=services.NOTIFY_COURT_REMINDER)
        )


class OwnTerminationInput(serializers.Serializer):
    """The holder's password, to confirm, and optionally why."""

    password = serializers.CharField(max_length=PASSWORD_MAX)
    reasons = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


# LIFE-2 [+].
@_sensitive
class OwnTerminationApi(ApiView):
    """End your own Individual User account, giving your password again. The account ends at
    once and cannot be re-opened; its links to cases end; its records and case history are
    kept. A wrong password counts towards the lock, as a failed login does."""

    required_capabilities = {"POST": Capability.TERMINATE_OWN_ACCOUNT}

    @extend_schema(
        request=OwnTerminationInput,
        responses={200: AccountSerializer, **error_responses(400, 401, 403, 409)},
        operation_id="me_termination_request",
    )
    def post(self, request):
        data = OwnTerminationInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.iu_termination_request(
            request=request._request, user=request.user, **data.validated_data
        )
        return Response(AccountSerializer(user).data)


class IuTerminationInput(HolderLoginNameInput):
    """An IU holder's request to end the account, received by post, fax or email."""

    channel = serializers.ChoiceField(choices=[(c.value, c.label) for c in KEYED_IN_CHANNELS])
    received_on = serializers.DateField(help_text="The date the request was received.")
    identity_check = serializers.ChoiceField(choices=TerminationIdentityCheck.choices)
    identity_note = serializers.CharField(max_length=500)
    reasons = serializers.CharField(max_length=2000)


class EndedAccountOutput(serializers.Serializer):
    """The account that was ended."""

    login_name = serializers.CharField()
    status = serializers.CharField()


# LIFE-2 [A47].
class IuTerminationApi(ApiView):
    """For the Help Centre: key in an Individual User's request to end the account, received
    by post, fax or email, with the date received, how identity was checked and the reasons;
    the account ends at once, its case links end, the holder is emailed. 409 if it has already
    ended."""

    required_capabilities = {"POST": Capability.RECORD_TERMINATION_REQUEST}

    @extend_schema(
        request=IuTerminationInput,
        responses={200: EndedAccountOutput, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_iu_termination_record",
    )
    def post(self, request):
        data = IuTerminationInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.iu_termination_record(actor=request.user, **data.validated_data)
        return Response(EndedAccountOutput(user).data)
