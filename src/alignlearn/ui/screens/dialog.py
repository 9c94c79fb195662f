"""What every dialog shares: escape and q take the learner back, nothing else."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A dialog over the lesson; ``escape`` or ``q`` closes it without choosing."""

    HELP_GROUP = "In this dialog"
    BINDINGS = [
        Binding("escape", "close", "Back", id="dialog.close", tooltip="Close this and go back"),
        Binding("q", "close", "Back", show=False, id="dialog.quit",
                tooltip="Close this and go back (q again quits)"),
    ]

    def action_close(self) -> None:
        self.dismiss(None)
