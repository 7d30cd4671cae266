"""NFR-3: every user operation is in the versioned REST API, described by a valid OpenAPI 3
schema."""

import re

import pytest
import yaml
from django.core.management import call_command

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Every operation of the IU journey (tests/test_api_journey.py), and the back office's.
EXPECTED_OPERATIONS = [
    ("post", "/api/v1/applications/"),
    ("get", "/api/v1/applications/by-token/{token}/"),
    ("post", "/api/v1/applications/by-token/{token}/supplement/"),
    ("post", "/api/v1/auth/login/"),
    ("post", "/api/v1/auth/logout/"),
    ("get", "/api/v1/me/"),
    ("post", "/api/v1/accounts/activate/"),
    ("post", "/api/v1/accounts/reset-password/"),
    ("post", "/api/v1/accounts/unlock/"),
    ("post", "/api/v1/backoffice/password-resets/"),
    ("post", "/api/v1/backoffice/activation-codes/"),
    ("get", "/api/v1/backoffice/account-holders/"),
    ("post", "/api/v1/backoffice/account-unlocks/"),
    ("post", "/api/v1/backoffice/second-factor-resets/"),
    ("post", "/api/v1/me/password/"),
    ("get", "/api/v1/backoffice/applications/"),
    ("post", "/api/v1/backoffice/applications/"),
    ("get", "/api/v1/backoffice/applications/{id}/"),
    ("post", "/api/v1/backoffice/applications/{id}/request-information/"),
    ("post", "/api/v1/backoffice/applications/{id}/in-order/"),
    ("post", "/api/v1/backoffice/applications/{id}/reject/"),
    ("post", "/api/v1/backoffice/applications/{id}/authenticate/"),
    ("get", "/api/v1/backoffice/documents/{id}/"),
    # ORG-4, REG-10: the PA's configuration-change requests and the vetting officer's decision.
    ("get", "/api/v1/organization/configuration-changes/"),
    ("post", "/api/v1/organization/configuration-changes/"),
    ("get", "/api/v1/organization/configuration-changes/{id}/"),
    ("get", "/api/v1/backoffice/configuration-changes/"),
    ("get", "/api/v1/backoffice/configuration-changes/{id}/"),
    ("post", "/api/v1/backoffice/configuration-changes/{id}/approve/"),
    ("post", "/api/v1/backoffice/configuration-changes/{id}/reject/"),
    # Organization accounts: the PA's application (REG-7), its replacement and end (ORG-8).
    ("post", "/api/v1/organization-applications/"),
    ("post", "/api/v1/pa-replacement-applications/"),
    ("post", "/api/v1/backoffice/organization-applications/"),
    ("post", "/api/v1/backoffice/pa-replacement-applications/"),
    ("post", "/api/v1/backoffice/primary-administrator-terminations/"),
    # Organization administration (ORG-2, ORG-5..7, ROLE-1, AUTH-5) and the holder's profile.
    ("patch", "/api/v1/me/profile/"),
    # LIFE-1: a new email address confirmed through itself; LIFE-2: an IU account ended online
    # by its holder, or keyed in by the Help Centre.
    ("post", "/api/v1/me/email-change/"),
    ("post", "/api/v1/me/email-change/confirm/"),
    ("post", "/api/v1/me/termination/"),
    ("post", "/api/v1/backoffice/iu-terminations/"),
    ("get", "/api/v1/organization/"),
    ("get", "/api/v1/organization/branches/"),
    ("post", "/api/v1/organization/branches/"),
    ("patch", "/api/v1/organization/branches/{branch_id}/"),
    ("delete", "/api/v1/organization/branches/{branch_id}/"),
    ("get", "/api/v1/organization/accounts/"),
    ("post", "/api/v1/organization/accounts/"),
    ("get", "/api/v1/organization/accounts/{account_id}/"),
    ("patch", "/api/v1/organization/accounts/{account_id}/"),
    ("post", "/api/v1/organization/accounts/{account_id}/suspend/"),
    ("post", "/api/v1/organization/accounts/{account_id}/reactivate/"),
    ("post", "/api/v1/organization/accounts/{account_id}/terminate/"),
    ("post", "/api/v1/organization/accounts/{account_id}/end-date/"),
    ("put", "/api/v1/organization/accounts/{account_id}/optional-roles/"),
    ("post", "/api/v1/organization/accounts/{account_id}/activation-code/"),
    ("post", "/api/v1/organization/accounts/{account_id}/password-reset/"),
    ("put", "/api/v1/organization/accounts/{account_id}/default-ou/"),
    ("delete", "/api/v1/organization/accounts/{account_id}/default-ou/"),
    # CASE-3 (a), (b), BEY-1: Notices of Consent and of Change, the holders' and the registry's.
    ("get", "/api/v1/case-link-requests/"),
    ("post", "/api/v1/case-link-requests/"),
    ("get", "/api/v1/case-link-requests/{id}/"),
    ("get", "/api/v1/notices-of-change/"),
    ("post", "/api/v1/notices-of-change/"),
    ("get", "/api/v1/notices-of-change/{id}/"),
    ("get", "/api/v1/backoffice/case-link-requests/"),
    ("post", "/api/v1/backoffice/case-link-requests/"),
    ("get", "/api/v1/backoffice/case-link-requests/{id}/"),
    ("post", "/api/v1/backoffice/case-link-requests/{id}/accept/"),
    ("post", "/api/v1/backoffice/case-link-requests/{id}/refuse/"),
    ("get", "/api/v1/backoffice/notices-of-change/"),
    ("post", "/api/v1/backoffice/notices-of-change/"),
    ("get", "/api/v1/backoffice/notices-of-change/{id}/"),
    ("post", "/api/v1/backoffice/notices-of-change/{id}/accept/"),
    ("post", "/api/v1/backoffice/notices-of-change/{id}/refuse/"),
    # The registry's cases and implementation notices (CASE-1, GEN-2); the case-number check.
    ("get", "/api/v1/case-check/"),
    ("get", "/api/v1/backoffice/cases/"),
    ("post", "/api/v1/backoffice/cases/"),
    ("get", "/api/v1/backoffice/cases/{case_id}/"),
    ("patch", "/api/v1/backoffice/cases/{case_id}/"),
    ("post", "/api/v1/backoffice/cases/{case_id}/final-disposal/"),
    ("post", "/api/v1/backoffice/cases/{case_id}/reopen/"),
    ("post", "/api/v1/backoffice/cases/{case_id}/parties/"),
    ("patch", "/api/v1/backoffice/cases/{case_id}/parties/{party_id}/"),
    ("delete", "/api/v1/backoffice/cases/{case_id}/parties/{party_id}/"),
    ("get", "/api/v1/backoffice/implementation-notices/"),
    ("post", "/api/v1/backoffice/implementation-notices/"),
    ("post", "/api/v1/backoffice/implementation-notices/{notice_id}/withdraw/"),
    ("get", "/api/v1/backoffice/court-levels/"),
    ("post", "/api/v1/backoffice/court-levels/"),
    ("get", "/api/v1/backoffice/proceeding-types/"),
    ("post", "/api/v1/backoffice/proceeding-types/"),
    # CASE-5..7, BEY-5: cases given to SAs, case parties assigned to OUs, the access review.
    ("get", "/api/v1/organization/case-parties/"),
    ("get", "/api/v1/organization/case-parties/{link_id}/"),
    ("post", "/api/v1/organization/case-parties/{link_id}/assignments/"),
    ("delete", "/api/v1/organization/case-parties/{link_id}/assignments/{account_id}/"),
    ("get", "/api/v1/organization/case-assignees/"),
    ("get", "/api/v1/organization/given-case-profiles/"),
    ("post", "/api/v1/organization/given-case-profiles/"),
    ("delete", "/api/v1/organization/given-case-profiles/{given_id}/"),
    ("get", "/api/v1/organization/given-cases/"),
    ("post", "/api/v1/organization/given-cases/"),
    ("delete", "/api/v1/organization/given-cases/{given_id}/"),
    ("get", "/api/v1/organization/case-access/"),
    ("get", "/api/v1/organization/case-access/export/"),
    # My cases and a case (CASE-2, CASE-4, BEY-1).
    ("get", "/api/v1/cases/"),
    ("get", "/api/v1/cases/{case_id}/"),
    # The Message Box, the choice of emails and muted cases (MSG-1, MSG-3, BEY-6).
    ("get", "/api/v1/messages/"),
    ("get", "/api/v1/messages/{message_id}/"),
    ("post", "/api/v1/messages/{message_id}/read/"),
    ("post", "/api/v1/messages/{message_id}/unread/"),
    ("post", "/api/v1/messages/read-all/"),
    ("get", "/api/v1/messages/preferences/"),
    ("put", "/api/v1/messages/preferences/"),
    ("get", "/api/v1/messages/muted-cases/"),
    ("post", "/api/v1/messages/muted-cases/"),
    ("delete", "/api/v1/messages/muted-cases/{case_id}/"),
    # The registry's directions to a case (MSG-1, CASE-4).
    ("post", "/api/v1/backoffice/cases/{case_id}/directions/"),
    # The court policy (BEY-2): public policy and fee calculation, the holders' pre-filing
    # check, and the registry's maintenance of document types, fees and file limits.
    ("get", "/api/v1/policy/"),
    ("post", "/api/v1/policy/fees/"),
    ("post", "/api/v1/filings/check/"),
    # e-Filing (SVC-1): the filer's filings, withdrawal, paying again and downloads.
    ("get", "/api/v1/filings/"),
    ("post", "/api/v1/filings/"),
    ("get", "/api/v1/filings/{filing_id}/"),
    ("post", "/api/v1/filings/{filing_id}/withdraw/"),
    ("post", "/api/v1/filings/{filing_id}/pay/"),
    ("get", "/api/v1/filings/{filing_id}/documents/{document_id}/download/"),
    ("get", "/api/v1/backoffice/document-types/"),
    ("post", "/api/v1/backoffice/document-types/"),
    ("get", "/api/v1/backoffice/document-types/{document_type_id}/"),
    ("patch", "/api/v1/backoffice/document-types/{document_type_id}/"),
    ("get", "/api/v1/backoffice/file-limits/"),
    ("put", "/api/v1/backoffice/file-limits/default/"),
    ("put", "/api/v1/backoffice/file-limits/{proceeding_type_id}/"),
    ("delete", "/api/v1/backoffice/file-limits/{proceeding_type_id}/"),
    # Issued documents with their DRN (SVC-5), the parties' inspection (SVC-2), the public
    # DRN check (BEY-3).
    ("get", "/api/v1/backoffice/cases/{case_id}/documents/"),
    ("post", "/api/v1/backoffice/cases/{case_id}/documents/"),
    ("get", "/api/v1/cases/{case_id}/documents/"),
    ("get", "/api/v1/cases/{case_id}/documents/{document_id}/download/"),
    ("get", "/api/v1/document-check/"),
    ("post", "/api/v1/document-check/copy/"),
    ("get", "/api/v1/backoffice/cases/{case_id}/documents/{document_id}/download/"),
    # e-Payments (SVC-4, GEN-3): deposit accounts and statements, payments and receipts, the
    # search fee without login, the gateway's webhook, the registry's top-ups and refunds.
    ("get", "/api/v1/deposit-accounts/"),
    ("get", "/api/v1/deposit-accounts/{account_id}/statement/"),
    ("get", "/api/v1/deposit-accounts/{account_id}/statement.csv"),
    ("get", "/api/v1/payments/{payment_id}/"),
    ("get", "/api/v1/payments/{payment_id}/receipt.pdf"),
    ("get", "/api/v1/payments/by-token/{token}/"),
    ("get", "/api/v1/payments/by-token/{token}/receipt.pdf"),
    ("post", "/api/v1/payments/search-fee/"),
    ("post", "/api/v1/payments/gateway/events/"),
    ("post", "/api/v1/backoffice/deposit-accounts/top-ups/"),
    ("post", "/api/v1/backoffice/payments/{payment_id}/refund/"),
    # The audit trail (OPS-2).
    ("get", "/api/v1/backoffice/audit-trail/"),
    ("post", "/api/v1/backoffice/audit-trail/verify/"),
    # The signed notices lodged (CASE-3 (b), BEY-1), for their holders and the registry.
    ("get", "/api/v1/case-link-requests/{id}/document/"),
    ("get", "/api/v1/notices-of-change/{id}/document/"),
    ("get", "/api/v1/backoffice/case-link-requests/{id}/document/"),
    ("get", "/api/v1/backoffice/notices-of-change/{id}/document/"),
    # The registry's review of e-filings (SVC-1, CASE-3 (c)).
    ("get", "/api/v1/backoffice/filings/"),
    ("get", "/api/v1/backoffice/filings/{filing_id}/"),
    ("post", "/api/v1/backoffice/filings/{filing_id}/accept/"),
    ("post", "/api/v1/backoffice/filings/{filing_id}/reject/"),
    ("get", "/api/v1/backoffice/filings/{filing_id}/documents/{document_id}/download/"),
    # The public Cause Book (SVC-3); the registry's (OPS-1); a holder's hearings and calendar
    # address (BEY-6).
    ("get", "/api/v1/cause-book/"),
    ("get", "/api/v1/backoffice/cause-book/"),
    ("post", "/api/v1/backoffice/cause-book/"),
    ("get", "/api/v1/backoffice/cause-book/{hearing_id}/"),
    ("patch", "/api/v1/backoffice/cause-book/{hearing_id}/"),
    ("delete", "/api/v1/backoffice/cause-book/{hearing_id}/"),
    ("post", "/api/v1/backoffice/cause-book/import/"),
    ("get", "/api/v1/cases/{case_id}/hearings/"),
    ("get", "/api/v1/cause-book/calendar/"),
    ("post", "/api/v1/cause-book/calendar/"),
    ("delete", "/api/v1/cause-book/calendar/"),
    # Certification of translations (SVC-6 [A38]): the applicant's and the registry's.
    ("get", "/api/v1/translations/"),
    ("post", "/api/v1/translations/"),
    ("get", "/api/v1/translations/{request_id}/"),
    ("post", "/api/v1/translations/{request_id}/withdraw/"),
    ("post", "/api/v1/translations/{request_id}/pay/"),
    ("get", "/api/v1/translations/{request_id}/files/{which}/"),
    ("get", "/api/v1/backoffice/translations/"),
    ("post", "/api/v1/backoffice/translations/{request_id}/certify/"),
    ("post", "/api/v1/backoffice/translations/{request_id}/reject/"),
    # Public inspection (SVC-2, GEN-3): the search, the paid inspection, its download with the
    # payment's token; the registry closes a case to the public.
    ("get", "/api/v1/documents/search/"),
    ("post", "/api/v1/documents/{document_id}/inspection/"),
    ("get", "/api/v1/documents/inspect/{token}/"),
    ("get", "/api/v1/backoffice/cases/{case_id}/public-inspection/"),
    ("put", "/api/v1/backoffice/cases/{case_id}/public-inspection/"),
]
# Open to the public: an applicant has no account yet, a holder is not logged in yet.
PUBLIC_OPERATIONS = {
    ("post", "/api/v1/applications/"),
    ("get", "/api/v1/applications/by-token/{token}/"),
    ("post", "/api/v1/applications/by-token/{token}/supplement/"),
    ("post", "/api/v1/auth/login/"),
    ("post", "/api/v1/accounts/unlock/"),
    ("post", "/api/v1/accounts/activate/"),
    ("post", "/api/v1/accounts/reset-password/"),
    ("post", "/api/v1/organization-applications/"),
    ("post", "/api/v1/pa-replacement-applications/"),
    ("get", "/api/v1/case-check/"),
    ("get", "/api/v1/policy/"),
    ("post", "/api/v1/policy/fees/"),
    ("get", "/api/v1/document-check/"),
    ("post", "/api/v1/document-check/copy/"),
    # SVC-4, GEN-3: payments that need no identity, and the gateway's signed events.
    ("post", "/api/v1/payments/search-fee/"),
    ("get", "/api/v1/payments/by-token/{token}/"),
    ("get", "/api/v1/payments/by-token/{token}/receipt.pdf"),
    ("post", "/api/v1/payments/gateway/events/"),
    # SVC-3, GEN-3: the Cause Book is public.
    ("get", "/api/v1/cause-book/"),
    # SVC-2, GEN-3: the search of documents open to public inspection and their paid inspection.
    ("get", "/api/v1/documents/search/"),
    ("post", "/api/v1/documents/{document_id}/inspection/"),
    ("get", "/api/v1/documents/inspect/{token}/"),
}
HTTP_METHODS = {"get", "put", "patch", "post", "delete", "head", "options", "trace"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory, django_db_blocker):
    """The schema as the management command writes it, validated, failing on any warning."""
    path = tmp_path_factory.mktemp("openapi") / "schema.yaml"
    with django_db_blocker.unblock():
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text())


