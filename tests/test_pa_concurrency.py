"""ORG-3 and ORG-8 under real parallel requests on PostgreSQL: with one PA, parallel
authentications of replacement applications leave exactly two live PAs (the limit) and the
rest get the limit's refusal."""

import pytest
from django.db import connection

from accounts.models import LIVE_STATUSES, User
from organizations.limits import LimitReached
from registration.models import Application, ApplicationStatus
from registration.services import application_mark_in_order, identity_authentication_record
from tests.factories import (
    OrganizationAccountFactory,
    OrganizationFactory,
    StaffFactory,
    in_person_authentication,
    new_hkid,
    submit_replacement_application,
)
from tests.test_concurrency import assert_audit_chain_intact, run_in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 6


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...): SQLite admits one writer")


def test_org_3_parallel_replacement_pas_stop_at_two_live_pas():
    vetting = StaffFactory(role="VETTING")
    help_centre = StaffFactory(role="HELP_CENTRE")
    organization = OrganizationFactory()
    OrganizationAccountFactory(role="PA", organization=organization)
    applications = []
    for n in range(PARALLEL):
        application = submit_replacement_application(
            organization,
            particulars={"id_document_number": new_hkid(), "email": f"new.pa{n}@example.com"},
        )
        application_mark_in_order(actor=vetting, application_id=application.pk)
        applications.append(application)

    def authenticate(index):
        application = applications[index]
        return identity_authentication_record(
            actor=help_centre,
            application_id=application.pk,
            **in_person_authentication(application),
        )

    results = run_in_parallel(PARALLEL, authenticate)
    succeeded = [r for kind, r in results if kind == "ok"]
    refused = [r for kind, r in results if kind == "error"]
    assert len(succeeded) == 1, results
    assert len(refused) == PARALLEL - 1
    assert all(isinstance(error, LimitReached) for error in refused), refused
    assert (
        User.objects.filter(organization=organization, role="PA", status__in=LIVE_STATUSES).count()
        == 2
    )
    assert (
        Application.objects.filter(
            application_type="PA_REPLACEMENT", status=ApplicationStatus.APPROVED
        ).count()
        == 1
    )
    assert_audit_chain_intact()
