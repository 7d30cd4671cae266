"""AUTH-3 on top of django-axes.

axes keeps failures whose time is >= now - cool_off, so with a cool-off of exactly 30 minutes
a login name would still be locked at 30:00 after the last failure. The rule opens it *at*
30 minutes, so the cool-off is one microsecond shorter: locked at 29:59.999999, open at 30:00.
"""

from datetime import timedelta

from django.http import HttpResponseForbidden

LOCKOUT_PERIOD = timedelta(minutes=30)


def cool_off(request=None) -> timedelta:
    return LOCKOUT_PERIOD - timedelta(microseconds=1)


def locked_out_response(request, original_response=None, credentials=None):
    # Our login page and API already answer a locked login name with the AUTH-3 message.
    if original_response is not None:
        return original_response
    return HttpResponseForbidden()
