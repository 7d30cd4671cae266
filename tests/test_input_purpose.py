"""NFR-2, WCAG 1.3.5 (identify input purpose) and 3.3.8 (accessible authentication): the
fields for a holder's own particulars carry the autocomplete token that lets a browser or a
password manager fill them in; fields for someone else's particulars carry none."""

from html.parser import HTMLParser

import pytest

from permissions.roles import Role
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


class _Fields(HTMLParser):
    """The autocomplete attribute of each form field of a page, by the field's name."""

    def __init__(self):
        super().__init__()
        self.autocomplete: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"input", "select", "textarea"} and attrs.get("type") != "hidden":
            self.autocomplete[attrs["name"]] = attrs.get("autocomplete")


def _autocomplete(client, path: str) -> dict[str, str | None]:
    response = client.get(path)
    assert response.status_code == 200
    parser = _Fields()
    parser.feed(response.content.decode())
    return parser.autocomplete


def test_nfr_2_activation_names_the_account_beside_its_new_password(client):
    """A password manager saves the new password under the login name, where the login name
    had no autocomplete token and was left out."""
    fields = _autocomplete(client, "/account/activate/")
    assert fields["login_name"] == "username"
    assert fields["activation_code"] == "one-time-code"
    assert fields["password"] == "new-password"
    assert fields["password_confirm"] == "new-password"


@pytest.mark.parametrize("path", ["/apply/organization/", "/apply/organization/replacement/"])
def test_nfr_2_organization_application_identifies_the_applicants_organization(client, path):
    """The name of the applicant's own organization may be filled in by the browser."""
    fields = _autocomplete(client, path)
    assert fields["organization_name"] == "organization"
    assert fields["surname"] == "family-name"
    assert fields["given_name"] == "given-name"
    assert fields["email"] == "email"
    assert fields["phone"] == "tel"


@pytest.mark.parametrize("kind", ["", "?type=PA", "?type=PA_REPLACEMENT"])
def test_nfr_2_paper_application_offers_not_the_officers_own_particulars(client, kind):
    """The Help Centre keys in an applicant's paper form: the browser must not offer the
    officer's own name, address, telephone number or organization for the applicant's."""
    client.force_login(StaffFactory(role=Role.HELP_CENTRE))
    fields = _autocomplete(client, "/backoffice/paper-applications/new/" + kind)
    personal = ["surname", "given_name", "phone", "email", "address", "organization_name"]
    assert {name: fields[name] for name in personal if name in fields} == {
        name: "off" for name in personal if name in fields
    }
    assert "surname" in fields and "email" in fields
