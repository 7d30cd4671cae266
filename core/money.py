"""Money, exactly: Hong Kong dollars as `Decimal`, two places, never a float (SVC-4).

`money()` makes an amount from what the portal holds or a program sends (a Decimal, an int or
a string); `parse_hkd()` reads what a person typed ("1,234.5", "HK$1,234.50", "港幣1,234.50元");
`format_hkd()` writes it as the receipt and the statement show it ("HK$1,234.50", in both
languages, as Hong Kong's courts print their fees). A float is refused outright: 0.1 + 0.2 in
binary floating point is not 0.3, and a fee must add up to the cent."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CURRENCY = "HKD"
CENT = Decimal("0.01")
# DecimalField(max_digits=12, decimal_places=2): up to HK$9,999,999,999.99.
MAX_DIGITS = 12
DECIMAL_PLACES = 2
MAX_AMOUNT = Decimal("9999999999.99")
ZERO = Decimal("0.00")

_TYPED = re.compile(
    r"^\s*(?P<sign>-)?\s*(?:HK\$|HKD|\$|港幣|港元)?\s*(?P<number>[\d,]*\.?\d*)\s*元?\s*$"
)


class NotMoney(ValueError):
    """Not an amount of money the portal accepts."""


def money(value) -> Decimal:
    """`value` as an exact amount in HKD, two decimal places. More than two places are
    refused (a fee is never a fraction of a cent); a float is refused."""
    if isinstance(value, float | bool):
        raise NotMoney("Money is never a float; pass a Decimal, an int or a string.")
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise NotMoney(f"Not an amount: {value!r}") from exc
    if not amount.is_finite():
        raise NotMoney(f"Not an amount: {value!r}")
    quantized = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    if quantized != amount:
        raise NotMoney(f"More than two decimal places: {value!r}")
    if abs(quantized) > MAX_AMOUNT:
        raise NotMoney(f"Too large: {value!r}")
    return quantized


def parse_hkd(text: str) -> Decimal:
    """An amount as a person types it: digits with optional thousands separators and cents,
    with or without "HK$", "$", "HKD", "港幣" or "元"."""
    match = _TYPED.match(text or "")
    if not match or not re.search(r"\d", match["number"]):
        raise NotMoney(f"Not an amount: {text!r}")
    number = match["number"]
    if "," in number and not re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d*)?", number):
        raise NotMoney(f"Misplaced thousands separator: {text!r}")
    return money(("-" if match["sign"] else "") + number.replace(",", ""))


def format_hkd(amount) -> str:
    """HK$1,234.50; a negative amount -HK$1,234.50."""
    value = money(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}HK${abs(value):,.2f}"
