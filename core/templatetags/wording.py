"""`{% load wording %}`: `{{ label|labelled:value }}`, `{{ value|bracketed:note }}`,
`{{ party_type|numbered:position }}` and `{{ first|listed:second }}`, the phrases of
core.wording, worded in the page's language."""

from django import template

from core import wording

register = template.Library()


@register.filter
def labelled(label, value) -> str:
    return wording.labelled(label, value)


@register.filter
def bracketed(value, note) -> str:
    return wording.bracketed(value, note)


@register.filter
def numbered(label, position) -> str:
    return wording.numbered(label, position)


@register.filter
def listed(first, second) -> str:
    return wording.listed(first, second)
