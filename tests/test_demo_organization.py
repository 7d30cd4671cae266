"""The demo data carries an organization with an active PA, whose login and Organization Code
are printed with the other demo logins."""

import io

import pytest
from django.core.management import call_command

from accounts.models import AccountStatus, User
from organizations.models import OrganizationStatus

pytestmark = pytest.mark.django_db


def test_demo_data_has_an_organization_with_an_active_pa(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    pa = User.objects.get(login_name="pa00000001")
    assert (pa.role, pa.status) == ("PA", AccountStatus.ACTIVE)
    assert pa.organization.status == OrganizationStatus.ACTIVE
    assert pa.check_password("Demo-Court-2026")
    code = pa.organization.code
    assert "pa00000001" in out.getvalue()
    assert f"{code[:5]}-{code[5:]}" in out.getvalue()
