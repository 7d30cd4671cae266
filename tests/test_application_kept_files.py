"""NFR-2 (WCAG 2.2, 3.3.7 Redundant Entry): an online application for an account (IU, PA,
replacement PA) sent back for corrections keeps the documents it received, so that the
applicant, who has no account yet, need not choose them again; kept for that browser's session
only, never a file the checks refused, within a cap per session, per client address and in
all; the application submitted releases them. The Help Centre's key-in of a paper
application keeps them for the officer's account, and the applicant's answer to a request for
information keeps its document too."""

from importlib import import_module

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.test import Client, RequestFactory
from django.urls import reverse

from core.held_uploads import HOLDER_SESSION_KEY, SessionHolder, upload_hold
from core.models import HeldUpload
from registration import services
from registration.models import Application, ApplicationStatus, DocumentKind
from tests.factories import (
    PDF_BYTES,
    OrganizationAccountFactory,
    OrganizationFactory,
    new_hkid,
    organization_particulars,
    particulars,
    pdf,
    submit_application,
)
from tests.test_public_rate_limits import shared_redis  # noqa: F401 - a fixture

# Emails leave on commit, and kept files are deleted on commit: these tests commit for real.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.documents]

KEPT = "Kept from your last sending: %s (%s). It goes with the form unless you choose another file."
NOT_KEPT = (
    "Not every file could be kept this time: choose again each document whose field does not "
    "say it is kept."
)
GONE = "The file sent last time is no longer kept: choose it again."


