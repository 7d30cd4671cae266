"""`{% load wording %}`: `{{ label|labelled:value }}`, `{{ value|bracketed:note }}`,
`{{ note|in_brackets }}`, `{{ party_type|numbered:position }}` and `{{ first|listed:second }}`,
the phrases of core.wording, worded in the page's language."""

from django import template

from core import wording

register = template.Library()

for phrase in (wording.labelled, wording.bracketed, wording.in_brackets, wording.numbered):
    register.filter(phrase.__name__, phrase)


@register.filter
def listed(first, second) -> str:
    return wording.listed(first, second)
