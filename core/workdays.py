"""Working days of the Judiciary: Monday to Friday, except Hong Kong general holidays.

The `holidays` library splits Hong Kong's holidays into two categories: PUBLIC holds only the
statutory holidays, OPTIONAL holds the general holidays (adds Good Friday, the day following
Good Friday, ...). The courts close on general holidays, so both categories are used.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone


@lru_cache(maxsize=64)
def _hk_holidays(year: int) -> holidays.HolidayBase:
    return holidays.HongKong(
        years=year, categories=(holidays.OPTIONAL, holidays.PUBLIC), language="en_HK"
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _hk_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def local_today() -> date:
    """Today's date in Hong Kong, where every court deadline is counted."""
    return timezone.localdate()
