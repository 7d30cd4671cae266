"""A6, A29, A45 (b): the prescribed forms, to print and send by fax, post or by hand: the
application for an Individual User account (with the letter of authorization for a
representative at identity authentication), the application for an Organization account, and
the Notice of Consent to transact by iCMS; in both languages, reached from the pages that
mention them."""

import pytest

pytestmark = pytest.mark.django_db

FORMS = {
    "individual-user": ("Application for an Individual User account", "個人用戶帳戶申請表"),
    "organization": ("Application for an Organization account", "機構帳戶申請表"),
    "notice-of-consent": (
        "Notice of Consent to transact with the e-Court by means of the iCMS",
        "同意以iCMS與電子法院進行往來的通知",
    ),
}


@pytest.mark.parametrize("name", FORMS)
def test_a6_each_form_prints_in_both_languages_with_where_to_send_it(client, name):
    english, chinese = FORMS[name]
    page = client.get(f"/forms/{name}/").content.decode()
    assert f"<h1>{english}</h1>" in page
    assert "by fax (2340 7819)" in page and "12 Harbour Road" in page
    assert "<input" not in page  # filled in by hand
    assert "data-print hidden" in page and "/static/css/paper_form.css" in page
    zh = client.get(f"/zh-hant/forms/{name}/").content.decode()
    assert f"<h1>{chinese}</h1>" in zh and 'lang="zh-Hant-HK"' in zh
    assert "傳真（2340 7819）" in zh


def test_a29_the_iu_form_carries_the_letter_of_authorization_and_the_eight_counters(client):
    page = client.get("/forms/individual-user/").content.decode()
    assert "Appendix: Letter of authorization" in page
    assert "Representative's identification document number" in page
    assert page.count("Magistrates&#x27; Courts") == 7 and "Help Centre, 5/F Wanchai Tower" in page
    assert "Hong Kong Identity Card" in page and "up to 10" in page


def test_a45_the_notice_of_consent_names_the_case_the_party_and_the_account(client):
    page = client.get("/forms/notice-of-consent/").content.decode()
    for part in ("Court case number", "Interested party", "Organization Code", "Message Box"):
        assert part in page, part


def test_a6_the_forms_are_found_from_home_help_and_the_application(client):
    assert 'href="/forms/"' in client.get("/").content.decode()
    assert 'href="/forms/"' in client.get("/help/").content.decode()
    assert 'href="/forms/individual-user/"' in client.get("/apply/").content.decode()
    listing = client.get("/forms/").content.decode()
    for name in FORMS:
        assert f'href="/forms/{name}/"' in listing
    assert client.get("/forms/no-such-form/").status_code == 404


def test_a45_the_online_notice_of_consent_offers_the_form_to_sign(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    page = client.get("/cases/link-requests/new/").content.decode()
    assert 'href="/forms/notice-of-consent/"' in page


@pytest.mark.parametrize(
    "prefix, status, involvement, exempt",
    [
        (
            "",
            "business registration search, the latest annual return",
            "Proof of the organization's involvement in on-going or new e-proceedings",
            "Not needed for the Bar Association, the Law Society, law firms registered",
        ),
        (
            "/zh-hant",
            "商業登記冊內資料的查冊結果、最近期的周年申報表",
            "機構參與進行中",
            "律師會註冊",
        ),
    ],
)
def test_reg_4_the_organization_form_lists_the_documents_of_a23(
    client, prefix, status, involvement, exempt
):
    """A23: (a) the letter of authorization or resolution; (b) proof of the organization's
    involvement in on-going or new e-proceedings, except for the Bar Association, the Law
    Society, law firms, government departments, law enforcement agencies and statutory
    bodies; (c) proof of the organization's status (a business registration certificate or
    search, the latest annual return, ...), which A23 asks of every organization."""
    page = client.get(f"{prefix}/forms/organization/").content.decode()
    part_4 = page.split('id="part-4"')[1].split("</section>")[0]
    assert status in part_4
    assert involvement in part_4 and exempt in part_4
    assert "unless a law firm" not in part_4 and "律師行或政府部門除外" not in part_4
    assert status in client.get(f"{prefix}/apply/organization/").content.decode()