def operations(schema) -> dict:
    return {
        (method, path): operation
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    }


def test_nfr_3_schema_is_served_as_openapi_3_without_login(client):
    """NFR-3: /api/v1/schema/ is open and is an OpenAPI 3 document."""
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["version"] == "1.0.0"
    assert set(operations(schema)) >= set(EXPECTED_OPERATIONS)


def test_nfr_3_schema_validates_without_warnings(generated):
    """NFR-3: `spectacular --validate --fail-on-warn` passes (the fixture fails otherwise)."""
    assert generated["openapi"].startswith("3.")
    assert all(path.startswith("/api/v1/") for path in generated["paths"])


def test_nfr_3_every_journey_operation_is_in_the_schema(generated):
    """NFR-3: the REG-2, REG-8, IDA-2, ACT-1, AUTH-3, AUTH-4 and GEN-6 operations are all
    described."""
    missing = set(EXPECTED_OPERATIONS) - set(operations(generated))
    assert not missing


def test_nfr_3_the_capped_work_lists_document_their_total_count_header(generated):
    """NFR-3: each list cut at 200 rows says in its schema that X-Total-Count counts them all."""
    ops = operations(generated)
    for key in [
        ("get", "/api/v1/case-link-requests/"),
        ("get", "/api/v1/notices-of-change/"),
        ("get", "/api/v1/backoffice/case-link-requests/"),
        ("get", "/api/v1/backoffice/notices-of-change/"),
        ("get", "/api/v1/backoffice/configuration-changes/"),
        ("get", "/api/v1/backoffice/filings/"),
        ("get", "/api/v1/translations/"),
        ("get", "/api/v1/backoffice/translations/"),
    ]:
        header = ops[key]["responses"]["200"]["headers"]["X-Total-Count"]
        assert header["schema"]["type"] == "integer", key
        assert "at most the first 200" in header["description"], key