def _iu_form(**overrides):
    data = {
        **particulars(id_document_number=new_hkid()),
        "cases-TOTAL_FORMS": "3",
        "cases-INITIAL_FORMS": "0",
        "cases-0-case_number": "DCPI 1234/2025",
        "cases-0-party_type": "PLAINTIFF",
        "proof_of_involvement": pdf("writ.pdf"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _sent_back(client, url, data):
    answer = client.post(url, data)
    assert answer.status_code == 200
    assert not Application.objects.exists()
    return answer.content.decode()


def _token(file_name):
    return HeldUpload.objects.get(file_name=file_name).token


def _stored(document) -> bytes:
    with document.file.open("rb") as stored:
        return stored.read()


def test_nfr_2_a_sent_back_application_keeps_its_documents_and_files_them_next_time(client):
    html = _sent_back(client, reverse("registration:apply"), _iu_form(phone="call me"))
    assert "Enter a telephone number of at least 8 digits, e.g. (852) 2477-1002." in html
    held = HeldUpload.objects.get()
    # Kept for this browser's session, not for an account: the holder id the session carries.
    assert (held.file_name, held.size, held.account) == ("writ.pdf", 45, None)
    assert held.holder == client.session[HOLDER_SESSION_KEY]
    assert KEPT % ("writ.pdf", "45\xa0bytes") in html
    assert f'name="proof_of_involvement-held" value="{held.token}"' in html
    # The form no longer asks to attach the documents again.
    assert "please attach your documents again" not in html and NOT_KEPT not in html

    again = client.post(
        reverse("registration:apply"),
        _iu_form(proof_of_involvement=None, **{"proof_of_involvement-held": held.token}),
    )
    assert again.status_code == 302
    (document,) = Application.objects.get().documents.all()
    assert (document.kind, document.original_name) == (
        DocumentKind.PROOF_OF_INVOLVEMENT,
        "writ.pdf",
    )
    assert _stored(document) == PDF_BYTES
    # Filed: the kept copy goes, row and file.
    assert not HeldUpload.objects.exists()
    assert not default_storage.exists(held.storage_name)


def test_nfr_2_a_kept_document_is_said_in_chinese(client):
    html = _sent_back(client, "/zh-hant" + reverse("registration:apply"), _iu_form(phone="call me"))
    assert "上次提交時收到的檔案已保留：writ.pdf" in html


def test_nfr_2_a_sent_back_organization_application_keeps_every_document(client):
    url = reverse("registration:apply_organization")
    form = {
        **organization_particulars(organization_name=""),
        "cases-TOTAL_FORMS": "3",
        "cases-INITIAL_FORMS": "0",
        "authorization_letter": pdf("resolution.pdf"),
        "organization_status_proof": pdf("br.pdf"),
    }
    html = _sent_back(client, url, form)
    assert KEPT % ("resolution.pdf", "45\xa0bytes") in html
    assert KEPT % ("br.pdf", "45\xa0bytes") in html
    # Required documents, but kept: the fields no longer require a file of their own.
    tokens = {
        "authorization_letter-held": _token("resolution.pdf"),
        "organization_status_proof-held": _token("br.pdf"),
    }
    del form["authorization_letter"], form["organization_status_proof"]
    # Only the name is wrong still: the kept documents need no file chosen.
    assert list(client.post(url, {**form, **tokens}).context["form"].errors) == [
        "organization_name"
    ]

    answer = client.post(url, {**form, **tokens, "organization_name": "Harbour & Peak Solicitors"})
    assert answer.status_code == 302
    documents = Application.objects.get().documents.order_by("kind")
    assert [(d.kind, d.original_name) for d in documents] == [
        (DocumentKind.AUTHORIZATION_LETTER, "resolution.pdf"),
        (DocumentKind.ORGANIZATION_STATUS_PROOF, "br.pdf"),
    ]
    assert not HeldUpload.objects.exists()


def test_nfr_2_a_sent_back_replacement_application_keeps_its_authorization(client):
    organization = OrganizationFactory()
    OrganizationAccountFactory(role="PA", organization=organization, login_name="pa10000001")
    url = reverse("registration:apply_replacement")
    form = particulars(
        email="ho.wingsze@example.com",
        organization_code=organization.code,
        organization_name=organization.name,
        replacement_reasons="",
    )
    html = _sent_back(client, url, {**form, "authorization_letter": pdf("authority.pdf")})
    assert KEPT % ("authority.pdf", "45\xa0bytes") in html
    answer = client.post(
        url,
        {
            **form,
            "replacement_reasons": "The PA retired.",
            "authorization_letter-held": _token("authority.pdf"),
        },
    )
    assert answer.status_code == 302
    (document,) = Application.objects.get().documents.all()
    assert (document.kind, document.original_name) == (
        DocumentKind.AUTHORIZATION_LETTER,
        "authority.pdf",
    )
    assert not HeldUpload.objects.exists()


def test_nfr_2_a_token_from_another_session_is_not_honoured(client):
    """An attacker who learns a token (it is in the applicant's page) cannot send the
    applicant's document with an application of their own, nor release it."""
    _sent_back(client, reverse("registration:apply"), _iu_form(phone="call me"))
    victims = HeldUpload.objects.get()
    other = Client()
    answer = other.post(
        reverse("registration:apply"),
        _iu_form(proof_of_involvement=None, **{"proof_of_involvement-held": victims.token}),
    )
    assert answer.status_code == 200
    html = answer.content.decode()
    assert GONE in html
    assert victims.token not in html and "writ.pdf" not in html
    assert not Application.objects.exists()
    assert HeldUpload.objects.filter(pk=victims.pk).exists()


def test_nfr_2_a_refused_document_is_not_kept_the_others_are(client):
    html = _sent_back(
        client,
        reverse("registration:apply"),
        _iu_form(
            phone="call me",
            proof_of_involvement=pdf("writ.pdf", b"not a pdf at all"),
            draft_originating_document=pdf("draft.pdf"),
        ),
    )
    assert "proof_of_involvement-held" not in html and "writ.pdf (" not in html
    assert KEPT % ("draft.pdf", "45\xa0bytes") in html
    assert list(HeldUpload.objects.values_list("file_name", flat=True)) == ["draft.pdf"]


def test_nfr_2_a_sending_refused_by_the_rate_limit_holds_no_new_file(client, monkeypatch):
    from datetime import timedelta

    from core import policy

    monkeypatch.setattr(
        policy,
        "RATE_LIMITS_ATTEMPTS",
        {**policy.RATE_LIMITS_ATTEMPTS, "apply": policy.RateLimit(1, timedelta(hours=1))},
    )
    _sent_back(client, reverse("registration:apply"), _iu_form(phone="call me"))
    kept = HeldUpload.objects.get()
    answer = client.post(
        reverse("registration:apply"),
        _iu_form(
            proof_of_involvement=pdf("another.pdf"),
            **{"proof_of_involvement-held": kept.token},
        ),
    )
    assert answer.status_code == 429
    # Nothing new held; the file kept before stays in the form.
    assert list(HeldUpload.objects.values_list("file_name", flat=True)) == ["writ.pdf"]
    assert f'name="proof_of_involvement-held" value="{kept.token}"' in answer.content.decode()


def _browser(address="203.0.113.7"):
    """A browser's request, with a session of its own, from `address`."""
    request = RequestFactory().post("/apply/", REMOTE_ADDR=address)
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    return SessionHolder(request)


def test_nfr_2_a_session_keeps_at_most_20_files_the_oldest_going_first(
    django_capture_on_commit_callbacks,
):
    browser = _browser()
    with django_capture_on_commit_callbacks(execute=True):
        first = upload_hold(actor=browser, upload=pdf("first.pdf"))
        for n in range(20):
            upload_hold(actor=browser, upload=pdf(f"later-{n}.pdf"))
    assert HeldUpload.objects.filter(holder=browser.holder_id).count() == 20
    assert not HeldUpload.objects.filter(pk=first.pk).exists()
    assert not default_storage.exists(first.storage_name)


def test_nfr_2_one_address_keeps_at_most_30_files_a_day_whatever_its_sessions(client):
    """A new session costs nothing: the address is what is counted."""
    for n in range(30):
        assert upload_hold(actor=_browser("127.0.0.1"), upload=pdf(f"{n}.pdf")) is not None
    assert upload_hold(actor=_browser("127.0.0.1"), upload=pdf("31.pdf")) is None
    assert upload_hold(actor=_browser("203.0.113.8"), upload=pdf("elsewhere.pdf")) is not None
    # The page says so, and the field says nothing is kept.
    html = _sent_back(client, reverse("registration:apply"), _iu_form(phone="call me"))
    assert NOT_KEPT in html
    assert "proof_of_involvement-held" not in html and "Kept from your last sending" not in html
    assert HeldUpload.objects.count() == 31


def test_nfr_2_applicants_without_an_account_hold_at_most_2_gib_in_all():
    # What others hold already (rows only: the bytes need not be there for the count).
    for n in (1, 2):
        HeldUpload.objects.create(
            token=f"t{n}", holder=f"h{n}", file_name="big.pdf", size=2**30 - 20, storage_name="x"
        )
    assert upload_hold(actor=_browser(), upload=pdf("small.pdf")) is None
    HeldUpload.objects.filter(token="t2").update(size=2**30 - 45)
    assert upload_hold(actor=_browser(), upload=pdf("small.pdf")) is not None


def test_nfr_2_a_held_file_is_an_accounts_or_a_sessions_never_both_nor_neither(
    help_centre_officer,
):
    from django.db import IntegrityError, transaction

    for owner in ({"account": help_centre_officer, "holder": "h"}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            HeldUpload.objects.create(
                token=f"t{len(owner)}", file_name="a.pdf", size=1, storage_name="x", **owner
            )


def test_nfr_2_the_help_centre_key_in_keeps_the_scanned_form_for_the_officer(
    client, help_centre_officer
):
    from core.workdays import local_today

    client.force_login(help_centre_officer)
    url = reverse("backoffice:key_in_application")
    form = {
        "channel": "POST",
        "received_on": local_today().isoformat(),
        **_iu_form(phone="call me", email="lee@example.com"),
        "scanned_application_form": pdf("scan.pdf"),
    }
    _sent_back(client, url, form)
    assert set(HeldUpload.objects.values_list("file_name", "account")) == {
        ("scan.pdf", help_centre_officer.pk),
        ("writ.pdf", help_centre_officer.pk),
    }
    del form["scanned_application_form"], form["proof_of_involvement"]
    tokens = {
        "scanned_application_form-held": _token("scan.pdf"),
        "proof_of_involvement-held": _token("writ.pdf"),
    }
    answer = client.post(url, {**form, **tokens, "phone": "2345 6789"})
    assert answer.status_code == 302
    documents = Application.objects.get().documents.order_by("kind")
    assert [(d.kind, d.original_name) for d in documents] == [
        (DocumentKind.PROOF_OF_INVOLVEMENT, "writ.pdf"),
        (DocumentKind.SCANNED_APPLICATION_FORM, "scan.pdf"),
    ]
    assert not HeldUpload.objects.exists()


def test_nfr_2_an_answer_sent_back_keeps_its_document(client, vetting_officer):
    from core.forms import REASONS_MAX

    application = submit_application()
    services.application_request_information(
        actor=vetting_officer, application_id=application.pk, message="Send the writ."
    )
    url = reverse("registration:status", args=[services.application_access_token(application)])
    answer = client.post(url, {"answer": "x" * (REASONS_MAX + 1), "documents": pdf("writ.pdf")})
    assert answer.status_code == 200
    held = HeldUpload.objects.get()
    assert held.holder == client.session[HOLDER_SESSION_KEY]
    assert f'name="documents-held" value="{held.token}"' in answer.content.decode()

    answer = client.post(url, {"answer": "Here it is.", "documents-held": held.token})
    assert answer.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    document = application.documents.get(kind=DocumentKind.SUPPLEMENTARY)
    assert document.original_name == "writ.pdf" and _stored(document) == PDF_BYTES
    assert not HeldUpload.objects.exists()


def test_nfr_2_a_page_naming_a_kept_file_is_kept_by_no_cache(client):
    """The form sent back names the applicant's kept files and shows what was typed: an
    answer for this browser's session, though nobody is logged in, so no cache keeps it."""
    answer = client.post(reverse("registration:apply"), _iu_form(phone="call me"))
    assert KEPT % ("writ.pdf", "45\xa0bytes") in answer.content.decode()
    assert "no-store" in answer.get("Cache-Control", "")


# --- parallel requests (PostgreSQL) -----------------------------------------------------------


def _postgresql_only():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")


@pytest.mark.postgres
def test_nfr_2_parallel_holds_keep_a_session_at_20_files():
    """One browser holding 20 files sends 8 more at the same moment: still 20, the newest."""
    from tests.test_concurrency import run_in_parallel

    _postgresql_only()
    browser = _browser()
    for n in range(20):
        upload_hold(actor=browser, upload=pdf(f"before-{n}.pdf"))

    results = run_in_parallel(
        8, lambda index: upload_hold(actor=browser, upload=pdf(f"racer-{index}.pdf"))
    )
    assert all(kind == "ok" and value is not None for kind, value in results), results
    held = HeldUpload.objects.filter(holder=browser.holder_id)
    assert held.count() == 20
    assert held.filter(file_name__startswith="racer-").count() == 8


@pytest.mark.postgres
@pytest.mark.usefixtures("shared_redis")
def test_nfr_2_a_burst_of_holds_from_one_address_keeps_at_most_30():
    """40 new sessions of one address keep a file each at the same moment, counted in the
    Redis every server process shares: exactly 30 are kept."""
    from tests.test_concurrency import run_in_parallel

    _postgresql_only()
    results = run_in_parallel(
        40, lambda index: upload_hold(actor=_browser(), upload=pdf(f"{index}.pdf"))
    )
    assert all(kind == "ok" for kind, _value in results), results
    kept = [value for _kind, value in results if value is not None]
    assert len(kept) == 30
    assert HeldUpload.objects.count() == 30


@pytest.mark.postgres
def test_nfr_2_a_burst_of_holds_never_takes_applicants_past_2_gib():
    """Room left for 3 more files under the 2 GiB of all applicants without an account, and 10
    browsers of 10 addresses each keep one at the same moment: 3 are kept, never more."""
    from tests.test_concurrency import run_in_parallel

    _postgresql_only()
    size = len(PDF_BYTES)
    limit = 2 * 1024**3
    HeldUpload.objects.create(
        token="t1", holder="h1", file_name="big.pdf", size=limit - 3 * size, storage_name="x"
    )
    results = run_in_parallel(
        10,
        lambda index: upload_hold(
            actor=_browser(f"203.0.113.{index + 10}"), upload=pdf(f"{index}.pdf")
        ),
    )
    assert all(kind == "ok" for kind, _value in results), results
    assert len([value for _kind, value in results if value is not None]) == 3
    assert (
        HeldUpload.objects.filter(account=None).aggregate(total=models.Sum("size"))["total"]
        == limit
    )
