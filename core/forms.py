def apply_service_errors(form, errors: dict, formset=None, aliases: dict | None = None) -> None:
    """Show a service's ValidationFailed errors on the form fields they belong to.
    Keys "cases-<i>-<field>" go to row i of `formset`; `aliases` renames other keys."""
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
