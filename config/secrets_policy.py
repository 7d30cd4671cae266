"""How strong a production secret must be. Plain Python: config/settings.py reads it before
Django is set up."""

# Django's own check (security.W009) asks for 50 characters, 5 of them different, and no
# "django-insecure-" prefix; we ask for more variety, so that "abab...ab" or a word repeated
# is refused too. The audit key is ours: 32 characters is 192 bits of a random base64 string.
MIN_LENGTH = {"DJANGO_SECRET_KEY": 50, "ICMS_AUDIT_KEY": 32}
MIN_DIFFERENT_CHARACTERS = 12


def weakness(name: str, value: str) -> str | None:
    """Why `value` is too weak to be the secret `name`, or None."""
    if len(value) < MIN_LENGTH[name]:
        return f"{name} is too short: use at least {MIN_LENGTH[name]} random characters."
    if len(set(value)) < MIN_DIFFERENT_CHARACTERS:
        return (
            f"{name} is too repetitive: use a random string (e.g. python -c "
            "'import secrets; print(secrets.token_urlsafe(50))')."
        )
    if value.startswith("django-insecure-"):
        return f"{name} is Django's placeholder: use a random string."
    return None
