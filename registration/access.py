"""The applicant's access to an application without an account: a signed token, carried by the
link in every email and returned by the API on submission."""

from django.core import signing

from core import policy

ACCESS_TOKEN_SALT = "registration.application-access"


def access_token_make(application_id: int) -> str:
    return signing.dumps(application_id, salt=ACCESS_TOKEN_SALT)


def access_token_read(token: str) -> int | None:
    """The application id the token was made for, or None if it is forged or too old."""
    try:
        return signing.loads(
            token, salt=ACCESS_TOKEN_SALT, max_age=policy.APPLICATION_STATUS_LINK_VALID_FOR
        )
    except signing.BadSignature:
        return None
