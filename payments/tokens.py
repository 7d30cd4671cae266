"""The secret link of a payment made without logging in (GEN-3): random, 256 bits, kept only
as a keyed hash."""

import hashlib
import hmac
import secrets

from django.conf import settings


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    key = hashlib.sha256(f"payment-link:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()
