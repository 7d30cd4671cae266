"""The Message Box on other apps' pages: the holder's unread count, for a link to it."""

from django import template

from messaging.selectors import unread_count
from permissions.roles import Capability, can

register = template.Library()


@register.simple_tag
def message_box_unread(user) -> int | None:
    """How many of `user`'s messages are unread; None for an account without a Message Box."""
    if not can(user, Capability.USE_MESSAGE_BOX):
        return None
    return unread_count(actor=user)
