"""A46 [A16]: an IU's or a PA's name was checked against an identification document, so its
holder cannot change it on the profile page; the Help Centre corrects it on the holder's
request, against the document that shows the right name, by page and API. Audited with both
names; the holder is emailed in its language. An SA's or OU's name is its administrators'."""

import pytest

from accounts import services
from accounts.models import AccountStatus, User
from audit.models import AuditRecord
from core.errors import InvalidTransition, NotFound, NotPermitted, ValidationFailed
from permissions.roles import Role
from tests.conftest import emails_to
from tests.factories import OrganizationAccountFactory, StaffFactory, UserFactory, api_as

pytestmark = pytest.mark.django_db(transaction=True)

AT_THE_COUNTER = {
    "channel": "COUNTER",
    "document_note": "HKID card seen at the counter",
    "reasons": "Given name misspelt in the application",
}
PAGE = "/backoffice/name-corrections/"
API = "/api/v1/backoffice/name-corrections/"


def _correct(officer, holder, surname="CHAN", given_name="Tai Wai", **fields):
    return services.holder_name_correct(
        actor=officer,
        login_name=holder.login_name,
        surname=surname,
        given_name=given_name,
        **{**AT_THE_COUNTER, **fields},
    )


@pytest.mark.parametrize("role", [Role.IU, Role.PA])
def test_a46_the_help_centre_corrects_an_iu_or_pa_name_audited_and_the_holder_emailed(
    help_centre_officer, role
):
    holder = (
        UserFactory(email="holder@example.com")
        if role == Role.IU
        else OrganizationAccountFactory(role=Role.PA, email="holder@example.com")
    )
    holder.surname, holder.given_name = "Chan", "Tai Man"
    holder.save(update_fields=["surname", "given_name"])
    _correct(help_centre_officer, holder, surname=" CHAN ", given_name="Tai Wai")
    holder.refresh_from_db()
    assert (holder.surname, holder.given_name) == ("CHAN", "Tai Wai")
    record = AuditRecord.objects.get(action="account.name_corrected")
    assert record.actor_id == help_centre_officer.pk
    assert record.before == {"surname": "Chan", "given_name": "Tai Man"}
    assert record.after == {
        "surname": "CHAN",
        "given_name": "Tai Wai",
        "channel": "COUNTER",
        "document_note": "HKID card seen at the counter",
        "reasons": "Given name misspelt in the application",
    }
    (email,) = emails_to("holder@example.com")
    assert email.subject == "The name of your iCMS account has been corrected"
    assert "Dear CHAN Tai Wai," in email.body
    assert "Name before: Chan Tai Man" in email.body and "Name now: CHAN Tai Wai" in email.body
    assert "If you did not ask for this, please call the Help Centre" in email.body


def test_a46_the_email_is_in_the_holders_language(help_centre_officer):
    holder = UserFactory(email="chinese@example.com", preferred_language="zh-hant")
    _correct(help_centre_officer, holder)
    (email,) = emails_to("chinese@example.com")
    assert email.subject == "你的iCMS帳戶的姓名已更正"
    assert "更正前的姓名：Chan Tai Man" in email.body


def test_a46_bad_input_is_refused_field_by_field_and_nothing_changes(help_centre_officer):
    holder = UserFactory()
    with pytest.raises(ValidationFailed) as refused:
        services.holder_name_correct(
            actor=help_centre_officer,
            login_name=holder.login_name,
            surname="\u200b ",  # invisible only: empty
            given_name="Tai\u202eWai",  # a text-direction control
            channel="PHONE",
            document_note="",
            reasons=" ",
        )
    errors = refused.value.errors
    assert set(errors) == {"surname", "given_name", "channel", "document_note", "reasons"}
    assert "text-direction control" in str(errors["given_name"][0])
    with pytest.raises(ValidationFailed) as too_long:
        _correct(help_centre_officer, holder, surname="X" * 101)
    assert "at most 100 characters" in str(too_long.value.errors["surname"][0])
    with pytest.raises(ValidationFailed) as same:
        _correct(help_centre_officer, holder, surname="Chan", given_name="Tai Man")
    assert "already has" in str(same.value.errors["surname"][0])
    holder.refresh_from_db()
    assert (holder.surname, holder.given_name) == ("Chan", "Tai Man")
    assert not AuditRecord.objects.filter(action="account.name_corrected").exists()


