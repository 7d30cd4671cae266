"""HEAD, which link checkers, uptime monitors and calendar programs send to see whether an
address answers, is answered as GET is, without the body (RFC 9110: a server that answers GET
answers HEAD). The portal's pages that take only GET, or GET and POST, refused it with 405."""

import pytest

from tests.test_hearings_calendar import _feed_path, cases, clerk  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/cause-book/",
        "/zh-hant/cause-book/",
        "/cause-book/print/",
        "/documents/search/",
        "/payments/search-fee/",
        "/apply/",
    ],
)
def test_svc_3_the_public_pages_answer_head_as_get(client, path):
    got = client.get(path)
    head = client.head(path)
    assert got.status_code == 200
    assert head.status_code == 200, head.status_code
    assert head["Content-Type"] == got["Content-Type"]
    assert head.content == b""


def test_svc_5_the_drn_check_answers_head(client):
    assert client.head("/documents/check/").status_code == 200
    # A number not issued: "not found", as to GET.
    missing = client.head("/documents/check/QKFS-G0PC-F2KM-D074/")
    assert missing.status_code == client.get("/documents/check/QKFS-G0PC-F2KM-D074/").status_code


def test_bey_6_a_calendar_program_may_ask_for_the_feed_with_head(client, cases):  # noqa: F811
    path = _feed_path(client, cases["iu"])
    client.logout()
    head = client.head(path)
    assert head.status_code == 200
    assert head["Content-Type"] == "text/calendar; charset=utf-8"
    assert head.content == b""
    assert client.head(path.replace(".ics", "x.ics")).status_code == 404


def test_nfr_5_the_health_check_answers_head(client):
    head = client.head("/healthz")
    assert head.status_code == 200 and head.content == b""


def test_nfr_4_head_changes_nothing_a_form_would(client):
    """HEAD runs as GET, never as the POST of a form on the same address."""
    from registration.models import Application

    before = Application.objects.count()
    assert client.head("/apply/").status_code == 200
    assert Application.objects.count() == before
