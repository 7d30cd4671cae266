"""BEY-6: the secret of a calendar address: random, 256 bits, kept only as a keyed hash (as the
links of payments made without login, `payments.tokens`)."""

import hashlib
import hmac
import secrets

from django.conf import settings


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    key = hashlib.sha256(f"calendar-feed:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()