# Strings a client sends that need no maximum length of their own: their format bounds them.
BOUNDED_FORMATS = {"date", "date-time", "time", "binary", "uuid", "email", "decimal", "uri"}


def _unbounded(schema: dict) -> bool:
    return schema.get("type") == "string" and not (
        {"maxLength", "enum"} & schema.keys() or schema.get("format") in BOUNDED_FORMATS
    )


def _unbounded_strings(schema, components, where, name="", seen=()) -> set:
    """The writable strings of a request schema (a property, a list's items), followed
    through references and nested objects and lists, that have no maxLength, enum or bounding
    format."""
    if "$ref" in schema:
        ref = schema["$ref"].rsplit("/", 1)[-1]
        if ref in seen:
            return set()
        return _unbounded_strings(components[ref], components, ref, name, (*seen, ref))
    if schema.get("readOnly"):
        return set()
    if _unbounded(schema):
        return {(where, name)}
    found = set()
    for key in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(key, []):
            found |= _unbounded_strings(part, components, where, name, seen)
    if "items" in schema:
        found |= _unbounded_strings(schema["items"], components, where, f"{name}[]", seen)
    for prop_name, prop in (schema.get("properties") or {}).items():
        found |= _unbounded_strings(prop, components, where, prop_name, seen)
    return found


