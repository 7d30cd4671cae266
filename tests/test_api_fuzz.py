"""NFR-3, NFR-4: the whole API, driven by requests generated from its own live schema
(schemathesis), never answers with a server error, and answers as the schema says: a
documented status, the documented content type and a body of the documented shape.

A fixed number of examples per operation and a fixed seed, so that every run sends the same
requests; public operations anonymously, the others with the bearer token of an officer who
holds the capability they need."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, Phase, seed, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from permissions.roles import Role
from registration import services
from tests.factories import PASSWORD, StaffFactory, one_time_code, submit_application

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db(transaction=True)]

EXAMPLES_PER_OPERATION = 25
SEED = 20261125
# Not checked: whether schema-valid input is accepted, or schema-invalid input refused. The
# services apply rules a schema cannot state (check digits, matching particulars, states).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Which officer calls an operation that needs a login (path fragment -> role).
HELP_CENTRE_PATHS = (
    "/authenticate/",
    "/password-resets/",
    "/activation-codes/",
    "/account-holders/",
    "/account-unlocks/",
)


# The schema as the portal serves it (reading it needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", WSGIHandler())


@pytest.fixture
def payment_gateway(local_gateway, settings):
    """The local payment gateway, so that a payment started without login (SVC-4, GEN-3)
    reaches a gateway as it would in service."""
    settings.PAYMENT_GATEWAY = {**settings.PAYMENT_GATEWAY, "API_BASE": local_gateway}


@pytest.fixture
def bearer(client, db, payment_gateway):
    """A bearer token for a vetting officer and for a Help Centre officer, from the API's
    own login, and applications in each state for the ids to find."""
    vetting = StaffFactory(role=Role.VETTING)
    submit_application()
    in_order = submit_application()
    services.application_mark_in_order(actor=vetting, application_id=in_order.pk)
    tokens = {}
    for role in (Role.VETTING, Role.HELP_CENTRE):
        officer = vetting if role == Role.VETTING else StaffFactory(role=role)
        response = client.post(
            "/api/v1/auth/login/",
            {
                "login_name": officer.login_name,
                "password": PASSWORD,
                "one_time_code": one_time_code(officer),
            },
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        tokens[role] = response.json()["token"]
    return tokens


def _headers(case, bearer) -> dict:
    if case.operation.definition.raw.get("security") == [{}]:
        return {}
    path, method = case.operation.path, case.method.upper()
    help_centre = any(p in path for p in HELP_CENTRE_PATHS) or (
        path == "/api/v1/backoffice/applications/" and method == "POST"
    )
    return {"Authorization": f"Bearer {bearer[Role.HELP_CENTRE if help_centre else Role.VETTING]}"}


@schema.parametrize()
@seed(SEED)
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    database=None,
    derandomize=False,
    suppress_health_check=list(HealthCheck),
)
def test_nfr_3_nfr_4_api_fuzz_no_server_error_and_schema_conformance(case, bearer):
    case.call_and_validate(headers=_headers(case, bearer), checks=CHECKS)
