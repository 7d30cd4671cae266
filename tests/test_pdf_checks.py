"""SVC-1: a file to be e-filed is checked by its content, never its name: a real PDF that
opens, not encrypted, within the size limit (judged before it is read) and the page limit,
with no JavaScript (names tree, OpenAction, additional actions) nor action that launches a
program, and no embedded or attached files. Each refusal has its reason, in English and
Chinese, and nothing is stored. Accepted files are stored by their SHA-256 through Django's
storage, once, never under the static tree, and read back by their hash."""

import hashlib
import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.errors import NotFound
from core.uploads import atomic_with_files
from filing.pdf_checks import pdf_check
from filing.storage import ContentStore
from tests import pdfs
from tests.object_store import stored_names

pytestmark = pytest.mark.documents

MIB = 1024 * 1024
LIMITS = {"max_bytes": 10 * MIB, "max_pages": 5}


def checked(name: str, content: bytes, **limits):
    return pdf_check(SimpleUploadedFile(name, content), **{**LIMITS, **limits})


def nothing_stored(settings) -> bool:
    return stored_names() == []


def test_svc_1_a_good_pdf_is_accepted_with_its_facts():
    content = pdfs.good_pdf(pages=3)
    facts, refusal = checked("defence.pdf", content)
    assert refusal is None
    assert facts.name == "defence.pdf"
    assert facts.pages == 3
    assert facts.size == len(content)
    assert facts.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    ("name", "content", "limits", "code", "reason"),
    [
        ("empty.pdf", b"", {}, "file_empty", "The file empty.pdf is empty."),
        (
            "notes.pdf",
            b"These are my notes, saved as text.\n",
            {},
            "not_a_pdf",
            "The file notes.pdf is not a PDF file: its content is of another kind, whatever "
            "its name says.",
        ),
        (
            "scan.pdf",
            pdfs.png_bytes(),
            {},
            "not_a_pdf",
            "The file scan.pdf is not a PDF file: its content is of another kind, whatever its "
            "name says.",
        ),
        (
            "locked.pdf",
            pdfs.encrypted_pdf(),
            {},
            "pdf_encrypted",
            "The file locked.pdf is encrypted or protected by a password. File it without "
            "protection.",
        ),
        (
            "broken.pdf",
            pdfs.damaged_pdf(),
            {},
            "pdf_unreadable",
            "The file broken.pdf does not open as a PDF document: it may be damaged. Save it "
            "again as PDF and try again.",
        ),
        (
            "cut.pdf",
            pdfs.good_pdf()[:300],
            {},
            "pdf_unreadable",
            "The file cut.pdf does not open as a PDF document: it may be damaged. Save it "
            "again as PDF and try again.",
        ),
        (
            "long.pdf",
            pdfs.good_pdf(pages=6),
            {},
            "too_many_pages",
            "The file long.pdf has 6 pages; at most 5 are accepted.",
        ),
        (
            "big.pdf",
            pdfs.good_pdf(),
            {"max_bytes": 100},
            "file_too_large",
            "The file big.pdf is larger than 100\xa0bytes.",
        ),
        (
            "script.pdf",
            pdfs.javascript_open_action_pdf(),
            {},
            "pdf_javascript",
            "The file script.pdf contains JavaScript or an action that starts a program. Save "
            "it again as PDF without scripts (for example, print it to PDF).",
        ),
        (
            "names.pdf",
            pdfs.javascript_names_tree_pdf(),
            {},
            "pdf_javascript",
            "The file names.pdf contains JavaScript",
        ),
        (
            "page-action.pdf",
            pdfs.page_additional_action_pdf(),
            {},
            "pdf_javascript",
            "The file page-action.pdf contains JavaScript",
        ),
        (
            "launch.pdf",
            pdfs.launch_action_pdf(),
            {},
            "pdf_javascript",
            "The file launch.pdf contains JavaScript or an action that starts a program.",
        ),
        (
            "attached.pdf",
            pdfs.embedded_file_pdf(),
            {},
            "pdf_embedded_file",
            "The file attached.pdf carries other files embedded or attached in it. File each "
            "document as a PDF of its own.",
        ),
        (
            "annotated.pdf",
            pdfs.file_attachment_annotation_pdf(),
            {},
            "pdf_embedded_file",
            "The file annotated.pdf carries other files embedded or attached in it.",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and value.endswith(".pdf") else "",
)
def test_svc_1_bad_files_are_refused_with_their_reason_and_nothing_stored(
    settings, name, content, limits, code, reason
):
    facts, refusal = checked(name, content, **limits)
    assert facts is None
    assert refusal.code == code
    assert refusal.message.startswith(reason)
    assert nothing_stored(settings)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (pdfs.encrypted_pdf(), "檔案locked.pdf已加密或受密碼保護。請存檔沒有保護的檔案。"),
        (
            pdfs.javascript_open_action_pdf(),
            "檔案locked.pdf含有JavaScript或會啟動程式的動作。請將其另存為不含程式碼的PDF"
            "（例如以「列印為PDF」）。",
        ),
        (pdfs.png_bytes(), "檔案locked.pdf不是PDF檔案：不論其名稱如何，其內容屬另一類別。"),
    ],
    ids=["encrypted", "javascript", "png"],
)
def test_svc_1_reasons_in_chinese(content, reason):
    with translation.override("zh-hant"):
        _facts, refusal = checked("locked.pdf", content)
    assert refusal.message == reason


