"""How application data is shown on staff pages."""

from django import template

from accounts.models import IdentityDocumentType

register = template.Library()


@register.filter
def masked_document_number(number: str, document_type: str = "") -> str:
    """IDA-2: the queue shows only the letters that open a document number and its last two
    characters ("A1234563" -> "A*****6(3)"), so that the counter officer reads the number from
    the card presented, not from the screen. Search still takes the whole number."""
    letters = len(number) - len(number.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    hidden = len(number) - letters - 2
    if hidden < 2:  # too short to show anything of it safely
        return "*" * len(number)
    masked = number[:letters] + "*" * hidden + number[-2:]
    if document_type == IdentityDocumentType.HKID:
        masked = f"{masked[:-1]}({masked[-1]})"  # the check digit, as printed on the card
    return masked
