"""The keys that move through whatever scrolls, the same for the lesson and for every list:
a learner who has learned ``j`` in one place should not meet another key in the next."""

from __future__ import annotations

from textual.binding import Binding

MOVES = ("down", "up", "page_down", "page_up", "first", "last")
KEYS = {"down": "j,down", "up": "k,up", "page_down": "pagedown", "page_up": "pageup",
        "first": "home", "last": "end"}


def moving_keys(group: str, actions: tuple[str, ...], descriptions: tuple[str, ...],
                more_keys: dict[str, str] | None = None) -> list[Binding]:
    """Hidden bindings for the six moves (``MOVES``, in order), with ids ``group.move``."""
    more = more_keys or {}
    return [Binding(",".join(filter(None, (KEYS[move], more.get(move)))), action, description,
                    show=False, id=f"{group}.{move}")
            for move, action, description in zip(MOVES, actions, descriptions, strict=True)]
