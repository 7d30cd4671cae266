"""State machines as data. Every record that moves through states (applications today;
organization applications, configuration-change requests and filings to come) declares one
`TransitionTable`: one `Transition` per action, saying from which states, to which state, who
may take it and whether reasons are required. The same table drives the services (which apply
it), the pages (which offer only the actions it allows) and the API (409 for a move the table
does not allow from the present state).

This module knows nothing of roles or the audit trail: the app that declares a table hands it
the permission check and the audit writer, so that the layers keep pointing down."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from core.errors import InvalidTransition, NotPermitted, ValidationFailed


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    # The capability the actor needs; None for a move the applicant or the system makes. A
    # callable picks it from the record (e.g. an SA account needs another one than an OU).
    capability: object | None
    audit_action: str
    # The input that must carry the reasons (e.g. "reasons"), and what to say when it is empty.
    reasons_field: str | None = None
    reasons_missing: str = ""
    # What to say when the record is not in a state this move starts from.
    refused: str = ""


@dataclass
class TransitionTable:
    transitions: list[Transition]
    # (actor, capability, obj) -> bool: the permission layer's `can`.
    authorize: Callable[..., bool]
    # audit_record(actor=, action=, obj=, before=, after=, actor_label=)
    record: Callable[..., object]
    state_field: str = "status"
    _by_action: dict[str, Transition] = field(init=False, repr=False)

    def __post_init__(self):
        self._by_action = {t.action: t for t in self.transitions}
        if len(self._by_action) != len(self.transitions):
            raise ValueError("Each action is declared once.")

    def __getitem__(self, action: str) -> Transition:
        return self._by_action[action]

    @staticmethod
    def capability_for(transition: Transition, obj):
        capability = transition.capability
        return capability(obj) if callable(capability) else capability

    def actions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def available(self, obj, *, actor) -> list[str]:
        """The actions `actor` may take on `obj` now: the buttons a page shows."""
        state = getattr(obj, self.state_field)
        return [
            t.action
            for t in self.actions_from(state)
            if t.capability is not None and self.authorize(actor, self.capability_for(t, obj), obj)
        ]

    def reasons(self, action: str, value) -> str:
        """The reasons given for `action`, stripped; refuses empty ones when required. Call
        before taking any lock, so that bad input costs nothing."""
        transition = self[action]
        text = value.strip() if isinstance(value, str) else ""
        if transition.reasons_field and not text:
            raise ValidationFailed(
                {transition.reasons_field: [transition.reasons_missing or _("Give the reasons.")]}
            )
        return text

    def check(self, obj, action: str, *, actor=None) -> Transition:
        transition = self[action]
        if transition.capability is not None and not self.authorize(
            actor, self.capability_for(transition, obj), obj
        ):
            raise NotPermitted()
        if getattr(obj, self.state_field) not in transition.sources:
            raise InvalidTransition(transition.refused or None)
        return transition

    def apply(self, obj, action: str, *, actor=None, actor_label=None, **changes):
        """Move `obj` (locked by the caller, inside its transaction) by `action`, save it and
        write the audit record: who, what, the state before and after, and what else changed."""
        transition = self.check(obj, action, actor=actor)
        before = {self.state_field: getattr(obj, self.state_field)}
        setattr(obj, self.state_field, transition.target)
        for name, value in changes.items():
            setattr(obj, name, value)
        obj.save()
        after = {self.state_field: transition.target, **{k: str(v) for k, v in changes.items()}}
        self.record(
            actor=actor,
            action=transition.audit_action,
            obj=obj,
            before=before,
            after=after,
            actor_label=actor_label,
        )
        return obj
