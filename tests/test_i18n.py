"""NFR-1: every page and email in English and Traditional Chinese."""

import ast
import datetime
import gettext
import re
from pathlib import Path

import pytest
import time_machine
from django import forms
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation

from core.forms import BrowserDateInput
from notifications.services import email_render
from permissions.roles import Role
from registration import services
from registration.models import Counter
from tests.factories import StaffFactory, submit_application

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "zh_Hant" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

CJK = re.compile(r"[\u3400-\u9fff]")
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)

PUBLIC_PAGES = ["/", "/apply/", "/account/login/", "/account/activate/", "/account/reset-password/"]


@pytest.fixture(autouse=True)
def _reset_language():
    """LocaleMiddleware leaves the last request's language active in this thread; put it back
    so that later tests (and reverse()) see the default language."""
    yield
    translation.deactivate()


# --- the catalogue ---------------------------------------------------------------------------


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: {"flags", "msgid", "msgid_plural", "msgstr": {index: str}}.
    Index None is a singular msgstr; 0, 1, ... are plural forms. Obsolete (#~) entries are
    skipped."""
    entries, entry, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry is not None:
                entries.append(entry)
            entry, field = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = {"flags": set(), "msgid": "", "msgid_plural": None, "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += value
            else:
                entry[field[0]] += value
        else:
            keyword, _, rest = line.partition(" ")
            value = ast.literal_eval(rest)
            match = re.fullmatch(r"msgstr(?:\[(\d+)\])?", keyword)
            if match:
                index = int(match.group(1)) if match.group(1) is not None else None
                field = ("msgstr", index)
                entry["msgstr"][index] = value
            elif keyword in ("msgid", "msgid_plural", "msgctxt"):
                field = (keyword, None)
                entry[keyword] = value
    return entries


def test_nfr_1_catalogue_has_no_untranslated_or_fuzzy_entries():
    header, *entries = read_po(PO_FILE)
    assert header["msgid"] == ""
    assert "Plural-Forms: nplurals=1; plural=0;" in header["msgstr"][None]
    assert "fuzzy" not in header["flags"]
    assert len(entries) > 100
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert fuzzy == []
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    assert untranslated == []
    plurals = [e for e in entries if e["msgid_plural"] is not None]
    assert plurals, "the catalogue should have plural entries"
    assert all(set(e["msgstr"]) == {0} for e in plurals)


def test_nfr_1_catalogue_keeps_every_placeholder():
    _header, *entries = read_po(PO_FILE)
    placeholder = re.compile(r"%\(\w+\)[sd]")
    for entry in entries:
        expected = sorted(placeholder.findall(entry["msgid"]))
        for msgstr in entry["msgstr"].values():
            assert sorted(placeholder.findall(msgstr)) == expected, entry["msgid"]


def test_nfr_1_compiled_catalogue_matches_the_po_file():
    with MO_FILE.open("rb") as fh:
        catalog = dict(gettext.GNUTranslations(fh)._catalog)
    catalog.pop("", None)
    expected = {}
    _header, *entries = read_po(PO_FILE)
    for entry in entries:
        key = (
            entry["msgid"] if "msgctxt" not in entry else f"{entry['msgctxt']}\x04{entry['msgid']}"
        )
        if entry["msgid_plural"] is None:
            expected[key] = entry["msgstr"][None]
        else:
            for index, msgstr in entry["msgstr"].items():
                expected[(key, index)] = msgstr
    assert catalog == expected, "run compilemessages: django.mo is older than django.po"


_GETTEXT = {
    "_": 0,
    "gettext": 0,
    "gettext_lazy": 0,
    "ngettext": 0,
    "ngettext_lazy": 0,
    "pgettext": 1,
    "pgettext_lazy": 1,
    "npgettext": 1,
    "npgettext_lazy": 1,
}
_TRANSLATE_TAG = re.compile(
    r'\{%\s*(?:translate|trans)\s+"((?:[^"\\]|\\.)*)"((?:\s+\w+(?:\s+"[^"]*")?)*)\s*%\}'
)
_NOT_CODE = {".git", ".venv", "docs", "locale", "static", "tests", "var", "node_modules"}


def _words_of_the_code():
    """(context, msgid, where) of each literal the code and templates hand to gettext: the
    gettext calls of the apps' Python files (migrations aside) and the `{% translate %}` tags
    of their templates."""
    base = Path(settings.BASE_DIR)
    folders = [p for p in base.iterdir() if p.is_dir() and p.name not in _NOT_CODE]
    for folder in folders:
        for path in folder.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                at = _GETTEXT.get(node.func.id)
                if at is None or len(node.args) <= at:
                    continue
                words = node.args[at]
                if isinstance(words, ast.Constant) and isinstance(words.value, str):
                    context = node.args[0].value if at == 1 else None
                    yield context, words.value, f"{path.relative_to(base)}:{node.lineno}"
        for path in [*folder.rglob("*.html"), *folder.rglob("*.txt")]:
            text = path.read_text(encoding="utf-8")
            for tag in _TRANSLATE_TAG.finditer(text):
                context = re.search(r'context\s+"([^"]*)"', tag.group(2))
                line = text.count("\n", 0, tag.start()) + 1
                yield (
                    context.group(1) if context else None,
                    tag.group(1).replace('\\"', '"'),
                    f"{path.relative_to(base)}:{line}",
                )


def test_nfr_1_every_word_the_code_translates_is_in_the_catalogue():
    """A string the catalogue lacks shows in English on a Chinese page: "Yes, accept" on the
    registry's confirmation of a filing, "How" on an application's identity record."""
    _header, *entries = read_po(PO_FILE)
    known = {(e.get("msgctxt"), e["msgid"]) for e in entries}
    missing = [
        f"{where}: {words!r}" + (f" (context {context!r})" if context else "")
        for context, words, where in _words_of_the_code()
        if (context, words) not in known
    ]
    assert missing == []


# --- pages -----------------------------------------------------------------------------------


def h1_text(response) -> str:
    match = H1.search(response.content.decode())
    assert match, "page has no h1"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_nfr_1_public_page_in_chinese_and_english(client, path):
    chinese = client.get("/zh-hant" + path)
    assert chinese.status_code == 200
    assert '<html lang="zh-Hant-HK">' in chinese.content.decode()
    assert CJK.search(h1_text(chinese)), h1_text(chinese)

    english = client.get(path)
    assert english.status_code == 200
    assert '<html lang="en-HK">' in english.content.decode()
    assert h1_text(english) and not CJK.search(h1_text(english)), h1_text(english)


@pytest.mark.django_db
def test_nfr_1_chinese_page_has_chinese_navigation_and_footer(client):
    page = client.get("/zh-hant/apply/").content.decode()
    for text in [
        "申請個人用戶帳戶",
        "電子法院",
        "綜合法院案件管理系統",
        "協助中心",
        "登記費用全免",
    ]:
        assert text in page
    for text in ["Apply for an Individual User account", "Help Centre", "Registration is free"]:
        assert text not in page


@pytest.mark.django_db
def test_nfr_1_form_errors_in_chinese(client):
    response = client.post(
        "/zh-hant/apply/", {"cases-TOTAL_FORMS": "0", "cases-INITIAL_FORMS": "0"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "出現問題" in page
    assert "There is a problem" not in page


@pytest.mark.django_db
def test_nfr_1_language_switch_leads_to_the_chinese_page(client):
    response = client.post(
        "/i18n/setlang/", {"language": "zh-hant", "next": "/apply/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/zh-hant/apply/"
    assert response.status_code == 200
    assert '<html lang="zh-Hant-HK">' in response.content.decode()
    assert h1_text(response) == "申請個人用戶帳戶"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "came_from, english",
    [
        ("/zh-hant/", "/"),
        (
            "/zh-hant/cause-book/?party_name=chan&date=2026-11-27",
            "/cause-book/?party_name=chan&date=2026-11-27",
        ),
        ("/zh-hant/documents/check/FK2ND8BQWP1DF1Q0/", "/documents/check/FK2ND8BQWP1DF1Q0/"),
    ],
)
def test_nfr_1_language_switch_from_a_chinese_page_leads_to_the_english_page(
    client, came_from, english
):
    response = client.post("/i18n/setlang/", {"language": "en", "next": came_from})
    assert response.status_code == 302
    assert response["Location"] == english
    assert client.cookies["django_language"].value == "en"
    page = client.get(english, follow=True)
    assert '<html lang="en-HK">' in page.content.decode()


@pytest.mark.django_db
def test_nfr_1_language_switch_on_a_page_answering_a_form_leads_to_the_page_of_the_form(client):
    """A confirmation page is the answer to a POST: its address cannot be opened again."""
    came_from = "http://testserver/account/login/?next=/cases/"
    answer = client.post(
        "/account/login/",
        {"login_name": "nobody", "password": "wrong"},
        HTTP_REFERER=came_from,
    )
    assert f'name="next" type="hidden" value="{came_from}"' in answer.content.decode()
    switched = client.post("/i18n/setlang/", {"language": "zh-hant", "next": came_from})
    assert switched["Location"] == "http://testserver/zh-hant/account/login/?next=/cases/"


@pytest.mark.django_db
def test_nfr_1_a_printed_address_opens_in_the_language_the_reader_chose(client):
    """The QR code on an issued document prints the address without a language."""
    client.post("/i18n/setlang/", {"language": "zh-hant", "next": "/"})
    response = client.get("/documents/check/FK2ND8BQWP1DF1Q0/?from=qr")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hant/documents/check/FK2ND8BQWP1DF1Q0/?from=qr"
    client.post("/i18n/setlang/", {"language": "en", "next": "/zh-hant/"})
    assert client.get("/documents/check/FK2ND8BQWP1DF1Q0/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("accept_language", ["zh-HK,zh;q=0.9,en;q=0.8", "zh-TW", "en-GB", ""])
def test_nfr_1_an_address_without_a_language_stays_english_for_a_new_reader(
    client, accept_language
):
    """Only the reader's own choice on the portal moves it, not the browser's language."""
    response = client.get("/cause-book/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200
    assert '<html lang="en-HK">' in response.content.decode()


@pytest.mark.django_db
def test_nfr_1_only_pages_are_sent_to_their_chinese_address(client):
    """A form posted, the API, the health check and an unknown address keep their answer."""
    client.post("/i18n/setlang/", {"language": "zh-hant", "next": "/"})
    assert client.post("/documents/check/FK2ND8BQWP1DF1Q0/").status_code != 302
    assert client.get("/api/v1/schema/").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/no-such-page/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, heading",
    [
        ("/zh-hant/backoffice/", "工作隊列"),
        ("/zh-hant/backoffice/vetting/", "審核隊列"),
    ],
)
def test_nfr_1_back_office_in_chinese(client, path, heading):
    client.force_login(StaffFactory(role=Role.VETTING))
    response = client.get(path)
    assert response.status_code == 200
    assert h1_text(response) == heading
    page = response.content.decode()
    assert "Work queues" not in page and "Vetting queue" not in page


@pytest.mark.django_db
def test_nfr_1_back_office_dashboard_counts_in_chinese(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit_application()
    client.force_login(StaffFactory(role=Role.VETTING))
    page = client.get("/zh-hant/backoffice/").content.decode()
    assert '<span class="count">1</span>宗申請待審核' in page


# --- emails ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_nfr_1_application_email_in_chosen_language_chinese(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_application(
            particulars={"language": "zh-hant", "email": "zh@example.com"}
        )
    [message] = [m for m in mail.outbox if m.to == ["zh@example.com"]]
    assert message.subject == f"已收到綜合法院案件管理系統申請{application.reference}"
    assert message.body.startswith("Chan Tai Man：")
    assert "個人用戶帳戶" in message.body
    assert "司法機構政務處" in message.body
    assert "Dear" not in message.body and "Judiciary Administration" not in message.body


@pytest.mark.django_db
def test_nfr_1_application_email_in_chosen_language_english(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_application(particulars={"language": "en", "email": "en@example.com"})
    [message] = [m for m in mail.outbox if m.to == ["en@example.com"]]
    assert message.subject == f"iCMS application {application.reference} received"
    assert message.body.startswith("Dear Chan Tai Man,")
    assert not CJK.search(message.subject + message.body)


EMAIL_CONTEXT = {
    "name": "Chan Tai Man",
    "reference": "IU2025000001",
    "status_url": "http://testserver/apply/status/x/",
    "due_date": timezone.localdate(),
    "authentication_due": timezone.localdate(),
    "counters": Counter.choices,
    "reasons": "Proof of involvement missing.",
    "message": "Please upload the writ.",
    "login_name": "iu12345678",
    "activation_code": "ABCD-EFGH",
    "change_token": "WXYZ-1234",
    "expires_at": timezone.now(),
    "activation_url": "http://testserver/account/activate/",
    "reset_url": "http://testserver/account/reset-password/",
}
EMAIL_TEMPLATES = sorted(
    p.name.removesuffix(".subject.txt")
    for p in (Path(settings.BASE_DIR) / "notifications" / "templates" / "emails").glob(
        "*.subject.txt"
    )
)


@pytest.mark.parametrize("template", EMAIL_TEMPLATES)
def test_nfr_1_every_email_in_chinese(template):
    subject, body = email_render(template=template, context=EMAIL_CONTEXT, language="zh-hant")
    assert CJK.search(subject), subject
    assert body.startswith("Chan Tai Man：")
    assert "此乃系統自動發出的訊息，請勿回覆。" in body
    en_subject, en_body = email_render(template=template, context=EMAIL_CONTEXT, language="en")
    assert en_body.startswith("Dear Chan Tai Man,")
    assert not CJK.search(en_subject + en_body)


def test_nfr_1_change_token_email_names_the_english_term_once():
    subject, body = email_render(template="change_token", context=EMAIL_CONTEXT, language="zh-hant")
    assert "更改密碼編碼（Change Token）" in body
    assert body.count("Change Token") == 1
    assert "「重設密碼」" in body


def test_nfr_1_identity_authentication_email_lists_chinese_court_addresses():
    _subject, body = email_render(
        template="authenticate_identity", context=EMAIL_CONTEXT, language="zh-hant"
    )
    for office in [
        "灣仔政府大樓5樓",
        "東區裁判法院",
        "九龍城裁判法院",
        "觀塘裁判法院",
        "西九龍裁判法院",
        "粉嶺裁判法院",
        "沙田裁判法院",
        "屯門裁判法院",
    ]:
        assert office in body
    assert "Magistrates" not in body


# --- one date format per language ------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "submitted", "due", "asked"),
    [
        ("", "20 Nov 2026, 10:00", "25 Nov 2026", "23 Nov 2026, 09:30"),
        ("/zh-hant", "2026年11月20日 10:00", "2026年11月25日", "2026年11月23日 09:30"),
    ],
)
def test_nfr_1_staff_pages_use_one_date_format_per_language(client, prefix, submitted, due, asked):
    hk = timezone.get_default_timezone()
    vetting = StaffFactory(role=Role.VETTING)
    with time_machine.travel(timezone.datetime(2026, 11, 20, 10, 0, tzinfo=hk)):
        queued = submit_application()
        waiting = submit_application()
    with time_machine.travel(timezone.datetime(2026, 11, 23, 9, 30, tzinfo=hk)):
        services.application_request_information(
            actor=vetting, application_id=waiting.pk, message="Which court?"
        )
    client.force_login(vetting)
    queue = client.get(prefix + "/backoffice/vetting/").content.decode()
    assert f"<td>{submitted}</td>" in queue  # received (online: date and time)
    assert f"<td>{due}" in queue
    assert f"<td>{asked}</td>" in queue  # information asked for
    detail = client.get(f"{prefix}/backoffice/applications/{waiting.pk}/").content.decode()
    assert f"<strong>{asked}</strong>" in detail  # the request for information
    assert f"<td>{asked}</td>" in detail  # the history
    for short in ("20/11/2026", "23/11/2026", "2026/11/20", "2026/11/23"):
        assert short not in queue + detail
    assert queued.reference in queue


@pytest.mark.parametrize(
    ("template", "language", "expected"),
    [
        ("activation", "en", "expires on 1 Dec 2026, 14:30 HKT."),
        ("activation", "zh-hant", "並於香港時間2026年12月1日 14:30失效。"),
        ("change_token", "en", "expires on 1 Dec 2026, 14:30 HKT."),
        ("change_token", "zh-hant", "並於香港時間2026年12月1日 14:30失效。"),
    ],
)
def test_nfr_1_email_times_say_they_are_hong_kong_time(template, language, expected):
    # 06:30 UTC is 14:30 in Hong Kong.
    context = {
        **EMAIL_CONTEXT,
        "expires_at": timezone.datetime(2026, 12, 1, 6, 30, tzinfo=timezone.UTC),
    }
    _subject, body = email_render(template=template, context=context, language=language)
    assert expected in body


# --- Chinese slips ---------------------------------------------------------------------------

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULL_WIDTH_PUNCTUATION = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
SLIPS = {
    "a space between two Chinese characters": re.compile(rf"[{HAN}]\s+[{HAN}]"),
    "a space after full-width punctuation": re.compile(rf"[{FULL_WIDTH_PUNCTUATION}] "),
    "a space before full-width punctuation": re.compile(rf" [{FULL_WIDTH_PUNCTUATION}]"),
    "half-width punctuation between Chinese characters": re.compile(rf"[{HAN}][,:;()?!][{HAN}]"),
    # docs/decisions.md, "Chinese text conventions": no space between Chinese and Latin or digits
    "a space between Chinese and Latin, digits or a placeholder": re.compile(
        rf"[{HAN}] +[A-Za-z0-9%]|[A-Za-z0-9)] +[{HAN}]"
    ),
}
# One Chinese term for one thing: the term used, and the ones it replaced.
ONE_TERM = {
    "審核隊列": ["輪候名單"],  # vetting queue
    "次要管理員": ["輔助管理員"],  # Secondary Administrator
    "身分": ["身份"],  # identity, identification document
    "分部": ["分行"],  # branch of an organization
    "網絡位址": ["網絡地址"],  # the address requests come from
    "登記用戶": ["註冊用戶"],  # registered user
    "本系統": ["入門網站"],  # the portal
    "已被拒絕": ["已遭拒絕"],  # regarded as rejected
    "帳戶已開立": ["帳戶已發出"],  # account issued
    "更改密碼編碼": ["更改密碼權杖", "更改權杖"],  # Change Token
    # one register with the applicant and the holder: a plain greeting and 你
    "你": ["閣下", "您", "台鑒"],
    # organization accounts (docs/decisions.md, "Chinese text conventions")
    "機構編碼": ["機構代碼", "組織編碼", "機構號碼", "機構碼"],  # Organization Code
    "主要管理員": ["首要管理員", "主管理員"],  # Primary Administrator
    "機構用戶": ["組織用戶", "機構使用者"],  # Organization User
    "預設機構用戶": ["默認機構用戶", "缺省機構用戶", "預設用戶"],  # default OU
    "分部編碼": ["分部代碼", "分行編碼"],  # branch code
    "附屬帳戶": ["子帳戶", "次級帳戶"],  # sub-account (SA or OU)
    "法定機構": ["法定組織"],  # statutory body
    "開立帳戶": ["建立帳戶", "建立次要管理員帳戶", "建立機構用戶帳戶"],  # open an account
    "重新啟用": ["重新啟動"],  # re-activate a suspended account (啟動: activate with the code)
    "有效的主要管理員帳戶": ["已啟動的主要管理員"],  # an active PA (status 有效)
    "申請更改機構設定": ["要求更改機構設定"],  # the PA's configuration-change request
    "選填": ["可選填"],  # (optional)
    # court staff's second factor
    "第二重認證": ["雙重認證", "第二因素", "兩步驗證"],
    "認證應用程式": ["驗證應用程式", "驗證器"],
}


def chinese_strings():
    _header, *entries = read_po(PO_FILE)
    for entry in entries:
        for msgstr in entry["msgstr"].values():
            yield entry["msgid"], msgstr


@pytest.mark.parametrize("slip", sorted(SLIPS))
def test_nfr_1_catalogue_has_no_chinese_spacing_or_punctuation_slips(slip):
    found = [(msgid, s) for msgid, s in chinese_strings() if SLIPS[slip].search(s)]
    assert found == []


@pytest.mark.parametrize("term", sorted(ONE_TERM))
def test_nfr_1_catalogue_uses_one_term_for_one_thing(term):
    catalogue = [s for _msgid, s in chinese_strings()]
    assert any(term in s for s in catalogue), term
    for other in ONE_TERM[term]:
        assert [s for s in catalogue if other in s] == [], other


def test_nfr_1_chinese_name_is_joined_without_a_space():
    from core.names import person_name

    assert person_name("陳 大文") == "陳大文"
    assert person_name("Chan Tai Man") == "Chan Tai Man"
    assert person_name("陳 Tai Man") == "陳 Tai Man"


@pytest.mark.parametrize("template", EMAIL_TEMPLATES)
def test_nfr_1_chinese_email_greets_the_chinese_name_in_one_register(template):
    context = {**EMAIL_CONTEXT, "name": "陳 大文"}
    _subject, body = email_render(template=template, context=context, language="zh-hant")
    assert body.startswith("陳大文：")
    assert "陳 大文" not in body
    assert "台鑒" not in body and "閣下" not in body and "您" not in body
    _subject, en_body = email_render(
        template=template, context={**EMAIL_CONTEXT, "name": "Chan Tai Man"}, language="en"
    )
    assert en_body.startswith("Dear Chan Tai Man,")


@pytest.mark.django_db
def test_nfr_1_chinese_email_to_a_chinese_applicant(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit_application(
            particulars={
                "language": "zh-hant",
                "email": "chan@example.com",
                "surname": "陳",
                "given_name": "大文",
            }
        )
    [message] = [m for m in mail.outbox if m.to == ["chan@example.com"]]
    assert message.body.startswith("陳大文：")
    assert "你" in message.body
    assert "台鑒" not in message.body and "閣下" not in message.body


@pytest.mark.django_db
def test_nfr_1_history_names_the_applicant_in_chinese(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_application()
    client.force_login(StaffFactory(role=Role.VETTING))
    page = client.get(f"/zh-hant/backoffice/applications/{application.pk}/").content.decode()
    history = page[
        page.index('id="history-caption"') : page.index("</table>", page.index("history"))
    ]
    assert "<td>申請人</td>" in history
    assert "applicant" not in history.lower()


def test_nfr_1_chinese_name_is_joined_on_account_pages(client, db):
    """A Chinese name reads "陳美玲" on the pages that show an account, as in the greetings."""
    from tests.factories import OrganizationAccountFactory

    pa = OrganizationAccountFactory(role=Role.PA, surname="陳", given_name="美玲")
    ou = OrganizationAccountFactory(
        organization=pa.organization, surname="李", given_name="小明", role=Role.OU
    )
    client.force_login(pa)
    home = client.get("/zh-hant/account/").content.decode()
    assert "陳美玲" in home and "陳 美玲" not in home
    listing = client.get("/zh-hant/organization/accounts/").content.decode()
    assert "李小明" in listing and "李 小明" not in listing
    detail = client.get(f"/zh-hant/organization/accounts/{ou.pk}/").content.decode()
    assert "李小明" in detail and "李 小明" not in detail


# Two values joined by a colon, a comma or a bracket written in the template ("{{ type }}:
# {{ name }}", "{{ role }}, {{ status }}") print the English punctuation on the Chinese page too
# ("個人用戶, 有效"); core.wording words them instead.
JOINED_IN_TEMPLATE = re.compile(r"(\}\}|%\})(: | \(|, )\{[{%]")


def test_nfr_1_templates_leave_the_colon_or_comma_between_two_values_to_the_language():
    found = []
    root = Path(settings.BASE_DIR)
    for template in [*root.glob("templates/**/*.html"), *root.glob("*/templates/**/*.html")]:
        for number, line in enumerate(template.read_text().splitlines(), 1):
            if "blocktranslate" not in line and JOINED_IN_TEMPLATE.search(line):
                found.append(f"{template.relative_to(root)}:{number}")
    assert found == []


def test_nfr_1_phrases_built_from_parts_take_the_languages_punctuation():
    from core import wording

    with translation.override("en"):
        assert wording.labelled(wording.numbered("Defendant", 2), "WONG") == "Defendant (2): WONG"
        assert wording.listed("Personal Injuries Action", "", "District Court") == (
            "Personal Injuries Action, District Court"
        )
    with translation.override("zh-hant"):
        assert wording.labelled(wording.numbered("被告人", 2), "WONG") == "被告人（2）：WONG"
        assert wording.bracketed("LEE Ka Yan", "被告人") == "LEE Ka Yan（被告人）"
        assert wording.listed("人身傷害訴訟", None, "區域法院") == "人身傷害訴訟，區域法院"
        # the first party of its type, or no note at all: no brackets
        assert wording.numbered("被告人", 1) == "被告人"
        assert wording.bracketed("CENTRAL", "") == "CENTRAL"


def test_nfr_1_phrases_escape_what_a_party_typed():
    """The wording filters mark nothing safe: a name with markup is printed as text."""
    from django.template import Context, Template

    page = Template(
        "{% load wording %}{{ kind|numbered:2|labelled:name }} {{ name|bracketed:kind }} "
        "{{ name|in_brackets }}"
    ).render(Context({"kind": "Defendant", "name": "<script>x</script> & Co"}))
    assert "<script>" not in page
    assert page == (
        "Defendant (2): &lt;script&gt;x&lt;/script&gt; &amp; Co "
        "&lt;script&gt;x&lt;/script&gt; &amp; Co (Defendant) "
        "(&lt;script&gt;x&lt;/script&gt; &amp; Co)"
    )


def test_nfr_1_notes_and_sentences_are_spaced_as_the_language_spaces_them():
    from django.utils.safestring import SafeString

    from core import wording

    with translation.override("en"):
        assert wording.noted("optional") == " (optional)"
        assert wording.continued("DCPI 1/2025") == ": DCPI 1/2025"
        assert wording.sentences("One.", "", "Two.") == "One. Two."
    with translation.override("zh-hant"):
        assert wording.noted("選填") == "（選填）"
        assert wording.continued(wording.listed("DCPI 1/2025", "陳大文")) == "：DCPI 1/2025，陳大文"
        assert wording.sentences("第一句。", "第二句。") == "第一句。第二句。"
        # Markup the page made stays markup; text typed by someone stays text.
        joined = wording.sentences(SafeString("<strong>A</strong>。"), SafeString("B。"))
        assert joined == "<strong>A</strong>。B。" and isinstance(joined, SafeString)
        assert not isinstance(wording.sentences(SafeString("A。"), "<b>"), SafeString)


@pytest.mark.django_db
def test_nfr_1_an_optional_field_and_two_sentences_read_right_in_chinese(client):
    english = client.get("/cause-book/").content.decode()
    assert re.search(r'[^\s>]<span class="optional"> \(optional\)</span>', english)
    chinese = client.get("/zh-hant/cause-book/").content.decode()
    assert re.search(r'[^\s>]<span class="optional">（選填）</span>', chinese)
    assert ' <span class="optional">（' not in chinese
    application = client.get("/zh-hant/apply/").content.decode()
    assert "。 PDF" not in application and "判決書。PDF、JPEG或PNG格式" in application


def test_nfr_1_every_date_field_writes_its_value_as_the_browser_reads_it():
    """An `<input type="date">` reads only 2026-11-30: a value written in the English date
    format (30/11/2026) shows as an empty field, and is sent back empty."""
    base = Path(settings.BASE_DIR)
    unformatted = []
    for folder in [p for p in base.iterdir() if p.is_dir() and p.name not in _NOT_CODE]:
        for path in folder.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "DateInput"
                ):
                    given = {k.arg: k.value for k in node.keywords}
                    fmt = given.get("format")
                    if not (isinstance(fmt, ast.Constant) and fmt.value == "%Y-%m-%d"):
                        unformatted.append(f"{path.relative_to(base)}:{node.lineno}")
    assert unformatted == []
    # The portal's own date field (core.forms), which every form uses: ISO on every page.
    field = forms.DateField(widget=BrowserDateInput())
    for language in ("en", "zh-hant"):
        with translation.override(language):
            html = field.widget.render("on", datetime.date(2026, 11, 30))
        assert 'type="date"' in html and 'value="2026-11-30"' in html
