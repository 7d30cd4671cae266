"""Uploads are capped before they reach the disk: a body longer than the largest application
can be is refused before it is read, and a request carries at most four files; pages and API
alike (NFR-4)."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from core import policy
from permissions.roles import Role
from registration import services
from registration.models import Application, SupportingDocument
from tests.factories import StaffFactory, particulars, pdf, submit_application

pytestmark = [pytest.mark.django_db, pytest.mark.documents]

# Four documents of 10 MB each, and 1 MB for the particulars and the multipart framing.
REQUEST_MAX_BYTES = 42_991_616


def test_nfr_4_request_limit_is_four_full_documents_and_the_particulars():
    assert policy.UPLOAD_MAX_BYTES == 10 * 1024 * 1024
    assert policy.MAX_FILES_PER_REQUEST == 4
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 4
    assert policy.REQUEST_MAX_BYTES == REQUEST_MAX_BYTES


@pytest.mark.parametrize("path", ["/api/v1/applications/", "/apply/"])
def test_nfr_4_body_declared_over_the_limit_is_refused_unread(client, path):
    """NFR-4: judged by the declared length alone: the body here is short, and reading past
    it would fail the test client, so nothing reads it."""
    response = client.post(
        path,
        b"x" * 10,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(REQUEST_MAX_BYTES + 1),
    )
    assert response.status_code == 413
    if path.startswith("/api/"):
        body = response.json()
        assert body["code"] == "request_too_large"
        assert body["detail"].startswith("The request is larger than 41.0\xa0MB")
    else:
        assert "Too large to send" in response.content.decode()
    assert not Application.objects.exists()


def test_nfr_4_body_over_the_limit_never_reaches_the_disk(tmp_path, settings):
    """NFR-4: a real upload one byte over the limit: no temporary file is written."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # any file read would go to tmp_path
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * REQUEST_MAX_BYTES, "application/pdf")
    response = APIClient().post(
        "/api/v1/applications/", {**particulars(), "proof_of_involvement": big}, format="multipart"
    )
    assert response.status_code == 413
    assert list(tmp_path.iterdir()) == []
    assert not SupportingDocument.objects.exists()


def test_nfr_4_api_supplement_carries_at_most_four_files():
    """NFR-4: a fifth file is refused before it is stored, as on the pages."""
    application = submit_application()
    services.application_request_information(
        actor=StaffFactory(role=Role.VETTING),
        application_id=application.pk,
        message="Send the writ.",
    )
    token = services.application_access_token(application)
    response = APIClient().post(
        f"/api/v1/applications/by-token/{token}/supplement/",
        {"answer": "Here.", "documents": [pdf(f"doc{n}.pdf") for n in range(5)]},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "too_many_files",
        "detail": "The request carries more files than the portal accepts (at most 4).",
    }
    assert application.documents.count() == 1


def test_nfr_4_page_carries_at_most_four_files(client):
    """NFR-4: the application page refuses a fifth file with a 400, saving nothing."""
    data = {
        **particulars(),
        "proof_of_involvement": pdf(),
        "draft_originating_document": pdf("draft.pdf"),
        "scanned_application_form": pdf("scan.pdf"),
        "extra": pdf("extra.pdf"),
        "another": pdf("another.pdf"),
    }
    client.raise_request_exception = False
    response = client.post("/apply/", data)
    assert response.status_code == 400
    assert not Application.objects.exists()
