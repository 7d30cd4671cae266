"""The Message Box (MSG-1, MSG-2, MSG-3, BEY-6, ROLE-2, NFR-1, NFR-4): each account's own
messages, newest first, in keyset pages that stay put when new messages arrive; filters by
kind and case; search in subject and text, Chinese too; read and unread; the choice of emails
and muted cases; in pages and the API, in both languages. Another account's message is not
found; bad input changes nothing."""

import datetime
import json

import pytest
from django.utils import timezone, translation

from audit.models import AuditRecord
from core.errors import NotFound, NotPermitted, ValidationFailed
from messaging import box_services, selectors
from messaging.models import Message, MessageKind, NotificationPreference
from messaging.selectors import MESSAGE_BOX_PAGE_SIZE, MessageFilters, message_box
from messaging.services import messages_deliver
from permissions.roles import Role
from tests.factories import (
    ApiOnlyUserFactory,
    CaseFactory,
    CaseLinkFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder():
    return ApiOnlyUserFactory()


def deliver(recipient, subject="Notice", body="Text of the notice.", kind=None, case=None, at=None):
    kind = kind or (MessageKind.DIRECTION if case else MessageKind.NOTICE)
    (message,) = messages_deliver(
        recipients=[recipient], kind=kind, subject=subject, body=body, case=case
    )
    if at is not None:
        Message.objects.filter(pk=message.pk).update(sent_at=at)
        message.refresh_from_db()
    return message


def many(recipient, count, *, start=0):
    """`count` messages, one a minute, the last the newest."""
    base = timezone.now() - datetime.timedelta(days=1)
    return Message.objects.bulk_create(
        Message(
            recipient=recipient,
            kind=MessageKind.NOTICE,
            subject=f"Notice {start + i}",
            body="Body",
            sent_at=base + datetime.timedelta(minutes=start + i),
        )
        for i in range(count)
    )


def subjects(page) -> list[str]:
    return [m.subject for m in page.rows]


def _state():
    return (
        Message.objects.count(),
        Message.objects.filter(read_at__isnull=True).count(),
        NotificationPreference.objects.count(),
        AuditRecord.objects.count(),
        json.dumps(
            list(
                NotificationPreference.objects.values(
                    "reminder", "email_each_case_message", "email_each_icms_message"
                )
            )
        ),
    )


# --- the list ----------------------------------------------------------------------------------


def test_msg_1_an_account_sees_only_its_own_messages_newest_first(holder):
    other = ApiOnlyUserFactory()
    deliver(holder, "Older", at=timezone.now() - datetime.timedelta(hours=2))
    deliver(holder, "Newer")
    deliver(other, "Someone else's")
    page = message_box(actor=holder)
    assert subjects(page) == ["Newer", "Older"]
    assert page.unread_count == 2
    assert page.next_cursor is None


def test_msg_1_court_staff_have_no_message_box(client):
    clerk = StaffFactory(role=Role.REGISTRY)
    with pytest.raises(NotPermitted):
        message_box(actor=clerk)
    client.force_login(clerk)
    assert client.get("/messages/").status_code == 403
    assert client.get("/api/v1/messages/").status_code == 403


def test_role_2_another_accounts_message_is_not_found_everywhere(client, holder):
    other = ApiOnlyUserFactory()
    theirs = deliver(other, "Private")
    client.force_login(holder)
    before = _state()
    with pytest.raises(NotFound):
        selectors.message_for(holder, theirs.pk)
    with pytest.raises(NotFound):
        box_services.message_mark_read(actor=holder, message_id=theirs.pk)
    for path in (f"/messages/{theirs.pk}/", "/messages/999999/"):
        assert client.get(path).status_code == 404
    assert client.post(f"/messages/{theirs.pk}/unread/").status_code == 404
    missing = client.get("/api/v1/messages/999999/")
    found = client.get(f"/api/v1/messages/{theirs.pk}/")
    assert found.status_code == missing.status_code == 404
    assert found.json() == missing.json()
    for action in ("read", "unread"):
        assert client.post(f"/api/v1/messages/{theirs.pk}/{action}/").status_code == 404
    assert _state() == before
    assert Message.objects.get(pk=theirs.pk).read_at is None


def test_msg_1_keyset_pages_stay_put_when_new_messages_arrive(holder):
    many(holder, 60)
    first = message_box(actor=holder)
    assert len(first.rows) == MESSAGE_BOX_PAGE_SIZE
    assert subjects(first)[0] == "Notice 59"
    deliver(holder, "Arrived meanwhile")  # newer than every message shown
    second = message_box(actor=holder, cursor=first.next_cursor)
    third = message_box(actor=holder, cursor=second.next_cursor)
    assert subjects(second)[0] == "Notice 34"
    assert subjects(third) == [f"Notice {i}" for i in range(9, -1, -1)]
    assert third.next_cursor is None
    shown = subjects(first) + subjects(second) + subjects(third)
    assert len(shown) == len(set(shown)) == 60
    assert subjects(message_box(actor=holder))[0] == "Arrived meanwhile"


def test_msg_1_messages_sent_at_one_instant_page_by_id(holder):
    """A direction to many recipients is sent at one instant; one account's messages at the
    same instant are ordered by id and none is skipped."""
    at = timezone.now()
    Message.objects.bulk_create(
        Message(
            recipient=holder, kind=MessageKind.NOTICE, subject=f"Same {i}", body="B", sent_at=at
        )
        for i in range(30)
    )
    first = message_box(actor=holder)
    second = message_box(actor=holder, cursor=first.next_cursor)
    assert len(first.rows) + len(second.rows) == 30
    assert not set(subjects(first)) & set(subjects(second))


@pytest.mark.parametrize(
    "cursor", ["x", "a" * 201, "eyJrIjoxfQ:1abc:def"], ids=["garbage", "too long", "bad signature"]
)
def test_nfr_4_a_cursor_that_is_not_the_portals_is_refused(client, holder, cursor):
    with pytest.raises(ValidationFailed) as refused:
        message_box(actor=holder, cursor=cursor)
    assert list(refused.value.errors) == ["cursor"]
    client.force_login(holder)
    response = client.get("/api/v1/messages/", {"cursor": cursor[:200]})
    assert response.status_code == 400
    page = client.get("/messages/", {"cursor": cursor[:200]})
    assert page.status_code == 200
    assert "Start again from the first page" in page.content.decode()


def test_nfr_4_another_accounts_cursor_is_refused(holder):
    other = ApiOnlyUserFactory()
    many(other, 30)
    cursor = message_box(actor=other).next_cursor
    with pytest.raises(ValidationFailed):
        message_box(actor=holder, cursor=cursor)


def test_msg_1_filter_by_kind_case_messages_or_icms_messages(holder):
    case = CaseFactory(number="DCPI 1234/2025")
    deliver(holder, "Direction on costs", case=case)
    deliver(holder, "Password change reminder", kind=MessageKind.PASSWORD_REMINDER)
    assert subjects(message_box(actor=holder, filters=MessageFilters(category="CASE"))) == [
        "Direction on costs"
    ]
    assert subjects(
        message_box(actor=holder, filters=MessageFilters(category="ADMINISTRATIVE"))
    ) == ["Password change reminder"]
    with pytest.raises(ValidationFailed) as refused:
        message_box(actor=holder, filters=MessageFilters(category="SPAM"))
    assert list(refused.value.errors) == ["category"]


def test_msg_1_filter_by_case_number_in_any_spelling(holder):
    one = CaseFactory(number="DCPI 1234/2025")
    two = CaseFactory(number="DCPI 99/2025")
    deliver(holder, "On the first", case=one)
    deliver(holder, "On the second", case=two)
    page = message_box(actor=holder, filters=MessageFilters(case_number="dcpi 01234/2025"))
    assert subjects(page) == ["On the first"]
    with pytest.raises(ValidationFailed) as refused:
        message_box(actor=holder, filters=MessageFilters(case_number="DCPI"))
    assert list(refused.value.errors) == ["case_number"]


def test_msg_1_search_subject_and_text_any_letter_case_and_chinese(holder):
    deliver(holder, "Hearing adjourned", body="The hearing is adjourned to a date to be fixed.")
    deliver(holder, "指示", body="雙方須於十四天內提交文件。")
    deliver(holder, "Costs", body="Costs in the cause.")
    assert subjects(message_box(actor=holder, filters=MessageFilters(search="ADJOURNED"))) == [
        "Hearing adjourned"
    ]
    assert subjects(message_box(actor=holder, filters=MessageFilters(search="提交文件"))) == [
        "指示"
    ]
    assert subjects(message_box(actor=holder, filters=MessageFilters(search="指示"))) == ["指示"]
    assert subjects(message_box(actor=holder, filters=MessageFilters(search="in the  cause"))) == [
        "Costs"
    ]
    with pytest.raises(ValidationFailed):
        message_box(actor=holder, filters=MessageFilters(search="x" * 101))


def test_msg_1_unread_only(holder):
    read = deliver(holder, "Read one")
    deliver(holder, "Unread one")
    box_services.message_mark_read(actor=holder, message_id=read.pk)
    page = message_box(actor=holder, filters=MessageFilters(unread_only=True))
    assert subjects(page) == ["Unread one"]
    assert page.unread_count == 1


# --- read and unread ---------------------------------------------------------------------------


def test_msg_1_opening_a_message_marks_it_read_once(client, holder):
    message = deliver(holder, "Direction", body="Serve the list of documents.")
    client.force_login(holder)
    response = client.get(f"/messages/{message.pk}/")
    assert response.status_code == 200
    assert "Serve the list of documents." in response.content.decode()
    message.refresh_from_db()
    first_read = message.read_at
    assert first_read is not None
    client.get(f"/messages/{message.pk}/")
    message.refresh_from_db()
    assert message.read_at == first_read
    assert AuditRecord.objects.filter(action="message.read").count() == 1


def test_msg_1_mark_unread_and_every_message_read(client, holder):
    one, two = deliver(holder, "One"), deliver(holder, "Two")
    client.force_login(holder)
    client.get(f"/messages/{one.pk}/")
    assert client.post(f"/messages/{one.pk}/unread/").status_code == 302
    assert selectors.unread_count(actor=holder) == 2
    assert AuditRecord.objects.filter(action="message.marked_unread").count() == 1
    response = client.post("/messages/read-all/", follow=True)
    assert "2 messages marked read." in response.content.decode()
    assert selectors.unread_count(actor=holder) == 0
    assert AuditRecord.objects.filter(action="message.all_marked_read").count() == 1
    assert client.post("/api/v1/messages/read-all/").json() == {"marked_read": 0}
    two.refresh_from_db()
    assert two.read_at is not None


def test_msg_1_api_get_does_not_mark_read_post_does(client, holder):
    message = deliver(holder, "Direction")
    client.force_login(holder)
    body = client.get(f"/api/v1/messages/{message.pk}/").json()
    assert body["read"] is False and body["body"] == "Text of the notice."
    assert client.post(f"/api/v1/messages/{message.pk}/read/").json()["read"] is True
    assert client.post(f"/api/v1/messages/{message.pk}/unread/").json()["read"] is False


# --- the choice of emails (MSG-2, MSG-3, BEY-6) ------------------------------------------------


def test_msg_2_default_is_the_day_end_reminder_and_no_immediate_email(client, holder):
    client.force_login(holder)
    assert client.get("/api/v1/messages/preferences/").json() == {
        "reminder": "DAILY",
        "email_each_case_message": False,
        "email_each_icms_message": False,
    }
    assert not NotificationPreference.objects.exists()


def test_msg_3_preferences_saved_and_audited_in_page_and_api(client, holder):
    client.force_login(holder)
    response = client.post(
        "/messages/preferences/",
        {"reminder": "WEEKLY", "email_each_case_message": "on"},
    )
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(account=holder)
    assert (preference.reminder, preference.email_each_case_message) == ("WEEKLY", True)
    assert preference.email_each_icms_message is False
    record = AuditRecord.objects.get(action="messaging.preferences_changed")
    assert record.before == {"reminder": "DAILY", "email_each_case_message": False}
    assert record.after == {"reminder": "WEEKLY", "email_each_case_message": True}
    response = client.put(
        "/api/v1/messages/preferences/",
        {"reminder": "DAILY", "email_each_case_message": False, "email_each_icms_message": True},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["email_each_icms_message"] is True
    assert AuditRecord.objects.filter(action="messaging.preferences_changed").count() == 2


def test_nfr_4_bad_preferences_change_nothing(client, holder):
    client.force_login(holder)
    before = _state()
    page = client.post("/messages/preferences/", {"reminder": "HOURLY"})
    assert page.status_code == 200 and "error-summary" in page.content.decode()
    api = client.put(
        "/api/v1/messages/preferences/",
        {"reminder": "HOURLY", "email_each_case_message": "maybe"},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert {"reminder", "email_each_case_message"} <= set(api.json()["errors"])
    assert _state() == before


def test_bey_6_mute_only_a_case_the_account_can_see(client, holder):
    mine = CaseLinkFactory(organization=None, individual=holder).case
    not_mine = CaseFactory()
    client.force_login(holder)
    before = _state()
    assert client.post("/api/v1/messages/muted-cases/", {"case_id": not_mine.pk}).status_code == 404
    page = client.post("/messages/preferences/muted-cases/", {"case_number": not_mine.number})
    assert "None of your cases has this number." in page.content.decode()
    assert _state() == before
    response = client.post("/api/v1/messages/muted-cases/", {"case_id": mine.pk})
    assert response.status_code == 201
    assert client.get("/api/v1/messages/muted-cases/").json() == [
        {"id": mine.pk, "number": mine.number}
    ]
    assert AuditRecord.objects.filter(action="messaging.case_muted").count() == 1
    assert client.delete(f"/api/v1/messages/muted-cases/{mine.pk}/").status_code == 204
    assert client.delete(f"/api/v1/messages/muted-cases/{mine.pk}/").status_code == 404
    assert selectors.muted_cases(actor=holder) == []
    assert AuditRecord.objects.filter(action="messaging.case_unmuted").count() == 1


def test_bey_6_mute_from_a_case_message(client, holder):
    case = CaseLinkFactory(organization=None, individual=holder).case
    message = deliver(holder, "Direction", case=case)
    client.force_login(holder)
    response = client.post(
        "/messages/preferences/muted-cases/",
        {"case_id": case.pk, "message_id": message.pk},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/messages/{message.pk}/"
    assert "You have muted case" in response.content.decode()
    assert [c.pk for c in selectors.muted_cases(actor=holder)] == [case.pk]


# --- pages and API, in both languages ----------------------------------------------------------


def test_msg_1_list_page_marks_unread_visibly_and_pages(client, holder):
    many(holder, 30)
    client.force_login(holder)
    response = client.get("/messages/")
    html = response.content.decode()
    assert "You have 30 unread messages." in html
    assert html.count('<span class="tag tag-due">Unread</span>') == 25
    assert 'rel="next"' in html


def test_msg_1_home_links_to_the_message_box_with_the_unread_count(client, holder):
    deliver(holder, "One")
    client.force_login(holder)
    html = client.get("/account/").content.decode()
    assert "Message Box (1 unread)" in html


def test_nfr_1_message_box_in_traditional_chinese(client, holder):
    deliver(holder, "指示", case=CaseFactory(number="DCPI 7/2025"))
    client.force_login(holder)
    html = client.get("/zh-hant/messages/").content.decode()
    assert "訊息箱" in html
    assert "未讀" in html
    home = client.get("/zh-hant/account/").content.decode()
    assert "訊息箱（1則未讀）" in home
    with translation.override("zh-hant"):
        response = client.get("/api/v1/messages/", HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert response.json()["results"][0]["kind_label"] == "指示"


def test_msg_1_api_list_with_filters_and_cursor(client, holder):
    many(holder, 30)
    case = CaseFactory(number="DCPI 1234/2025")
    deliver(holder, "Direction on costs", case=case)
    client.force_login(holder)
    first = client.get("/api/v1/messages/").json()
    assert first["unread_count"] == 31 and len(first["results"]) == 25
    assert first["results"][0]["case"] == {"id": case.pk, "number": "DCPI 1234/2025"}
    second = client.get("/api/v1/messages/", {"cursor": first["next_cursor"]}).json()
    assert len(second["results"]) == 6 and second["next_cursor"] is None
    narrowed = client.get(
        "/api/v1/messages/",
        {"category": "CASE", "search": "COSTS", "case_number": "DCPI 1234/2025"},
    ).json()
    assert [m["subject"] for m in narrowed["results"]] == ["Direction on costs"]
