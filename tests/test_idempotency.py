"""NFR-3: a firm's system whose write timed out sends it again with the same Idempotency-Key and
gets the first answer, with nothing done twice: one filing, one deduction from the deposit
account, one application, one top-up. The key with another request is refused (422), in the
language of the request; another account's key of the same name is its own; the same key sent
at once by parallel requests is processed once (PostgreSQL); an unexpected failure gives the key
back; the daily job removes the keys a day old; the schema names the header where it is
honoured (core/idempotency.py)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework import status
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate

from core import policy
from core.api import ApiView
from core.idempotency import idempotency_keys_expire, idempotent
from core.models import IdempotentRequest
from core.scheduler import DAILY_JOBS
from filing.models import Filing, FilingStatus
from payments.models import DepositAccount, LedgerEntry, Payment, PaymentStatus
from tests.factories import api_as
from tests.filing_helpers import assigned_organization, balance, fee_of, pdf_upload, registry_clerk
from tests.local_gateway import free_port
from tests.test_concurrency import run_in_parallel
from translations.models import CertificationRequest

pytestmark = [pytest.mark.django_db, pytest.mark.documents]

KEY = "3f1c9a52-7d4e-4b8a-9c61-0e2f5d8b7a10"


@pytest.fixture
def org():
    """An organization whose OU is assigned to its DCPI case (the defendant), HK$1,000.00 in
    its deposit account, a Defence costing HK$300.00."""
    world = assigned_organization()
    fee_of("DEF", "300.00")
    return world


def defence(org, *, title="Defence", pay_by="DEPOSIT") -> dict:
    """The multipart body of a Defence filed in the organization's case (a new upload each
    time, the same bytes)."""
    return {
        "case_number": org.case.number,
        "pay_by": pay_by,
        "documents-0-document_type": "DEF",
        "documents-0-title": title,
        "documents-0-file": pdf_upload(name="defence.pdf", pages=3),
    }


def file(client, body, key=KEY, **extra):
    return client.post("/api/v1/filings/", body, HTTP_IDEMPOTENCY_KEY=key, **extra)


# --- a retry ----------------------------------------------------------------------------------


def test_nfr_3_a_retried_filing_with_its_key_is_filed_once(client, org):
    client.force_login(org.ou)
    first = file(client, defence(org))
    assert first.status_code == 201, first.json()
    assert "Idempotent-Replayed" not in first
    assert balance(org) == Decimal("700.00")

    retry = file(client, defence(org))
    assert retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert Filing.objects.count() == 1
    assert Payment.objects.count() == 1
    assert balance(org) == Decimal("700.00")

    # Without a key, the same request is another filing, as before.
    assert client.post("/api/v1/filings/", defence(org)).status_code == 201
    assert Filing.objects.count() == 2 and balance(org) == Decimal("400.00")


def test_nfr_3_the_same_json_body_in_another_order_of_its_keys_is_the_same_request(org):
    clerk = registry_clerk()
    api = api_as(clerk, default_format="json")
    code = org.organization.code
    first = api.post(
        "/api/v1/backoffice/deposit-accounts/top-ups/",
        {"organization_code": code, "amount": "500.00", "reference": "SLIP-77"},
        HTTP_IDEMPOTENCY_KEY="top-up-77",
    )
    assert first.status_code == 201, first.json()
    retry = api.post(
        "/api/v1/backoffice/deposit-accounts/top-ups/",
        {"reference": "SLIP-77", "amount": "500.00", "organization_code": code},
        HTTP_IDEMPOTENCY_KEY="top-up-77",
    )
    assert retry.status_code == 201 and retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert balance(org) == Decimal("1500.00")
    assert LedgerEntry.objects.filter(reference="SLIP-77").count() == 1


def test_nfr_3_a_retried_application_for_certification_is_made_once(client, org):
    client.force_login(org.ou)

    def apply():
        return client.post(
            "/api/v1/translations/",
            {
                "case": org.case.pk,
                "source_file": pdf_upload(name="source.pdf", pages=2),
                "source_title": "Witness statement",
                "source_language": "zh",
                "target_language": "en",
                "translation_file": pdf_upload(name="translation.pdf", pages=3),
                "pay_by": "DEPOSIT",
            },
            HTTP_IDEMPOTENCY_KEY="certify-witness-statement",
        )

    first = apply()
    assert first.status_code == 201, first.json()
    retry = apply()
    assert retry.status_code == 201 and retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert CertificationRequest.objects.count() == 1
    assert balance(org) == Decimal("715.00")


def test_nfr_3_a_refusal_is_kept_for_its_key_and_given_again(client, org):
    client.force_login(org.ou)
    body = {**defence(org), "documents-0-document_type": "NOPE"}
    first = file(client, body)
    assert first.status_code == 400 and first.json()["code"] == "validation_failed"
    retry = file(client, {**defence(org), "documents-0-document_type": "NOPE"})
    assert retry.status_code == 400 and retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert not Filing.objects.exists()


def test_nfr_3_a_body_refused_for_its_fields_keeps_no_answer_and_is_sent_again_corrected(
    client, org
):
    """A body the API refuses before the filing begins (a way to pay it does not offer; a body
    of a type it does not take) does nothing: the firm's system corrects it and sends it again
    with the same key, as after a timeout, and it is filed once."""
    client.force_login(org.ou)
    first = file(client, defence(org, pay_by="CHEQUE"))
    assert first.status_code == 400 and "pay_by" in first.json()["errors"], first.json()
    unreadable = client.post(
        "/api/v1/filings/",
        "{not json",
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=KEY,
    )
    assert unreadable.status_code == 415  # the filing takes a multipart body
    assert not IdempotentRequest.objects.exists()
    corrected = file(client, defence(org))
    assert corrected.status_code == 201 and not corrected.has_header("Idempotent-Replayed")
    retry = file(client, defence(org))
    assert retry.status_code == 201 and retry["Idempotent-Replayed"] == "true"
    assert Filing.objects.count() == 1 and balance(org) == Decimal("700.00")


def test_nfr_3_a_filing_kept_when_the_payment_service_is_out_of_reach_is_not_filed_again(
    client, org, settings
):
    settings.PAYMENT_GATEWAY = {
        **settings.PAYMENT_GATEWAY,
        "API_BASE": f"http://127.0.0.1:{free_port()}",
    }
    client.force_login(org.ou)
    first = file(client, defence(org, pay_by="GATEWAY"))
    assert first.status_code == 503 and first.json()["code"] == "gateway_unavailable"
    retry = file(client, defence(org, pay_by="GATEWAY"))
    assert retry.status_code == 503 and retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    filing = Filing.objects.get()
    assert filing.status == FilingStatus.AWAITING_PAYMENT
    assert filing.reference in first.json()["detail"]
    assert [p.status for p in Payment.objects.all()] == [PaymentStatus.FAILED]


# --- refused keys -----------------------------------------------------------------------------


def test_nfr_3_a_key_sent_again_with_a_different_request_is_refused_with_422(client, org):
    client.force_login(org.ou)
    assert file(client, defence(org)).status_code == 201
    other = file(client, defence(org, title="Amended Defence"))
    assert other.status_code == 422
    assert other.json() == {
        "code": "idempotency_key_reused",
        "detail": "This Idempotency-Key was sent before with a different request. Send a new "
        "key with a new request.",
    }
    chinese = file(client, defence(org, title="Amended Defence"), HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert chinese.status_code == 422
    assert chinese.json()["detail"] == (
        "這個Idempotency-Key之前已隨另一個請求發送。發送新的請求時，請用新的Idempotency-Key。"
    )
    # The same key on another operation is another request too.
    pay = client.post(f"/api/v1/filings/{Filing.objects.get().pk}/pay/", HTTP_IDEMPOTENCY_KEY=KEY)
    assert pay.status_code == 422
    assert Filing.objects.count() == 1 and balance(org) == Decimal("700.00")


def test_nfr_3_another_accounts_key_of_the_same_name_is_its_own(org):
    first_clerk, second_clerk = registry_clerk(), registry_clerk()
    body = {"organization_code": org.organization.code, "amount": "50.00", "reference": "S-9"}
    for clerk in (first_clerk, first_clerk, second_clerk):
        answer = api_as(clerk, default_format="json").post(
            "/api/v1/backoffice/deposit-accounts/top-ups/", body, HTTP_IDEMPOTENCY_KEY="1"
        )
        assert answer.status_code == 201, answer.json()
    # The first clerk's retry added nothing; the second clerk's key "1" is another top-up.
    assert LedgerEntry.objects.filter(reference="S-9").count() == 2
    assert balance(org) == Decimal("1100.00")


@pytest.mark.parametrize("key", ["", "x" * 256, "clé", "tab\there"])
def test_nfr_3_a_key_that_is_not_1_to_255_printable_ascii_characters_is_refused(client, org, key):
    client.force_login(org.ou)
    answer = file(client, defence(org), key=key)
    assert answer.status_code == 400
    assert answer.json()["errors"] == {
        "Idempotency-Key": ["Give from 1 to 255 printable ASCII characters, e.g. a UUID."]
    }
    assert not Filing.objects.exists() and not IdempotentRequest.objects.exists()


def test_nfr_3_a_key_whose_request_is_unanswered_is_in_use_then_unanswered(client, org):
    """The first request's process stopped before it answered (killed by the application
    server's timeout): its key says so, and the request is not done a second time."""
    client.force_login(org.ou)
    assert file(client, defence(org)).status_code == 201
    IdempotentRequest.objects.update(status_code=None, body=None)

    in_use = file(client, defence(org))
    assert in_use.status_code == 409
    assert in_use.json()["code"] == "idempotency_key_in_use"
    IdempotentRequest.objects.update(created_at=timezone.now() - timedelta(minutes=11))
    unanswered = file(client, defence(org), HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert unanswered.status_code == 409
    assert unanswered.json() == {
        "code": "idempotency_key_unanswered",
        "detail": "首次帶有這個Idempotency-Key發送的請求未有回覆便已結束。"
        "請先查看該請求是否已生效，再以新的Idempotency-Key重新發送。",
    }
    assert Filing.objects.count() == 1 and balance(org) == Decimal("700.00")


class OnceBrokenApi(ApiView):
    """Fails unexpectedly the first time, then creates."""

    calls = 0

    @idempotent
    def post(self, request):
        OnceBrokenApi.calls += 1
        if OnceBrokenApi.calls == 1:
            raise RuntimeError("unexpected")
        return Response({"made": OnceBrokenApi.calls}, status=status.HTTP_201_CREATED)


def test_nfr_3_an_unexpected_failure_stores_nothing_and_the_key_may_be_sent_again(org):
    factory = APIRequestFactory()
    view = OnceBrokenApi.as_view()

    def send():
        request = factory.post("/api/v1/made/", {"a": 1}, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
        force_authenticate(request, user=org.ou)
        return view(request)

    with pytest.raises(RuntimeError):
        send()
    assert not IdempotentRequest.objects.exists()
    made = send()
    assert made.status_code == 201 and made.data == {"made": 2}
    again = send()
    assert again.status_code == 201 and again.data == {"made": 2}
    assert again["Idempotent-Replayed"] == "true" and OnceBrokenApi.calls == 2


# --- expiry -----------------------------------------------------------------------------------


def test_nfr_3_the_daily_job_removes_keys_a_day_old_and_an_old_key_is_new_again(client, org):
    assert DAILY_JOBS["expire_idempotency_keys"][0] == "core.tasks.expire_idempotency_keys"
    assert DAILY_JOBS["expire_idempotency_keys"][1].strftime("%H:%M") == "00:25"
    client.force_login(org.ou)
    assert file(client, defence(org), key="old").status_code == 201
    assert file(client, defence(org), key="new").status_code == 201
    day_ago = timezone.now() - policy.IDEMPOTENCY_KEY_KEPT_FOR
    IdempotentRequest.objects.filter(key="old").update(created_at=day_ago)

    # A key past its day, not yet removed, is a new key: the request is done again.
    again = file(client, defence(org), key="old")
    assert again.status_code == 201 and "Idempotent-Replayed" not in again
    assert Filing.objects.count() == 3

    IdempotentRequest.objects.filter(key="old").update(created_at=day_ago)
    assert idempotency_keys_expire() == 1
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["new"]


# --- the schema -------------------------------------------------------------------------------

HONOURING_THE_KEY = {
    ("post", "/api/v1/filings/"),
    ("post", "/api/v1/filings/{filing_id}/pay/"),
    ("post", "/api/v1/translations/"),
    ("post", "/api/v1/translations/{request_id}/pay/"),
    ("post", "/api/v1/case-link-requests/"),
    ("post", "/api/v1/notices-of-change/"),
    ("post", "/api/v1/case-parties/{link_id}/counsel/"),
    ("post", "/api/v1/organization/configuration-changes/"),
    ("post", "/api/v1/organization/branches/"),
    ("post", "/api/v1/organization/accounts/"),
    ("post", "/api/v1/organization/case-parties/{link_id}/assignments/"),
    ("post", "/api/v1/organization/given-case-profiles/"),
    ("post", "/api/v1/organization/given-cases/"),
    ("post", "/api/v1/backoffice/deposit-accounts/top-ups/"),
    ("post", "/api/v1/backoffice/payments/{payment_id}/refund/"),
    ("post", "/api/v1/backoffice/cases/{case_id}/documents/"),
    ("post", "/api/v1/backoffice/cases/"),
    ("post", "/api/v1/backoffice/cases/{case_id}/parties/"),
    ("post", "/api/v1/backoffice/implementation-notices/"),
    ("post", "/api/v1/backoffice/court-levels/"),
    ("post", "/api/v1/backoffice/proceeding-types/"),
    ("post", "/api/v1/backoffice/document-types/"),
    ("post", "/api/v1/backoffice/cause-book/"),
    ("post", "/api/v1/backoffice/cause-book/import/"),
    ("post", "/api/v1/backoffice/cases/{case_id}/directions/"),
    ("post", "/api/v1/backoffice/case-link-requests/"),
    ("post", "/api/v1/backoffice/notices-of-change/"),
}


def test_nfr_3_the_schema_names_the_header_on_every_operation_that_honours_it(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    honouring = {}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
            if "Idempotency-Key" in names:
                honouring[(method, path)] = operation
    assert set(honouring) == HONOURING_THE_KEY
    for key, operation in honouring.items():
        (header,) = [p for p in operation["parameters"] if p["name"] == "Idempotency-Key"]
        assert not header.get("required"), key
        assert header["schema"] == {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "pattern": "^[ -~]+$",
        }, key
        assert "24 hours" in header["description"], key
        responses = operation["responses"]
        assert "idempotency_key_reused" in responses["422"]["description"], key
        assert "idempotency_key_in_use" in responses["409"]["description"], key
        assert "Idempotency-Key" in responses["400"]["description"], key
        success = next(code for code in responses if code.startswith("2"))
        assert "Idempotent-Replayed" in responses[success]["headers"], key


# --- parallel requests (PostgreSQL) -----------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_nfr_3_parallel_requests_with_one_key_file_once():
    """Eight requests with the same key at the same moment, each on its own connection: one
    filing, one deduction; the others are told the key is in use, or given its answer."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    org = assigned_organization()
    fee_of("DEF", "300.00")
    clients = [api_as(org.ou) for _ in range(8)]

    def work(index):
        answer = file(clients[index], defence(org))
        if answer.status_code == 409:
            return 409, answer.json()["code"]
        return answer.status_code, answer.get("Idempotent-Replayed", "processed")

    results = run_in_parallel(8, work)
    assert all(kind == "ok" for kind, _result in results), results
    answers = [result for _kind, result in results]
    assert answers.count((201, "processed")) == 1, answers
    assert set(answers) <= {(201, "processed"), (201, "true"), (409, "idempotency_key_in_use")}
    assert Filing.objects.count() == 1
    assert Payment.objects.count() == 1
    assert DepositAccount.objects.get(organization=org.organization).balance == Decimal("700.00")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_nfr_3_parallel_requests_with_one_key_and_different_bodies_file_once():
    """Eight different filings sent with one key at the same moment: one is filed and paid;
    every other is refused as a reuse of the key (422) or told it is in use (409), and nothing
    else is filed or paid."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    org = assigned_organization()
    fee_of("DEF", "300.00")
    clients = [api_as(org.ou) for _ in range(8)]

    def work(index):
        answer = file(clients[index], defence(org, title=f"Defence {index}"))
        code = answer.json().get("code") if answer.status_code >= 400 else "processed"
        return answer.status_code, code

    results = run_in_parallel(8, work)
    assert all(kind == "ok" for kind, _result in results), results
    answers = [result for _kind, result in results]
    assert answers.count((201, "processed")) == 1, answers
    assert set(answers) <= {
        (201, "processed"),
        (422, "idempotency_key_reused"),
        (409, "idempotency_key_in_use"),
    }, answers
    assert Filing.objects.count() == 1
    assert Payment.objects.count() == 1
    assert DepositAccount.objects.get(organization=org.organization).balance == Decimal("700.00")
