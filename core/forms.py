"""Pages call the same services as the API; this is the one adapter from a service's refusal
to errors on the form the person filled in."""

from core.errors import DomainError, NotPermitted, ValidationFailed


def apply_service_errors(form, errors: dict, formset=None, aliases: dict | None = None) -> None:
    """Show a service's ValidationFailed errors on the form fields they belong to.
    Keys "<prefix>-<i>-<field>" go to row i of `formset`; `aliases` renames other keys."""
    aliases = aliases or {}
    for key, messages in errors.items():
        field = aliases.get(key, key)
        for message in messages:
            parts = key.split("-")
            if formset is not None and len(parts) == 3 and parts[0] == formset.prefix:
                formset.forms[int(parts[1])].add_error(parts[2], message)
            elif field in form.fields:
                form.add_error(field, message)
            else:
                form.add_error(None, message)


def run_service(form, service, *, formset=None, aliases=None, **kwargs):
    """Call `service(**kwargs)` and return what it returns. On a refusal put its messages on
    `form` and return None: a bad field on that field, anything else at the top (`aliases`
    renames fields; its None entry places a refusal that names no field). NotPermitted is not
    a refusal of the input: it propagates and becomes the 403 page."""
    try:
        return service(**kwargs)
    except ValidationFailed as exc:
        apply_service_errors(form, exc.errors, formset, aliases)
    except DomainError as exc:
        if isinstance(exc, NotPermitted):
            raise
        field = aliases.get(exc.field, exc.field) if aliases else exc.field
        form.add_error(field if field in form.fields else None, str(exc.message))
    return None
