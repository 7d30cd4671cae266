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
