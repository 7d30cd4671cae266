"""What else ends with an account (LIFE-2..5). The account and its history are kept; the apps
above this layer that hang current things on an account (the cases: its current case links)
register here, from their AppConfig.ready(), how to end them, as the scheduler's jobs are
registered. The account services call `account_ended` inside the ending's transaction."""

from collections.abc import Callable

from accounts.models import User

_STEPS: dict[str, Callable[..., None]] = {}


def account_end_step_register(name: str, step: Callable[..., None]) -> None:
    """`step(account, actor=...)` runs, in the same transaction, whenever an account ends."""
    _STEPS[name] = step


def account_ended(account: User, *, actor) -> None:
    for step in _STEPS.values():
        step(account, actor=actor)
