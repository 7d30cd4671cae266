"""The Message Box through the API (MSG-1, MSG-3, BEY-6), and the registry's directions
(MSG-1, CASE-4): the same selectors and services as the pages. Another account's message is
"not found" with the same body as a message that does not exist; court staff have no Message
Box (403). Reading a message here does not mark it read: GET changes nothing, and
`POST .../read/` does."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ID_MAX, ApiView, error_responses, next_page_url
from core.idempotency import idempotent
from messaging import box_services, selectors
from messaging.models import MessageCategory, ReminderFrequency
from messaging.selectors import SEARCH_MAX_LENGTH, MessageFilters
from permissions.roles import Capability

# --- output -------------------------------------------------------------------------------------


class MessageCaseSerializer(serializers.Serializer):
    """The case a case message concerns."""

    id = serializers.IntegerField()
    number = serializers.CharField(help_text="e.g. DCPI 1234/2025.")


class MessageSummarySerializer(serializers.Serializer):
    """One message of the caller's Message Box, without its text."""

    id = serializers.IntegerField()
    category = serializers.CharField(
        help_text="CASE (directions and documents from the e-Court) or ADMINISTRATIVE (iCMS "
        "messages: password reminders, de-activation notices, notices)."
    )
    kind = serializers.CharField(
        help_text="DIRECTION, DOCUMENT, PASSWORD_REMINDER, DEACTIVATION_NOTICE or NOTICE."
    )
    kind_label = serializers.CharField(
        source="get_kind_display", help_text="In the language of the request."
    )
    subject = serializers.CharField()
    case = MessageCaseSerializer(allow_null=True, help_text="Case messages only.")
    sent_at = serializers.DateTimeField()
    read = serializers.BooleanField(source="is_read")
    read_at = serializers.DateTimeField(allow_null=True, help_text="When first read; null: unread.")


class MessageSerializer(MessageSummarySerializer):
    """A message of the caller's Message Box, with its text."""

    body = serializers.CharField()
    from_registry = serializers.SerializerMethodField(
        help_text="Sent by the registry (a direction), rather than by the portal itself."
    )

    def get_from_registry(self, obj) -> bool:
        return obj.sent_by_id is not None


class MessageBoxPageSerializer(serializers.Serializer):
    """One page of the caller's messages, newest first, and how to ask for the next one."""

    results = MessageSummarySerializer(many=True)
    unread_count = serializers.IntegerField(
        help_text="Unread messages in the whole Message Box, whatever the filters."
    )
    next_cursor = serializers.CharField(
        allow_null=True, help_text="Pass as `cursor` for the next page; null on the last page."
    )
    next = serializers.CharField(
        allow_null=True, help_text="The address of the next page, with the same filters."
    )


class ReadAllSerializer(serializers.Serializer):
    """How many messages were unread and are now read."""

    marked_read = serializers.IntegerField()


class PreferenceSerializer(serializers.Serializer):
    """The caller's choice of emails. Emails never carry a message's content."""

    reminder = serializers.ChoiceField(
        choices=ReminderFrequency.choices,
        help_text="DAILY: a reminder at the end of each day with unread messages (the default); "
        "WEEKLY: once a week, when there are unread messages.",
    )
    email_each_case_message = serializers.BooleanField(
        help_text="An email for each new direction or document from the e-Court (off by default)."
    )
    email_each_icms_message = serializers.BooleanField(
        help_text="An email for each new iCMS message (off by default)."
    )


class MutedCaseSerializer(serializers.Serializer):
    """A case whose messages bring no immediate email; they still reach the Message Box."""

    id = serializers.IntegerField()
    number = serializers.CharField()


class DirectionSentSerializer(serializers.Serializer):
    """The direction sent: to which case, and the accounts that received a copy."""

    case = MessageCaseSerializer()
    recipients = serializers.ListField(
        child=serializers.CharField(), help_text="The login names of the recipients."
    )


# --- input --------------------------------------------------------------------------------------


class MessageFilterInput(serializers.Serializer):
    """Narrow the list; every field is optional."""

    category = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text=f"{MessageCategory.CASE} or {MessageCategory.ADMINISTRATIVE}.",
    )
    case_number = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=40,
        help_text="A whole case number, in any spacing or letter case (dcpi 01234/2025).",
    )
    search = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=SEARCH_MAX_LENGTH,
        help_text="Words in the subject or the text, in any letter case; Chinese too.",
    )
    unread = serializers.BooleanField(required=False, help_text="Unread messages only.")
    cursor = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="The `next_cursor` of the page before; a cursor that is not the portal's is "
        "refused.",
    )


class MuteInput(serializers.Serializer):
    """A case to mute: its messages still reach the Message Box, with no immediate email."""

    case_id = serializers.IntegerField(
        min_value=1, max_value=ID_MAX, help_text="A case the caller can see."
    )


class DirectionInput(serializers.Serializer):
    """A direction of the court, as the registry sends it to a case's recipients."""

    subject = serializers.CharField(max_length=box_services.SUBJECT_MAX_LENGTH)
    body = serializers.CharField(
        max_length=box_services.BODY_MAX_LENGTH, help_text="The direction's text."
    )


# --- the holder's Message Box --------------------------------------------------------------------


class _MessageBoxApi(ApiView):
    required_capabilities = {
        method: Capability.USE_MESSAGE_BOX for method in ("GET", "POST", "PUT", "DELETE")
    }


