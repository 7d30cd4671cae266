"""Documents in an S3-compatible bucket (ICMS_STORAGE=s3): what several app servers share.
Chosen by the environment alone; a name already taken in the bucket is never overwritten (the
content store's rollback depends on it); a start with a bucket it cannot read is refused; and a
document issued by the registry is stored in the bucket, downloaded from it by a party and
matched by the public check. The rest of the portal's files run on a bucket too: the
`documents` tests, in the suite's pass with ICMS_TEST_STORAGE=s3 (Makefile, test-postgres)."""

import hashlib

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from config.storage import documents_storage
from core.checks import documents_bucket_reachable
from core.storage import ObjectStorage
from core.uploads import atomic_with_files
from filing.storage import ContentStore
from tests import pdfs
from tests.factories import ApiOnlyUserFactory, CaseLinkFactory, StaffFactory
from tests.test_issued_documents import issue_upload, upload

pytestmark = [pytest.mark.django_db, pytest.mark.documents]


def test_ops_documents_are_kept_in_a_folder_unless_the_environment_names_a_bucket():
    assert documents_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert documents_storage({"ICMS_STORAGE": "files"}) == documents_storage({})
    assert documents_storage(
        {
            "ICMS_STORAGE": "s3",
            "ICMS_S3_BUCKET": "court-documents",
            "ICMS_S3_ENDPOINT_URL": "https://objects.example",
            "ICMS_S3_REGION": "ap-east-1",
            "ICMS_S3_PREFIX": "/icms/",
            "ICMS_S3_ADDRESSING_STYLE": "path",
        }
    ) == {
        "BACKEND": "core.storage.ObjectStorage",
        "OPTIONS": {
            "bucket_name": "court-documents",
            "endpoint_url": "https://objects.example",
            "region_name": "ap-east-1",
            "location": "icms",
            "addressing_style": "path",
            "signature_version": "s3v4",
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"ICMS_STORAGE": "s3"}, "ICMS_STORAGE=s3 needs ICMS_S3_BUCKET."),
        ({"ICMS_STORAGE": "nfs"}, "ICMS_STORAGE must be one of files, s3."),
        (
            {"ICMS_STORAGE": "s3", "ICMS_S3_BUCKET": "b", "ICMS_S3_ADDRESSING_STYLE": "dns"},
            "ICMS_S3_ADDRESSING_STYLE must be one of auto, path, virtual.",
        ),
    ],
)
def test_ops_a_storage_set_up_wrongly_stops_the_start(environment, message):
    with pytest.raises(ImproperlyConfigured) as refused:
        documents_storage(environment)
    assert str(refused.value) == message


def test_ops_a_name_taken_in_the_bucket_is_never_overwritten(documents_bucket):
    """Two requests that both found a name free: the second write is refused by the bucket
    itself and stored under another name, as the folder storage's exclusive create does."""
    storage = storages["default"]
    assert isinstance(storage, ObjectStorage)
    assert storage.save("held/abc", ContentFile(b"first")) == "held/abc"
    second = storage._save("held/abc", ContentFile(b"second"))  # as if found free just before
    assert second != "held/abc" and second.startswith("held/abc_")
    assert documents_bucket.read("held/abc") == b"first"
    assert documents_bucket.read(second) == b"second"


def test_svc_1_content_store_rollback_removes_only_what_its_request_wrote(documents_bucket):
    store = ContentStore()
    kept = pdfs.good_pdf(pages=1)
    digest = store.save(kept)
    dropped = pdfs.good_pdf(pages=2)
    with pytest.raises(RuntimeError), atomic_with_files() as written:
        assert store.save(kept, written) == digest  # stored already: not this request's file
        store.save(dropped, written)
        raise RuntimeError("the request fails after storing")
    assert documents_bucket.keys() == [f"filing/sha256/{digest[:2]}/{digest}"]
    assert store.read(digest) == kept


def test_ops_the_deployment_check_reads_the_bucket(documents_bucket, settings):
    assert documents_bucket_reachable(None) == []
    settings.STORAGES = {
        **settings.STORAGES,
        "default": documents_storage({**documents_bucket.environment(), "ICMS_S3_BUCKET": "none"}),
    }
    [error] = documents_bucket_reachable(None)
    assert error.id == "icms.E001"
    assert error.msg.startswith("The documents' bucket 'none' cannot be read: ClientError")


def test_ops_the_deployment_check_leaves_a_folder_alone():
    assert documents_bucket_reachable(None) == []


def test_svc_5_an_issued_document_is_kept_in_the_bucket_downloaded_and_checked(
    client, documents_bucket
):
    clerk = StaffFactory(role="REGISTRY")
    individual = ApiOnlyUserFactory()
    case = CaseLinkFactory(organization=None, individual=individual).case
    document = issue_upload(clerk, case).document
    key = f"documents/issued/{document.drn}.pdf"
    assert key in documents_bucket.keys()
    stored = documents_bucket.read(key)
    assert hashlib.sha256(stored).hexdigest() == document.sha256

    client.force_login(individual)
    download = client.get(f"/cases/{case.pk}/documents/{document.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == stored

    client.logout()
    same = client.post(f"/documents/check/{document.drn}/", {"file": upload(stored)})
    assert "identical to the document the court issued" in same.text
