"""Issuing and finding one-time secrets: activation codes, Change Tokens, and those to come
(Organization Codes for SA/OU, self-unlock tokens). Each kind is a model built on
`accounts.models.OneTimeSecret`; its `purpose` keys the hash, so that a secret of one kind is
never taken for one of another."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import OneTimeSecret, User
from accounts.secrets import hash_code, new_code


def one_time_secret_issue(
    model: type[OneTimeSecret], *, user: User, purpose: str, valid_for: timedelta, **fields
) -> tuple[str, OneTimeSecret]:
    """A fresh secret for `user`; the user's live secrets of this kind stop working. Returns
    the plaintext, which is stored nowhere (only its keyed hash is), and the new row."""
    now = timezone.now()
    model.objects.filter(user=user, used_at=None, revoked_at=None).update(revoked_at=now)
    value = new_code()
    row = model.objects.create(
        user=user,
        secret_hash=hash_code(value, purpose=purpose),
        created_at=now,
        expires_at=now + valid_for,
        **fields,
    )
    return value, row


def one_time_secret_find(
    model: type[OneTimeSecret], *, user: User | None, value: str, purpose: str, for_update=False
) -> OneTimeSecret | None:
    """The user's secret of this kind with this value, whatever its state (the caller decides
    whether it is still usable), or None."""
    if user is None:
        return None
    rows = model.objects.filter(user=user, secret_hash=hash_code(value, purpose=purpose))
    if for_update:
        rows = rows.select_for_update()
    return rows.first()
