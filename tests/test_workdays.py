"""REG-8 due dates: 3 working days after submission, skipping weekends and HK general holidays."""

from datetime import date

import holidays
import pytest

from core.workdays import add_working_days, is_working_day


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        (date(2026, 11, 23), date(2026, 11, 26)),  # Monday -> Thursday
        (date(2026, 11, 26), date(2026, 12, 1)),  # Thursday -> over the weekend -> Tuesday
        (date(2026, 11, 28), date(2026, 12, 2)),  # Saturday: counting starts on Monday
        # Good Friday 3 Apr, the day following (Sat), Ching Ming (Sun) with the day following
        # on Mon 6 Apr, the day following Easter Monday on Tue 7 Apr: due Fri 10 Apr.
        (date(2026, 4, 2), date(2026, 4, 10)),
        (date(2026, 12, 24), date(2026, 12, 30)),  # Christmas Day Fri, the day after Sat
        (date(2026, 9, 30), date(2026, 10, 6)),  # Wed; National Day Thu 1 Oct
    ],
)
def test_reg_8_due_date_three_working_days(submitted, due):
    assert add_working_days(submitted, 3) == due


@pytest.mark.parametrize("day", [date(2026, 4, 3), date(2025, 4, 18), date(2025, 4, 21)])
def test_reg_8_general_holidays_that_are_not_statutory_are_not_working_days(day):
    # Good Friday 2026 and 2025, Easter Monday 2025: general holidays on a weekday that the
    # holidays library's PUBLIC (statutory) category leaves out. The courts close on them.
    assert day.weekday() < 5
    assert day not in holidays.HongKong(years=day.year)
    assert not is_working_day(day)


def test_reg_8_ordinary_weekday_is_a_working_day():
    assert is_working_day(date(2026, 11, 25))
    assert not is_working_day(date(2026, 11, 29))  # Sunday
