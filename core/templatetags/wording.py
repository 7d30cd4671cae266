"""`{% load wording %}`: `{{ label|labelled:value }}`, `{{ value|bracketed:note }}`,
`{{ note|in_brackets }}`, `{{ note|noted }}`, `{{ value|continued }}`,
`{{ party_type|numbered:position }}` and `{{ first|listed:second }}`,
the phrases of core.wording, worded in the page's language."""

from django import template

from core import wording

register = template.Library()

for phrase in (
    wording.labelled,
    wording.bracketed,
    wording.in_brackets,
    wording.numbered,
    wording.noted,
    wording.continued,
):
    register.filter(phrase.__name__, phrase)


@register.filter
def listed(first, second) -> str:
    return wording.listed(first, second)


@register.filter
def then(first, second) -> str:
    """`{{ first|then:second }}`: two sentences, spaced as the page's language spaces them."""
    return wording.sentences(first, second)
