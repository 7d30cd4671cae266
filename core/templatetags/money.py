from django import template

from core.money import format_hkd

register = template.Library()


@register.filter
def hkd(amount) -> str:
    """An amount as HK$1,234.50 (core.money)."""
    if amount is None or amount == "":
        return ""
    return format_hkd(amount)
