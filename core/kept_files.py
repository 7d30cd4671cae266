"""For the pages whose forms carry PDFs (e-filing, certification of translations, issuing a
document, the online applications for an account and the Help Centre's key-in of a paper
one): a form sent back for corrections keeps the files it received (core.held_uploads), so
that they need not be chosen again. The form carries each kept file's token in a hidden input
named after its field (`<field>-held`), and the field's hint says what is kept; the next
sending files the kept file where no other was chosen. Templates render `form.kept_inputs`
inside the form. The actor is an account, or a core.held_uploads.SessionHolder for an
applicant who has none."""

from contextlib import contextmanager

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.held_uploads import (
    held_file,
    held_upload,
    held_uploads_sending,
    upload_hold,
    uploads_release,
)


def _token_name(form, field: str) -> str:
    return f"{form.add_prefix(field)}-held"


def _kept(form) -> dict:
    if not hasattr(form, "kept"):
        form.kept = {}
    return form.kept


def take_kept_file(actor, form, field: str, *, say_gone: bool = True) -> None:
    """After the form is cleaned: the file kept from the last sending, where no file was chosen.
    A kept file named but kept no longer (a day old, or not the actor's) is an error on the
    field (unless `say_gone` is False: a row left empty)."""
    if form.cleaned_data.get(field) is not None:
        return
    token = form.data.get(_token_name(form, field))
    if not token:
        return
    held = held_upload(actor=actor, token=token)
    stored = held_file(held) if held is not None else None
    if stored is not None:
        _kept(form)[field] = held
        form.cleaned_data[field] = stored
    elif say_gone:
        form.add_error(field, _gone())


def _gone() -> str:
    return _("The file sent last time is no longer kept: choose it again.")


def keep_files(actor, form, fields, *, hold_new: bool = True) -> None:
    """The form goes back for corrections: each field's new file is kept for the next sending
    (and said so in its hint), unless the file itself was refused; a file kept before stays.
    With `hold_new` False (a sending refused before it was read, e.g. over a rate limit) only
    the files kept before stay. `form.files_not_kept` names the fields whose new file, not
    refused, could not be kept (an applicant's limits: core.held_uploads.upload_hold)."""
    kept = _kept(form)
    form.files_not_kept = []
    for field in fields:
        upload = form.files.get(form.add_prefix(field))
        if hold_new and form.has_error(field):
            kept.pop(field, None)
        elif hold_new and upload is not None:
            held = upload_hold(actor=actor, upload=upload)
            if held is not None:
                kept[field] = held
            else:
                kept.pop(field, None)
                form.files_not_kept.append(field)
        elif field not in kept:
            held = held_upload(actor=actor, token=form.data.get(_token_name(form, field), ""))
            if held is not None:
                kept[field] = held
        if field in kept:
            said = _(
                "Kept from your last sending: %(name)s (%(size)s). It goes with the form "
                "unless you choose another file."
            ) % {"name": kept[field].file_name, "size": filesizeformat(kept[field].size)}
            hint = " ".join(filter(None, [str(form.fields[field].help_text), said]))
            # The bound field copied the hint when it was made: both say it.
            form.fields[field].help_text = form[field].help_text = hint
    form.kept_inputs = [(_token_name(form, field), held.token) for field, held in kept.items()]


def _release(actor, forms) -> None:
    """The forms were filed: their kept files are no longer needed."""
    tokens = [held.token for form in forms for held in getattr(form, "kept", {}).values()]
    uploads_release(actor=actor, tokens=tokens)


@contextmanager
def _still_kept(actor, forms):
    """Yields True when each kept file of `forms` is this sending's (core.held_uploads.
    held_uploads_sending); a file another sending of the same form took meanwhile is said
    on its field, and the block yields False."""
    tokens = [held.token for form in forms for held in getattr(form, "kept", {}).values()]
    if not tokens:
        yield True
        return
    with held_uploads_sending(actor=actor, tokens=tokens) as still_kept:
        gone = False
        for form in forms:
            for field, held in list(getattr(form, "kept", {}).items()):
                if held.token not in still_kept:
                    del form.kept[field]
                    form.add_error(field, _gone())
                    gone = True
        yield not gone


def send_with_kept_files(actor, forms, send):
    """The sending of valid `forms` whose kept files may go with it: `send()` (the view's call
    of its service) runs only while each kept file is this sending's, so that a double click
    or a second tab never files one twice; its result is returned, and, when it is one (the
    thing filed), the kept files are released. None when another sending took a kept file:
    its field says so."""
    forms = list(forms)
    with _still_kept(actor, forms) as still_kept:
        if not still_kept:
            return None
        result = send()
        if result:
            _release(actor, forms)
        return result
