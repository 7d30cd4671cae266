"""ACT-2 and ACT-3: how activation compares what the holder types with the records [A32]."""

import pytest

from accounts.matching import names_match, phones_match


@pytest.mark.parametrize(
    ("entered", "recorded", "match"),
    [
        ("  Chan ", "CHAN", True),  # the catalogue's example
        ("chan", "Chan", True),
        ("CHAN", "chan", True),
        ("\tChan\u3000", "Chan", True),  # any space around, full-width included
        ("Tai Man", "Tai Man", True),
        ("tai man", "TAI MAN", True),
        ("Tai Man", "TaiMan", False),  # the catalogue's example: inner spaces count
        ("TaiMan", "Tai Man", False),
        ("Tai  Man", "Tai Man", False),  # two inner spaces are not one
        ("Chan-Wong", "Chan Wong", False),
        ("Cheung", "Chan", False),
        ("", "Chan", False),
    ],
)
def test_act_2_name_matching(entered, recorded, match):
    assert names_match(entered, recorded) is match


@pytest.mark.parametrize(
    ("entered", "recorded", "match"),
    [
        ("(852) 2477-1002", "852 24771002", True),  # the catalogue's example
        ("85224771002", "(852) 2477-1002", True),
        ("2477 1002", "24771002", True),
        ("2477-1002", "(2477)1002", True),
        ("+852 2477 1002", "852 2477 1002", False),  # "+" is not ignored
        ("852.2477.1002", "85224771002", False),  # "." is not ignored
        ("2477 1003", "2477 1002", False),
        ("24771002 ext 1", "24771002", False),
        ("", "24771002", False),
    ],
)
def test_act_3_phone_matching(entered, recorded, match):
    assert phones_match(entered, recorded) is match