def test_a46_only_the_help_centre_only_iu_and_pa_and_not_an_ended_account(help_centre_officer):
    holder = UserFactory()
    for actor in (holder, StaffFactory(role=Role.VETTING), StaffFactory(role=Role.REGISTRY)):
        with pytest.raises(NotPermitted):
            _correct(actor, holder)
    for role in (Role.SA, Role.OU):  # their administrators keep their names
        with pytest.raises(NotFound):
            _correct(help_centre_officer, OrganizationAccountFactory(role=role))
    ended = UserFactory(status=AccountStatus.TERMINATED)
    with pytest.raises(InvalidTransition):
        _correct(help_centre_officer, ended)
    assert User.objects.get(pk=ended.pk).given_name == "Tai Man"
    assert not AuditRecord.objects.filter(action="account.name_corrected").exists()


def test_a46_the_help_centre_page_finds_the_holder_and_corrects_in_both_languages(
    client, help_centre_officer
):
    holder = UserFactory()
    client.force_login(help_centre_officer)
    assert f'href="{PAGE}"' in client.get("/backoffice/").content.decode()
    found = client.get(PAGE, {"login_name": holder.login_name}).content.decode()
    assert 'value="Tai Man"' in found and "Correct the name" in found
    chinese = client.get(f"/zh-hant{PAGE}", {"login_name": holder.login_name}).content.decode()
    assert "更正持有人的姓名" in chinese and "顯示正確姓名的文件" in chinese
    missing = client.get(PAGE, {"login_name": "nobody00001"}).content.decode()
    assert "No IU or PA account has this login name." in missing
    refused = client.post(
        PAGE, {"login_name": holder.login_name, "surname": "CHAN", "given_name": "Tai Wai"}
    )
    assert refused.status_code == 200
    assert 'href="#id_document_note"' in refused.content.decode()
    assert User.objects.get(pk=holder.pk).given_name == "Tai Man"
    done = client.post(
        PAGE,
        {
            "login_name": holder.login_name,
            "surname": "CHAN",
            "given_name": "Tai Wai",
            **AT_THE_COUNTER,
        },
    )
    assert done.status_code == 302
    assert User.objects.get(pk=holder.pk).given_name == "Tai Wai"


def test_a46_the_staff_api_corrects_and_answers_as_the_service_does(help_centre_officer):
    holder = UserFactory()
    api = api_as(help_centre_officer, default_format="json")
    body = {"login_name": holder.login_name, "surname": "CHAN", "given_name": "Tai Wai"}
    response = api.post(API, {**body, **AT_THE_COUNTER})
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "login_name": holder.login_name,
        "surname": "CHAN",
        "given_name": "Tai Wai",
    }
    again = api.post(API, {**body, **AT_THE_COUNTER})
    assert again.status_code == 400 and "surname" in again.json()["errors"]
    ou = OrganizationAccountFactory(role=Role.OU)
    ou_body = {**body, **AT_THE_COUNTER, "login_name": ou.login_name}
    assert api.post(API, ou_body).status_code == 404
    holder_api = api_as(holder, default_format="json")
    assert holder_api.post(API, {**body, **AT_THE_COUNTER}).status_code == 403


def test_a46_the_profile_page_points_an_iu_to_the_help_centre_for_its_name(client):
    holder = UserFactory()
    client.force_login(holder)
    page = client.get("/account/profile/").content.decode()
    assert "to correct it, please contact the Help Centre" in page
