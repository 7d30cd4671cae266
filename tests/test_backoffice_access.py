"""Court staff see only their own work queues (OPS-1, ROLE-2); Django admin is for system
administrators only; documents are never public."""

import pytest
from django.urls import reverse

from permissions.roles import Role
from registration.models import SupportingDocument
from tests.factories import StaffFactory, UserFactory, submit_application

pytestmark = pytest.mark.django_db

# Written out from OPS-1, not read from permissions.roles, so that a wrong matrix fails here.
PAGES = {
    "backoffice:vetting_queue": {Role.VETTING},
    "backoffice:authentication_queue": {Role.HELP_CENTRE},
    "backoffice:key_in_application": {Role.HELP_CENTRE},
    "backoffice:start_password_reset": {Role.HELP_CENTRE},
    "backoffice:reissue_activation_code": {Role.HELP_CENTRE},
    "backoffice:unlock_account": {Role.HELP_CENTRE, Role.SYSTEM_ADMIN},
    # A46: the Help Centre corrects an IU's or a PA's name against the document.
    "backoffice:correct_holder_name": {Role.HELP_CENTRE},
    # SVC-3: the registry keeps the Cause Book.
    "backoffice:cause_book": {Role.REGISTRY},
    "backoffice:cause_book_import": {Role.REGISTRY},
}
ALL_ROLES = [Role.HELP_CENTRE, Role.VETTING, Role.REGISTRY, Role.SYSTEM_ADMIN, Role.IU]


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_ops_1_each_staff_role_reaches_only_its_own_queues(client, role, page):
    user = StaffFactory(role=role) if role != Role.IU else UserFactory()
    client.force_login(user)
    response = client.get(reverse(page))
    assert response.status_code == (200 if role in PAGES[page] else 403)
    if response.status_code == 403:
        assert "not permitted" in response.content.decode()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_ops_1_dashboard_lists_only_the_roles_queues(client, role):
    user = StaffFactory(role=role) if role != Role.IU else UserFactory()
    client.force_login(user)
    response = client.get(reverse("backoffice:dashboard"))
    if role == Role.IU:
        assert response.status_code == 403
        return
    page = response.content.decode()
    for name, roles in PAGES.items():
        assert (reverse(name) in page) is (role in roles), name


@pytest.mark.parametrize("role", ALL_ROLES)
def test_ops_1_django_admin_is_for_system_administrators_only(client, role):
    user = (
        StaffFactory(role=role, is_superuser=role == Role.SYSTEM_ADMIN)
        if role != Role.IU
        else UserFactory()
    )
    client.force_login(user)
    response = client.get("/admin/")
    assert (response.status_code == 200) is (role == Role.SYSTEM_ADMIN)


def test_ops_1_anonymous_is_sent_to_login(client):
    response = client.get(reverse("backoffice:vetting_queue"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_role_2_supporting_documents_only_for_staff_who_vet(client, settings, tmp_path):
    application = submit_application()
    document = SupportingDocument.objects.get(application=application)
    url = reverse("backoffice:document_download", args=[document.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(StaffFactory(role=Role.VETTING))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Never under a public URL.
    assert not document.file.url.startswith(settings.STATIC_URL)
    for prefix in ("/", "/media/"):
        assert client.get(prefix + document.file.name).status_code == 404


def test_ops_2_admin_cannot_change_or_delete_accounts(client, system_admin):
    holder = UserFactory()
    client.force_login(system_admin)
    url = f"/admin/accounts/user/{holder.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and holder.login_name in page.content.decode()
    client.post(url, {"status": "SUSPENDED", "role": "SYSTEM_ADMIN", "is_superuser": "on"})
    holder.refresh_from_db()
    assert (holder.status, holder.role, holder.is_superuser) == ("ACTIVE", "IU", False)
    assert client.get(f"/admin/accounts/user/{holder.pk}/delete/").status_code == 403