class MessageListApi(_MessageBoxApi):
    """The caller's messages, newest first, 25 to a page, with the unread count: case
    messages and iCMS messages, narrowed by kind, case, words and unread."""

    @extend_schema(
        parameters=[MessageFilterInput],
        responses={200: MessageBoxPageSerializer, **error_responses(400, 401, 403)},
        operation_id="messages_list",
    )
    def get(self, request):
        data = MessageFilterInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        page = selectors.message_box(
            actor=request.user,
            cursor=values.get("cursor") or None,
            filters=MessageFilters(
                category=values.get("category", ""),
                case_number=values.get("case_number", ""),
                search=values.get("search", ""),
                unread_only=values.get("unread", False),
            ),
        )
        return Response(
            {
                "results": MessageSummarySerializer(page.rows, many=True).data,
                "unread_count": page.unread_count,
                "next_cursor": page.next_cursor,
                "next": next_page_url(request, page.next_cursor),
            }
        )


class MessageApi(_MessageBoxApi):
    """One of the caller's messages, with its text. Reading it here does not mark it read."""

    @extend_schema(
        responses={200: MessageSerializer, **error_responses(401, 403, 404)},
        operation_id="messages_retrieve",
    )
    def get(self, request, message_id):
        return Response(MessageSerializer(selectors.message_for(request.user, message_id)).data)


class MessageReadApi(_MessageBoxApi):
    """Mark one of the caller's messages read (as opening it on the page does); a message
    already read keeps when it was first read."""

    @extend_schema(
        request=None,
        responses={200: MessageSerializer, **error_responses(401, 403, 404)},
        operation_id="messages_read",
    )
    def post(self, request, message_id):
        message = box_services.message_mark_read(actor=request.user, message_id=message_id)
        return Response(MessageSerializer(message).data)


class MessageUnreadApi(_MessageBoxApi):
    """Mark one of the caller's messages unread again."""

    @extend_schema(
        request=None,
        responses={200: MessageSerializer, **error_responses(401, 403, 404)},
        operation_id="messages_unread",
    )
    def post(self, request, message_id):
        message = box_services.message_mark_unread(actor=request.user, message_id=message_id)
        return Response(MessageSerializer(message).data)


class MessageReadAllApi(_MessageBoxApi):
    """Mark every unread message of the caller read."""

    @extend_schema(
        request=None,
        responses={200: ReadAllSerializer, **error_responses(401, 403)},
        operation_id="messages_read_all",
    )
    def post(self, request):
        return Response({"marked_read": box_services.messages_mark_all_read(actor=request.user)})


def _preference_data(actor) -> dict:
    preference = selectors.notification_preference(actor=actor)
    return PreferenceSerializer(preference).data


class PreferenceApi(_MessageBoxApi):
    """The caller's choice of emails: the reminder of unread messages at the end of each day
    (the default) or once a week, and by choice an email for each new case message and/or
    each new iCMS message."""

    @extend_schema(
        responses={200: PreferenceSerializer, **error_responses(401, 403)},
        operation_id="messages_preferences_retrieve",
    )
    def get(self, request):
        return Response(_preference_data(request.user))

    @extend_schema(
        request=PreferenceSerializer,
        responses={200: PreferenceSerializer, **error_responses(400, 401, 403)},
        operation_id="messages_preferences_update",
    )
    def put(self, request):
        data = PreferenceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        box_services.notification_preference_update(actor=request.user, **data.validated_data)
        return Response(_preference_data(request.user))


class MutedCaseListApi(_MessageBoxApi):
    """The cases whose messages bring the caller no immediate email; mute one more."""

    @extend_schema(
        responses={200: MutedCaseSerializer(many=True), **error_responses(401, 403)},
        operation_id="messages_muted_cases_list",
    )
    def get(self, request):
        return Response(
            MutedCaseSerializer(selectors.muted_cases(actor=request.user), many=True).data
        )

    @extend_schema(
        request=MuteInput,
        responses={201: MutedCaseSerializer, **error_responses(400, 401, 403, 404)},
        operation_id="messages_muted_cases_create",
    )
    def post(self, request):
        data = MuteInput(data=request.data)
        data.is_valid(raise_exception=True)
        case = box_services.case_mute(actor=request.user, case_id=data.validated_data["case_id"])
        return Response(MutedCaseSerializer(case).data, status=status.HTTP_201_CREATED)


class MutedCaseApi(_MessageBoxApi):
    """Stop muting a case: its messages bring immediate emails again, as chosen."""

    @extend_schema(
        responses={204: None, **error_responses(401, 403, 404)},
        operation_id="messages_muted_cases_destroy",
    )
    def delete(self, request, case_id):
        box_services.case_unmute(actor=request.user, case_id=case_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- the registry ------------------------------------------------------------------------------


class CaseDirectionApi(ApiView):
    """Registry clerks: send a direction to a case. A copy reaches the Message Box of each
    recipient of the case's messages (the linked individual users; the OUs an organization
    assigned to its party, or its default OUs). A case that no account would receive is
    refused (409 no_recipient) and nothing is sent."""

    required_capabilities = {"POST": Capability.SEND_CASE_DIRECTIONS}

    @extend_schema(
        request=DirectionInput,
        responses={201: DirectionSentSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_cases_directions_create",
    )
    @idempotent
    def post(self, request, case_id):
        data = DirectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        sent = box_services.case_direction_send(
            actor=request.user, case_id=case_id, **data.validated_data
        )
        return Response(
            {
                "case": MessageCaseSerializer(sent.case).data,
                "recipients": [message.recipient.login_name for message in sent.messages],
            },
            status=status.HTTP_201_CREATED,
        )
