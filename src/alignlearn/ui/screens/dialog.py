"""What every dialog shares: escape and q take the learner back, nothing else."""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from alignlearn.ui.widgets.key_bar import key_hints

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A dialog over the lesson; ``escape`` or ``q`` closes it without choosing."""

    HELP_GROUP = "In this dialog"
    CSS_PATH = "dialog.tcss"  # a dialog with rules of its own lists its file after this one
    BINDINGS = [
        Binding("escape", "close", "Back", id="dialog.close", tooltip="Close this and go back"),
        Binding("q", "close", "Back", show=False, id="dialog.quit",
                tooltip="Close this and go back (q again quits)"),
        # A modal screen hides the app's own bindings, so ? is offered again here
        # (an Input in the dialog still types a ?: it takes printable keys first).
        Binding("question_mark", "app.help", "Help", key_display="?", show=False, id="dialog.help",
                tooltip="Show every key of this dialog"),
    ]

    _closed_once = False

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        """Close once: keys typed in one burst (a double tap, a slow link) can choose twice before
        the dialog is gone, and a second close took the lesson screen with it (ScreenStackError)."""
        if self._closed_once:
            return AwaitComplete.nothing()
        self._closed_once = True
        return super().dismiss(result)

    def on_screen_resume(self) -> None:
        self._closed_once = False  # shown again: it may close again

    def action_close(self) -> None:
        self.dismiss(None)

    def scrolling(self, title: str, kind: str, body: Widget) -> ComposeResult:
        """A titled dialog whose ``body`` scrolls, with "escape back" under it."""
        with Vertical(classes=f"dialog {kind}"):
            yield Static(Text(title, style="bold"), classes="dialog-title")
            with VerticalScroll():
                yield body
            yield Static(key_hints(("escape", "back")), classes="dialog-hint")
