"""A person's name as a greeting or a page shows it: `{% load names %}{{ name|person_name }}`
(core.names: a Chinese name without the space between surname and given name)."""

from django import template

from core import names

register = template.Library()


@register.filter
def person_name(value) -> str:
    return names.person_name(value)