def test_nfr_4_every_text_a_client_sends_has_a_maximum_length(generated):
    """NFR-4: a request body's text fields and a query's text parameters are bounded, so that
    no anonymous answer or officer's note of megabytes is stored, emailed or shown (each was
    found unbounded once: a supplement's answer, a rejection's reasons)."""
    components = generated["components"]["schemas"]
    unbounded = set()
    for (method, path), op in operations(generated).items():
        for content in op.get("requestBody", {}).get("content", {}).values():
            unbounded |= _unbounded_strings(content["schema"], components, f"{method} {path}")
        for parameter in op.get("parameters", []):
            if parameter["in"] == "query":
                unbounded |= _unbounded_strings(
                    parameter.get("schema", {}), components, f"{method} {path}", parameter["name"]
                )
    assert not unbounded


def test_nfr_3_each_operation_is_described_with_a_unique_id(generated):
    """NFR-3: a description of its own (not a base class's docstring) and a unique id."""
    ops = operations(generated)
    ids = [op["operationId"] for op in ops.values()]
    assert len(ids) == len(set(ids))
    for key, op in ops.items():
        assert op.get("description"), key
        assert "Base of every API view" not in op["description"], key


def test_nfr_3_security_public_and_bearer_operations(generated):
    """NFR-3: the public operations need no credentials; every other takes a bearer token
    and documents the 401."""
    assert generated["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }
    for key, op in operations(generated).items():
        if key in PUBLIC_OPERATIONS:
            assert op["security"] == [{}], key
        else:
            assert {"bearerAuth": []} in op["security"], key
            assert "401" in op["responses"], key


def test_nfr_3_nfr_4_error_responses_are_documented(generated):
    """NFR-3, NFR-4: errors share one body {code, detail, errors}; an operation that reads
    input documents its 400; REG-5's 409 on submission is documented."""
    error = generated["components"]["schemas"]["ApiError"]
    assert set(error["required"]) == {"code", "detail"}
    assert set(error["properties"]) == {"code", "detail", "errors"}
    ops = operations(generated)
    for key, op in ops.items():
        for status, response in op["responses"].items():
            if status.startswith(("4", "5")):
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ApiError"}, (key, status)
        if "requestBody" in op:
            assert "400" in op["responses"], key
    assert "409" in ops[("post", "/api/v1/applications/")]["responses"]
    assert "409" in ops[("post", "/api/v1/backoffice/applications/{id}/in-order/")]["responses"]


def test_nfr_3_ops_1_login_describes_the_one_time_code(generated):
    """NFR-3, OPS-1: court staff send the code of their authenticator app; the schema says
    so in words, and that account holders leave it out."""
    op = operations(generated)[("post", "/api/v1/auth/login/")]
    ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    login = generated["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(login["required"]) == {"login_name", "password"}
    code = login["properties"]["one_time_code"]
    assert code["type"] == "string"
    assert "Court staff only, and required for them" in code["description"]
    assert (
        "one_time_code" in op["description"] and "second_factor_not_enrolled" in op["description"]
    )


def test_nfr_3_reg_2_submission_is_multipart_with_files_and_cases(generated):
    """NFR-3, REG-2, REG-4: submission is multipart with the documents as binary fields."""
    op = operations(generated)[("post", "/api/v1/applications/")]
    content = op["requestBody"]["content"]
    assert list(content) == ["multipart/form-data"]
    ref = content["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]
    properties = generated["components"]["schemas"][ref]["properties"]
    assert properties["proof_of_involvement"]["format"] == "binary"
    assert properties["cases"]["type"] == "string"
    for name in ("surname", "given_name", "id_document_type", "id_document_number", "phone"):
        assert name in properties
    response = op["responses"]["201"]["content"]["application/json"]["schema"]["$ref"]
    submitted = generated["components"]["schemas"][response.rsplit("/", 1)[1]]
    assert {"reference", "due_date", "access_token"} <= set(submitted["properties"])


def test_nfr_3_reg_8_queue_is_a_paginated_list(generated):
    """NFR-3, REG-8: the work queue is documented as a page of applications."""
    op = operations(generated)[("get", "/api/v1/backoffice/applications/")]
    params = {p["name"] for p in op["parameters"]}
    assert {"queue", "q", "page", "page_size"} <= params
    ref = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    page = generated["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert {"count", "next", "previous", "results"} <= set(page["properties"])


RULE_ID = re.compile(r"\b[A-Z]{2,5}-\d")


def test_nfr_3_every_component_is_described_in_words(generated):
    """NFR-3: a developer reads what each component is, in words and not in the catalogue's
    rule codes."""
    for name, component in generated["components"]["schemas"].items():
        assert component.get("description"), name
        assert not RULE_ID.search(component["description"]), name
        for field, spec in component.get("properties", {}).items():
            assert not RULE_ID.search(spec.get("description", "")), (name, field)


def test_nfr_3_every_operation_has_a_summary_or_description_in_words(generated):
    """NFR-3: each operation says what it does, without internal rule codes."""
    for key, op in operations(generated).items():
        text = op.get("summary", "") + op.get("description", "")
        assert text, key
        assert not RULE_ID.search(text), (key, text)
        for parameter in op.get("parameters", []):
            assert not RULE_ID.search(parameter.get("description", "")), (key, parameter)
    submit = operations(generated)[("post", "/api/v1/applications/")]
    assert submit["description"].startswith("Apply online for an individual user account")


def test_nfr_3_api_docs_page_is_served_from_our_own_static_files(client):
    """NFR-3: /api/v1/docs/ is open, loads its scripts and styles from our static files and
    its start-up script from itself, and holds to the site's Content Security Policy."""
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources == [
        "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
        "/api/v1/docs/?script=",
    ]
    assert "<style" not in page and "<script>" not in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"] == "application/javascript"
    assert '"/api/v1/schema/"' in script.content.decode()


@pytest.mark.django_db
def test_gen_1_a_holders_account_page_leads_to_the_api_reference(client):
    client.force_login(UserFactory())
    page = client.get("/account/").content.decode()
    assert 'href="/api/v1/docs/"' in page
    assert "receives a token that lasts 8 hours" in page
    assert client.get("/api/v1/docs/").status_code == 200