class CountingUpload(SimpleUploadedFile):
    """An upload that counts the bytes read from it."""

    read_bytes = 0

    def read(self, *args, **kwargs):
        data = super().read(*args, **kwargs)
        self.read_bytes += len(data)
        return data


def test_svc_1_over_the_size_limit_is_refused_before_the_file_is_read():
    upload = CountingUpload("huge.pdf", pdfs.good_pdf(pages=40))
    _facts, refusal = pdf_check(upload, max_bytes=1000, max_pages=100)
    assert refusal.code == "file_too_large"
    assert upload.read_bytes == 0


def test_svc_1_page_limit_counts_pages_not_bytes():
    _facts, refusal = checked("ok.pdf", pdfs.good_pdf(pages=5))
    assert refusal is None


def test_svc_1_objects_kept_in_object_streams_are_read():
    _facts, refusal = checked("compact.pdf", pdfs.object_streams_pdf(streams=20, inflated=4000))
    assert refusal is None


def test_svc_1_a_pdf_whose_object_streams_inflate_without_bound_is_refused():
    """A few hundred kilobytes whose object streams inflate to 75 MB each (pypdf's limit for one
    stream): a 10 MiB file of them held some 10 GB in memory while it was checked. The check
    gives up once the inflated object streams pass pdf_checks.MAX_OBJECT_STREAM_BYTES."""
    content = pdfs.object_streams_pdf(streams=3, inflated=70_000_000)
    assert len(content) < 300_000
    facts, refusal = checked("bomb.pdf", content)
    assert facts is None
    assert refusal.code == "pdf_unreadable"


def test_svc_6_a_pdf_whose_pages_inflate_past_the_bound_is_refused():
    """Four pages of a third of a megabyte whose content inflates to 70 MB each: accepted, a
    translation of them became a 280 MB document when the registry certified it (its stamp
    writes every page out inflated), and a 10 MiB file of them some 10 GB, in memory first.
    Refused with its reason, past pdf_checks.MAX_PAGE_CONTENT_BYTES, in both languages."""
    content = pdfs.inflating_pages_pdf(pages=4, inflated=70_000_000)
    assert len(content) < 400_000
    facts, refusal = checked("translation.pdf", content, max_pages=100)
    assert facts is None
    assert refusal.code == "pdf_content_too_large"
    assert refusal.message == (
        "The file translation.pdf holds too much once opened: its pages take more than 256 "
        "MB. Split it into smaller files, or save it again as PDF with less in it."
    )
    with translation.override("zh-hant"):
        _facts, refusal = checked("translation.pdf", content, max_pages=100)
    assert refusal.message == (
        "檔案translation.pdf開啟後內容過多：其頁面超過256 MB。請把它分拆為較小的檔案，"
        "或減少內容後再存為PDF。"
    )


def test_svc_6_pages_within_the_bound_are_accepted():
    content = pdfs.inflating_pages_pdf(pages=3, inflated=60_000_000)
    facts, refusal = checked("translation.pdf", content, max_pages=100)
    assert refusal is None and facts.pages == 3


# --- the content-addressed store --------------------------------------------------------------


def test_svc_1_store_saves_by_sha256_once_and_reads_back(settings):
    store = ContentStore()
    content = pdfs.good_pdf(pages=2)
    digest = store.save(io.BytesIO(content))
    assert digest == hashlib.sha256(content).hexdigest()
    assert store.save(content) == digest  # the same bytes again: nothing new written
    assert stored_names() == [f"filing/sha256/{digest[:2]}/{digest}"]
    assert store.read(digest) == content
    assert store.exists(digest)


@pytest.mark.parametrize("bad", ["", "../../etc/passwd", "A" * 64, "0" * 63, "g" * 64])
def test_svc_1_store_finds_nothing_but_a_stored_hash(bad):
    with pytest.raises(NotFound):
        ContentStore().open(bad)
    with pytest.raises(NotFound):
        ContentStore().open("0" * 64)


def test_svc_1_store_is_never_under_the_static_tree(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    with pytest.raises(ImproperlyConfigured):
        ContentStore(FileSystemStorage(location=tmp_path / "static" / "filed"))
    ContentStore(FileSystemStorage(location=tmp_path / "media"))  # elsewhere: fine


@pytest.mark.django_db
def test_svc_6_files_of_an_inner_block_go_when_the_outer_one_fails(settings):
    """A certified translation is issued (an inner block that stores the stamped PDF and
    succeeds), then its request's update fails: the outer block deletes the PDF too."""
    store = ContentStore()
    with pytest.raises(RuntimeError), atomic_with_files():
        with atomic_with_files() as written:
            digest = store.save(pdfs.good_pdf(), written=written)
        assert store.exists(digest)
        raise RuntimeError("the request's update failed after the issue")
    assert not store.exists(digest)
    assert nothing_stored(settings)
    # Both blocks succeeding keep it.
    with atomic_with_files(), atomic_with_files() as written:
        digest = store.save(pdfs.good_pdf(), written=written)
    assert store.exists(digest)


@pytest.mark.django_db
def test_svc_1_store_forgets_what_a_failed_filing_wrote(settings):
    store = ContentStore()
    content = pdfs.good_pdf()
    with pytest.raises(RuntimeError), atomic_with_files() as written:
        digest = store.save(content, written=written)
        assert store.exists(digest)
        raise RuntimeError("the filing failed")
    assert not store.exists(digest)
    assert nothing_stored(settings)
