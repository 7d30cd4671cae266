"""The public pages: how to reach the Help Centre [A6, A8, A36]."""

import pytest

pytestmark = pytest.mark.django_db

CONTACTS = [
    '<a href="tel:+85224771002">2477 1002</a>',
    '<a href="tel:+85228866474">2886 6474</a>',
    '<a href="mailto:e-registration@judiciary.hk">e-registration@judiciary.hk</a>',
    "2340 7819",
]


@pytest.mark.parametrize("path", ["/", "/apply/", "/account/login/", "/account/activate/"])
def test_a8_public_pages_give_the_help_centre_email_fax_phones_and_office_hours(client, path):
    page = client.get(path).content.decode()
    for contact in CONTACTS:
        assert contact in page
    assert "Fax: 2340 7819" in page
    assert (
        "Office hours: Monday to Friday (except public holidays), 8:45 am to 1:00 pm and "
        "2:00 pm to 5:30 pm." in page
    )
    chinese = client.get("/zh-hant" + path).content.decode()
    for contact in CONTACTS:
        assert contact in chinese
    assert "傳真：2340 7819" in chinese
    assert (
        "辦公時間：星期一至星期五（公眾假期除外）上午8時45分至下午1時及下午2時至下午5時30分。"
        in chinese
    )


PUBLIC_SERVICES = ['href="/cause-book/"', 'href="/documents/check/"', 'href="/documents/search/"']


def test_gen_3_svc_3_svc_5_the_home_page_leads_to_the_public_services(client):
    page = client.get("/").content.decode()
    assert "Search the Cause Book" in page and "Check a Document Reference Number" in page
    chinese = client.get("/zh-hant/").content.decode()
    assert "無須帳戶：按日期、法院、法官、案件編號或訴訟人姓名查閱各法院排期的聆訊。" in chinese
    for link in PUBLIC_SERVICES:
        assert link in page
        assert link.replace('href="', 'href="/zh-hant') in chinese


@pytest.mark.parametrize("path", ["/account/login/", "/apply/", "/cause-book/"])
def test_gen_3_every_page_footer_links_the_public_services(client, path):
    footer = client.get(path).content.decode().split('<footer class="site-footer">', 1)[1]
    for link in PUBLIC_SERVICES:
        assert link in footer
    chinese = client.get("/zh-hant" + path).content.decode().split('class="site-footer"', 1)[1]
    assert 'aria-label="公眾服務"' in chinese and "核實文件參考編號" in chinese


def test_nfr_4_a_request_that_cannot_be_read_gets_the_sites_page_in_its_language(client):
    """Over a thousand fields (any form): a 400 in the site's layout, in Chinese under
    /zh-hant/, not Django's bare "Bad Request (400)"."""
    client.raise_request_exception = False
    english = client.post("/apply/", {"surname": ["x"] * 1001})
    assert english.status_code == 400
    assert "The request could not be read" in english.content.decode()
    chinese = client.post("/zh-hant/apply/", {"surname": ["x"] * 1001})
    assert chinese.status_code == 400 and "無法讀取要求" in chinese.content.decode()
