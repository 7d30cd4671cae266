"""One-time secrets (activation codes, Change Tokens) and API tokens: random, 128 bits or more,
stored only as a keyed hash, compared in constant time."""

import hashlib
import hmac
import secrets

from django.conf import settings

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 letters, no look-alikes (0/O, 1/I)


def new_code() -> str:
    """30 characters = 150 bits, in groups of five for typing: ABCDE-FGHJK-..."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(30))
    return "-".join(raw[i : i + 5] for i in range(0, 30, 5))


def new_api_key() -> str:
    return secrets.token_urlsafe(32)


def _keyed_hash(value: str, purpose: str) -> str:
    key = hashlib.sha256(f"{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def hash_code(value: str, *, purpose: str) -> str:
    # Dashes, spaces and case do not matter when a code is typed.
    cleaned = "".join(ch for ch in value.upper() if ch.isalnum())
    return _keyed_hash(cleaned, purpose)


def hash_api_key(value: str) -> str:
    return _keyed_hash(value.strip(), "api-token")
