"""SVC-1: a filing form sent back for corrections keeps the files it received, so that the
filer need not choose them again; kept only for the account that sent them, never a file the
checks refused, for a day, at most 20 per account."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from core.held_uploads import held_uploads_expire, upload_hold
from core.models import HeldUpload
from filing.models import FiledDocument, Filing
from tests.factories import ApiOnlyUserFactory
from tests.filing_helpers import assigned_organization, fee_of, pdf_upload
from tests.pdfs import encrypted_pdf, good_pdf
from tests.test_filing_pages import defence_form

pytestmark = [pytest.mark.django_db, pytest.mark.documents]


@pytest.fixture
def org():
    fee_of("DEF", "630.00")
    return assigned_organization()


def sent_back_with_a_reply(client, org, prefix=""):
    """The Defence with a Reply beside it, which the defendant's side does not file (the form
    does not offer it): the form comes back with the error on the Reply's type, not on either
    file."""
    client.force_login(org.ou)
    answer = client.post(
        f"{prefix}/filings/new/",
        defence_form(
            org,
            **{
                "documents-1-document_type": "DCPI:REPLY",
                "documents-1-file": pdf_upload(name="reply.pdf"),
            },
        ),
    )
    assert answer.status_code == 200
    assert not Filing.objects.exists()
    return answer.content.decode()


def test_svc_1_a_form_sent_back_keeps_its_files_and_files_them_next_time(client, org):
    html = sent_back_with_a_reply(client, org)
    assert "Select a valid choice. DCPI:REPLY is not one of the available choices." in html
    assert "Kept from your last sending: defence.pdf (" in html
    assert "It goes with the form unless you choose another file." in html
    defence, reply = HeldUpload.objects.order_by("file_name")
    assert (defence.file_name, reply.file_name) == ("defence.pdf", "reply.pdf")
    assert f'name="documents-0-file-held" value="{defence.token}"' in html
    assert f'name="documents-1-file-held" value="{reply.token}"' in html
    # The file input says what it keeps (its description, read out with it).
    assert 'aria-describedby="id_documents-0-file_helptext"' in html

    again = defence_form(org, **{"documents-0-file-held": defence.token})
    del again["documents-0-file"]
    answer = client.post("/filings/new/", again)
    assert answer.status_code == 302
    filed = FiledDocument.objects.get()
    assert filed.file_name == "defence.pdf" and filed.size == len(good_pdf(2))
    download = client.get(f"/filings/{filed.filing_id}/documents/{filed.pk}/")
    assert b"".join(download.streaming_content) == good_pdf(2)
    # Filed: its kept copy goes; the Reply's, not sent again, waits for the daily job.
    assert list(HeldUpload.objects.values_list("file_name", flat=True)) == ["reply.pdf"]


def test_svc_1_a_kept_file_is_said_in_chinese(client, org):
    html = sent_back_with_a_reply(client, org, prefix="/zh-hant")
    assert "上次提交時收到的檔案已保留：defence.pdf" in html


def test_svc_1_a_new_file_replaces_the_kept_one(client, org):
    sent_back_with_a_reply(client, org)
    defence = HeldUpload.objects.get(file_name="defence.pdf")
    again = defence_form(
        org,
        **{
            "documents-0-file-held": defence.token,
            "documents-0-file": pdf_upload(good_pdf(3), "defence-v2.pdf"),
        },
    )
    assert client.post("/filings/new/", again).status_code == 302
    filed = FiledDocument.objects.get()
    assert (filed.file_name, filed.page_count) == ("defence-v2.pdf", 3)


def test_svc_1_a_refused_file_is_not_kept(client, org):
    client.force_login(org.ou)
    answer = client.post(
        "/filings/new/", defence_form(org, **{"documents-0-file": pdf_upload(encrypted_pdf())})
    )
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "documents-0-file-held" not in html and "Kept from your last sending" not in html
    assert not HeldUpload.objects.exists()


def test_svc_1_another_accounts_kept_file_is_not_filed(client, org):
    """An attacker who learns a token (it is in the victim's page) still cannot file the
    victim's document: a token is the account's own."""
    sent_back_with_a_reply(client, org)
    victims = HeldUpload.objects.get(file_name="defence.pdf")
    other = assigned_organization(reference="SLIP-2")
    client.force_login(other.ou)
    again = defence_form(other, **{"documents-0-file-held": victims.token})
    del again["documents-0-file"]
    answer = client.post("/filings/new/", again)
    assert answer.status_code == 200
    assert "The file sent last time is no longer kept: choose it again." in answer.content.decode()
    assert not Filing.objects.exists()
    assert HeldUpload.objects.filter(pk=victims.pk).exists()  # nor can it release it


def test_svc_1_kept_files_go_after_a_day(client, org, django_capture_on_commit_callbacks):
    sent_back_with_a_reply(client, org)
    defence = HeldUpload.objects.get(file_name="defence.pdf")
    assert default_storage.exists(defence.storage_name)
    HeldUpload.objects.update(held_at=timezone.now() - timedelta(hours=23, minutes=59))
    assert held_uploads_expire() == 0
    HeldUpload.objects.update(held_at=timezone.now() - timedelta(hours=24, minutes=1))
    again = defence_form(org, **{"documents-0-file-held": defence.token})
    del again["documents-0-file"]
    answer = client.post("/filings/new/", again)
    assert "The file sent last time is no longer kept" in answer.content.decode()
    assert not Filing.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert held_uploads_expire() == 2
    assert not HeldUpload.objects.exists()
    assert not default_storage.exists(defence.storage_name)


def test_svc_1_an_account_keeps_at_most_20_files_the_oldest_going_first(
    org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = upload_hold(actor=org.ou, upload=pdf_upload(name="first.pdf"))
        for n in range(20):
            upload_hold(actor=org.ou, upload=pdf_upload(name=f"later-{n}.pdf"))
    assert HeldUpload.objects.filter(account=org.ou).count() == 20
    assert not HeldUpload.objects.filter(pk=first.pk).exists()
    assert not default_storage.exists(first.storage_name)


@pytest.mark.django_db(transaction=True)
def test_svc_1_files_kept_before_the_move_to_core_stay_kept():
    """filing.0007 moves the kept files' rows to core.HeldUpload (the issuing of documents
    keeps files too): a file kept the moment before the upgrade is kept after it, same token,
    same stored bytes."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("filing", "0006_held_uploads"), ("core", "0002_worker_heartbeat")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_state = executor.loader.project_state(before).apps
    account = ApiOnlyUserFactory()  # accounts' migrations stay applied
    held_at = timezone.now() - timedelta(hours=3)
    old_state.get_model("filing", "HeldUpload").objects.create(
        token="t" * 43,
        account_id=account.pk,
        file_name="defence.pdf",
        size=551,
        storage_name="filing/held/" + "t" * 43,
        held_at=held_at,
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    moved = HeldUpload.objects.get()
    assert (moved.token, moved.account_id, moved.file_name, moved.size) == (
        "t" * 43,
        account.pk,
        "defence.pdf",
        551,
    )
    assert moved.storage_name == "filing/held/" + "t" * 43 and moved.held_at == held_at


# --- parallel requests (PostgreSQL) -----------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_svc_1_parallel_holds_keep_an_account_at_20_files():
    """An account holding its 20 files keeps 8 more at the same moment: still 20, the newest,
    and the bytes of each file no longer kept are gone."""
    from django.db import connection

    from tests.test_concurrency import run_in_parallel

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    account = ApiOnlyUserFactory()
    for n in range(20):
        upload_hold(actor=account, upload=pdf_upload(name=f"before-{n}.pdf"))

    results = run_in_parallel(
        8, lambda index: upload_hold(actor=account, upload=pdf_upload(name=f"racer-{index}.pdf"))
    )
    assert all(kind == "ok" for kind, _value in results), results
    held = HeldUpload.objects.filter(account=account)
    assert held.count() == 20
    assert held.filter(file_name__startswith="racer-").count() == 8
    assert all(default_storage.exists(row.storage_name) for row in held)


@pytest.mark.parametrize(
    ("claimed_minutes_ago", "filed"),
    [(9, False), (11, True)],
    ids=["a sending under way", "a sending that died 11 minutes ago"],
)
def test_svc_1_a_kept_file_claimed_by_a_sending_is_filed_by_no_other(
    client, org, claimed_minutes_ago, filed
):
    """A kept file another sending of the form is filing is not filed again: the form says it
    is no longer kept. A claim left by a sending that never ended lapses after 10 minutes."""
    kept = upload_hold(actor=org.ou, upload=pdf_upload(name="defence.pdf"))
    HeldUpload.objects.filter(pk=kept.pk).update(
        sending_since=timezone.now() - timedelta(minutes=claimed_minutes_ago)
    )
    client.force_login(org.ou)
    again = defence_form(org, **{"documents-0-file-held": kept.token})
    del again["documents-0-file"]
    answer = client.post("/filings/new/", again)
    assert Filing.objects.exists() is filed
    if filed:
        assert answer.status_code == 302
        assert not HeldUpload.objects.exists()
    else:
        assert answer.status_code == 200
        assert "The file sent last time is no longer kept: choose it again." in answer.text
        # Still kept for the sending that holds it, which is not this one.
        assert HeldUpload.objects.get().sending_since is not None


def test_svc_1_a_refused_sending_gives_its_kept_file_back(client, org):
    """A sending the service refuses (a fee beyond the deposit account's balance) leaves its
    kept file kept, and free for the next."""
    fee_of("DEF", "9999999.00")
    kept = upload_hold(actor=org.ou, upload=pdf_upload(name="defence.pdf"))
    client.force_login(org.ou)
    again = defence_form(org, **{"documents-0-file-held": kept.token})
    del again["documents-0-file"]
    answer = client.post("/filings/new/", again)
    assert answer.status_code == 200
    assert not Filing.objects.exists()
    assert HeldUpload.objects.get().sending_since is None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_svc_1_a_kept_file_sent_twice_at_once_is_filed_once():
    """The form sent back, then sent again twice at the same moment (a double click, two
    tabs), each with the kept file's token: one filing, one fee; the other sending is told the
    file is no longer kept. Neither files the kept file a second time."""
    from django.db import connection
    from django.test import Client

    from payments.models import Payment
    from tests.test_concurrency import run_in_parallel

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    fee_of("DEF", "300.00")
    org = assigned_organization()
    kept = upload_hold(actor=org.ou, upload=pdf_upload(name="defence.pdf"))
    again = defence_form(org, **{"documents-0-file-held": kept.token})
    del again["documents-0-file"]
    clients = [Client() for _ in range(4)]
    for client in clients:
        client.force_login(org.ou)

    def send(index):
        answer = clients[index].post("/filings/new/", again)
        return answer.status_code, answer.content.decode()

    results = run_in_parallel(4, send)
    assert all(kind == "ok" for kind, _value in results), results
    codes = sorted(code for _kind, (code, _html) in results)
    assert codes == [200, 200, 200, 302], codes
    for _kind, (code, html) in results:
        if code == 200:
            assert "The file sent last time is no longer kept: choose it again." in html
    assert Filing.objects.count() == 1
    assert FiledDocument.objects.count() == 1
    assert Payment.objects.count() == 1
    assert not HeldUpload.objects.exists()
