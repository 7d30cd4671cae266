"""The public pages: how to reach the Help Centre [A6, A8, A36]."""

import pytest

from tests.factories import StaffFactory, UserFactory

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


def test_gen_1_questions_and_answers_in_both_languages_from_every_page(client):
    """The public's questions answered in the portal's own rules, linked from every page's
    footer and from the home page."""
    for path in ("/", "/cause-book/", "/account/login/"):
        assert 'href="/help/"' in client.get(path).content.decode().split("site-footer", 1)[1]
    assert 'href="/help/"' in client.get("/").content.decode().split("<main", 1)[1]
    page = client.get("/help/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<h1>Questions and answers</h1>" in text
    chinese = client.get("/zh-hant/help/").content.decode()
    assert "<h1>常見問題</h1>" in chinese
    assert "我可以在電子法院做甚麼？" in chinese and "What can I do" not in chinese


def test_auth_3_org_3_reg_8_ida_1_the_answers_state_the_rules_numbers(client):
    text = " ".join(client.get("/help/").content.decode().split())
    assert "within three working days" in text  # REG-8
    assert "within 30 calendar days" in text  # IDA-1
    assert "After five wrong passwords in a row the account is locked" in text  # AUTH-3
    assert "you may log in again 30 minutes after the last one" in text  # AUTH-3
    assert (  # ORG-3
        "At first: 2 Primary Administrators, 10 Secondary Administrators, 50 Organization "
        "Users of whom up to 5 are default Organization Users, 10 branches, and 10 "
        "Organization Users on one party of a case."
    ) in text
    assert "within 24 hours" in text  # AUTH-4: the Change Token
    assert "de-activated three months after" in text  # LIFE-3
    chinese = "".join(client.get("/zh-hant/help/").content.decode().split())
    assert "連續五次輸入錯誤密碼後，帳戶會被鎖定" in chinese
    assert "主要管理員2名、次要管理員10名、機構用戶50名（其中最多5名為預設機構用戶）" in chinese


def test_gen_2_the_answers_list_the_proceedings_an_implementation_notice_covers(client):
    """The e-enabled proceedings are data (GEN-2): the answer lists those in force today, in
    the page's language, and none that a notice covers only from a later date."""
    import datetime

    from cases.models import ImplementationNotice, ProceedingType

    text = client.get("/help/").content.decode()
    assert "District Court: Personal Injuries Action (DCPI)" in text
    assert "(DCTC)" in text and "(DCCJ)" not in text
    later = ImplementationNotice.objects.create(
        proceeding_type=ProceedingType.objects.get(code="DCCJ"),
        effective_date=datetime.date.today() + datetime.timedelta(days=30),
    )
    assert "(DCCJ)" not in client.get("/help/").content.decode()
    later.effective_date = datetime.date(2024, 1, 1)
    later.save()
    assert "(DCCJ)" in client.get("/help/").content.decode()
    assert "區域法院" in client.get("/zh-hant/help/").content.decode()


@pytest.mark.parametrize(
    ("role", "link", "card"),
    [
        ("holder", 'href="/account/"', "Your account"),
        ("staff", 'href="/backoffice/"', "Your work queues"),
    ],
)
def test_gen_3_a_logged_in_user_is_not_offered_to_apply_or_log_in_again(client, role, link, card):
    user = UserFactory(login_name="iu00000042") if role == "holder" else StaffFactory()
    client.force_login(user)
    page = client.get("/").content.decode()
    main = page.split("<main", 1)[1]
    assert f"<h2><a {link}>{card}</a></h2>" in main
    assert f"You are logged in as {user.login_name}." in main
    for offer in ('href="/apply/"', 'href="/account/activate/"', 'href="/account/login/"'):
        assert offer not in main
    assert "How registration works" not in main
    assert 'href="/cause-book/"' in main  # the public services stay
    chinese = client.get("/zh-hant/").content.decode().split("<main", 1)[1]
    assert f"你已以{user.login_name}登入。" in chinese


def test_gen_3_a_visitor_is_offered_to_apply_activate_and_log_in(client):
    main = client.get("/").content.decode().split("<main", 1)[1]
    for offer in ('href="/apply/"', 'href="/account/activate/"', 'href="/account/login/"'):
        assert offer in main
    assert "How registration works" in main


def test_a8_the_answers_link_the_judiciarys_e_courts_page(client):
    link = 'href="https://www.judiciary.hk/en/e_courts/index.html"'
    page = client.get("/help/").content.decode()
    assert link in page and "e-Practice Direction" in page
    chinese = client.get("/zh-hant/help/").content.decode()
    assert link in chinese and "電子實務指示" in chinese


@pytest.mark.parametrize("template", ["errors/500.html", "errors/413.html", "errors/429.html"])
def test_a8_a_technical_failure_gives_the_technical_helpline(rf, template):
    from django.template.loader import render_to_string
    from django.utils import translation

    request = rf.get("/")
    page = render_to_string(template, request=request)
    assert "technical helpline on 2886 6474" in page and "2477 1002." not in page
    with translation.override("zh-hant"):
        assert "致電2886 6474技術支援熱線" in render_to_string(template, request=request)


def test_a14_the_answers_offer_the_email_for_each_message_in_addition(client):
    text = " ".join(client.get("/help/").content.decode().split())
    assert "in addition, you may choose an email for each new message" in text
    assert "choose instead" not in text
    chinese = "".join(client.get("/zh-hant/help/").content.decode().split())
    assert "此外，你亦可選擇每有新訊息即收到電郵" in chinese


def test_ux_every_page_names_its_icon_so_browsers_do_not_ask_for_a_missing_one(client):
    from django.contrib.staticfiles import finders

    for path in ("/", "/cause-book/print/"):
        page = client.get(path).content.decode()
        assert 'rel="icon" href="/static/img/favicon.svg"' in page, path
    assert finders.find("img/favicon.svg")
