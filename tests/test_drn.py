"""Document Reference Numbers (SVC-5, BEY-3): 16 characters of Crockford's base 32, 15 drawn at
random and a check character (Damm's algorithm over GF(32)) that catches every change of one
character and every swap of two adjacent ones; typed numbers read leniently, look-alike letters
of other scripts refused; unique, drawn again on a collision."""

import itertools
import random
import re

import pytest

from documents import drn as drn_module
from documents.drn import (
    ALPHABET,
    check_character,
    damm_step,
    drn_display,
    drn_new,
    drn_read,
    is_valid,
    normalize_drn,
)

# A DRN made by hand: its check character computed by the algorithm's definition.
BODY = "7K3MQ9TZ4HNP2WX"


def sample(n=300, seed=14):
    rng = random.Random(seed)
    bodies = ["".join(rng.choice(ALPHABET) for _ in range(15)) for _ in range(n)]
    return [body + check_character(body) for body in bodies]


def test_svc_5_a_drn_is_16_characters_of_crockford_base32():
    assert ALPHABET == "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    for _ in range(200):
        drn = drn_new()
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{16}", drn)
        assert is_valid(drn)


def test_svc_5_printed_in_four_groups_of_four():
    drn = BODY + check_character(BODY)
    assert drn_display(drn) == f"7K3M-Q9TZ-4HNP-2WX{drn[-1]}"


def test_svc_5_the_quasigroup_is_totally_anti_symmetric():
    """Damm's condition, checked over all of GF(32): (c*x)*y = (c*y)*x only when x = y, and
    each row and column is a permutation (so one changed character always changes the end)."""
    for c, x, y in itertools.product(range(32), repeat=3):
        if x != y:
            assert damm_step(damm_step(c, x), y) != damm_step(damm_step(c, y), x)
    for c in range(32):
        assert sorted(damm_step(c, x) for x in range(32)) == list(range(32))
        assert sorted(damm_step(x, c) for x in range(32)) == list(range(32))


def test_svc_5_the_check_catches_every_single_substitution():
    for drn in sample(150):
        for position in range(16):
            for symbol in ALPHABET:
                if symbol != drn[position]:
                    changed = drn[:position] + symbol + drn[position + 1 :]
                    assert not is_valid(changed), (drn, changed)


def test_svc_5_the_check_catches_every_adjacent_transposition():
    for drn in sample(300):
        for position in range(15):
            a, b = drn[position], drn[position + 1]
            if a != b:
                swapped = drn[:position] + b + a + drn[position + 2 :]
                assert not is_valid(swapped), (drn, swapped)


def test_svc_5_typed_numbers_are_read_leniently():
    drn = BODY + check_character(BODY)
    shown = drn_display(drn)
    assert normalize_drn(drn) == drn
    assert normalize_drn(shown) == drn
    assert normalize_drn(shown.lower()) == drn
    assert normalize_drn(" 7K3M Q9TZ  4HNP 2WX" + drn[-1] + " ") == drn
    assert normalize_drn("DRN: " + shown) == drn
    assert normalize_drn("drn " + shown.lower()) == drn
    # Dashes of any kind, and full-width characters (NFKC).
    assert normalize_drn(shown.replace("-", "\u2013")) == drn
    full_width = "".join(chr(ord(c) + 0xFEE0) if c != "-" else "\u30fc" for c in shown)
    assert normalize_drn(full_width.replace("\u30fc", "-")) == drn


def test_svc_5_o_i_and_l_are_read_as_the_digits_they_look_like():
    body = "10Q0Q9TZ4HNP2WX"
    drn = body + check_character(body)
    assert normalize_drn(drn.replace("1", "I", 1).replace("0", "O", 1)) == drn
    assert normalize_drn(drn.replace("1", "l", 1)) == drn


@pytest.mark.parametrize(
    "look_alike",
    [
        "\u041a",  # Cyrillic capital KA, like K
        "\u039a",  # Greek capital KAPPA
        "\u0131",  # dotless i, which upper-cases to an ASCII I
        "\u217b",  # small Roman numeral twelve: NFKC makes it "xii", too long a number
    ],
    ids=["cyrillic K", "greek K", "dotless i", "roman numeral"],
)
def test_svc_5_look_alike_letters_are_refused_not_folded(look_alike):
    drn = BODY + check_character(BODY)
    typed = drn.replace("K", look_alike, 1)
    reading = drn_read(typed)
    assert reading.drn is None
    assert reading.problem in {"characters", "length"}


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "length"),
        ("7K3M-Q9TZ", "length"),
        ("7K3M-Q9TZ-4HNP-2WXC-1", "length"),
        ("7K3M-Q9TZ-4HNP-2WU0", "characters"),
        ("7K3M/Q9TZ/4HNP/2WX0", "characters"),
        ("x" * 101, "length"),
    ],
    ids=["empty", "short", "long", "letter U", "slashes", "over 100 characters"],
)
def test_svc_5_what_is_not_a_drn_says_why(typed, problem):
    assert drn_read(typed).problem == problem


def test_svc_5_a_typing_mistake_is_caught_by_the_check_character():
    drn = BODY + check_character(BODY)
    wrong = drn[:3] + ("A" if drn[3] != "A" else "B") + drn[4:]
    assert drn_read(wrong).problem == "check"


def test_svc_5_drns_are_random_not_sequential():
    drawn = [drn_new() for _ in range(2000)]
    assert len(set(drawn)) == 2000
    # Every character of the alphabet turns up in the first position of 2,000 draws.
    assert {drn[0] for drn in drawn} == set(ALPHABET)


def test_svc_5_drns_come_from_secrets():
    """The draw is the operating system's random source, not a seeded generator."""
    assert drn_module.secrets.choice.__self__.__class__.__name__ == "SystemRandom"


@pytest.mark.django_db
def test_svc_5_the_example_the_check_page_gives_is_a_valid_drn(client):
    """The hint and the format error show an example: one a reader may type and see checked
    (it was one character off)."""
    for prefix in ("", "/zh-hant"):
        page = client.get(f"{prefix}/documents/check/").content.decode()
        examples = set(re.findall(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", page))
        assert examples == {"7K3M-Q9TZ-4HNP-2WX2"}, examples
        assert all(is_valid(example.replace("-", "")) for example in examples)
