"""The public rate limits the benchmark of the public services raises (issue 15)."""

from contextlib import contextmanager
from datetime import timedelta
from types import MappingProxyType

from core import policy

# The scopes of the measured pages: the DRN check, the Cause Book's search and the public
# document search.
RAISED_SCOPES = ("drn_check", "cause_book", "public_search")
RAISED_USES = 10**9


def raise_public_limits() -> MappingProxyType:
    """Raise the limits of RAISED_SCOPES out of reach, in this process only: requests are still
    counted in the cache, as in production, but none is refused. Returns the limits before,
    for `public_limits_raised` to put back."""
    before = policy.RATE_LIMITS
    policy.RATE_LIMITS = MappingProxyType(
        {
            **policy.RATE_LIMITS,
            **{
                scope: policy.RateLimit(uses=RAISED_USES, per=timedelta(hours=1))
                for scope in RAISED_SCOPES
            },
        }
    )
    return before


@contextmanager
def public_limits_raised():
    """The limits raised while the block runs, and put back after it, so that a command run
    inside another process (the test suite) leaves the court's limits as they were."""
    before = raise_public_limits()
    try:
        yield
    finally:
        policy.RATE_LIMITS = before
