"""What every dialog shares: escape and q take the learner back, nothing else; and the
keys typed before it is ready wait for it (``Dialog.hold``), as do those typed after a key
that moves it on (``Dialog.MOVING_KEYS``) until that key has been acted on."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from alignlearn.ui.widgets.key_bar import key_hints

T = TypeVar("T")


def copy_of(event: events.Key | events.Paste) -> events.Key | events.Paste:
    """A key or paste to handle again later: not marked as sent on, as the original is."""
    return events.Paste(event.text) if isinstance(event, events.Paste) else events.Key(event.key, event.character)


async def hand_on(app, held) -> None:
    """Keys and pastes held while a screen was not ready, handled as the app handles a key; in the
    app's own task, so any that come in meanwhile wait behind them."""
    for event in held:
        await app.on_event(event)


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

    VERTICAL_BREAKPOINTS = [(0, "-short"), (16, "-tall")]
    """Under 16 rows (dialog.tcss) the title and the key hints give up their blank lines: at
    12 rows a dialog has 8 inside its border, and those 2 were most of what its list had."""

    MOVING_KEYS: ClassVar[frozenset[str]] = frozenset()
    """Keys whose command may move the focus (the quiz's enter, to the next question's box):
    those typed after one wait until it has been acted on."""

    _closed_once = False

    class _KeyActedOn(Message):
        """Sent after a moving key, the way it went: when it reaches the dialog, so has the key,
        and the key's command has run (or runs just before the keys held are handed on)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._typed_ahead: list[events.Key | events.Paste] | None = []  # None once ready
        self._came_back = 0  # how many of those held came back from the screen underneath
        self._after_key = False  # held behind a moving key, not because the dialog is new

    def hold(self, event: events.Key | events.Paste, came_back: bool = False) -> bool:
        """Keep a copy of ``event`` until the dialog is ready for it, and say whether it did.

        The app asks this of each key and paste as it comes in, and again as it comes back
        from the screen it was sent to (``came_back``), before it looks up a command for it.
        Keys typed in one burst with the key that opens a dialog (a fast typist, a paste, an
        SSH link that batches keystrokes) are sent on to the lesson screen with that key;
        Textual looks up their commands as they come back, against the dialog by then on top
        but not yet mounted: a letter for the search or the tutor was lost, ``?`` opened the
        help. Held, they are handled once the dialog has focused its box, in the order typed,
        as if typed slowly: those coming back were typed before any that came in since.

        A moving key (``MOVING_KEYS``) goes on, and the keys after it wait until it has been
        acted on: typed fast after the quiz's enter, they went to the question's text instead
        of the next question's box. Keys typed before it that come back go on as they were."""
        if self._typed_ahead is None:
            if not came_back and isinstance(event, events.Key) and event.key in self.MOVING_KEYS:
                self._typed_ahead, self._came_back, self._after_key = [], 0, True
                # After the app has sent the key on (to the focused widget, else this screen):
                sent_to = self.app.focused or self
                self.app.call_next(sent_to.post_message, Dialog._KeyActedOn())
            return False
        if came_back and self._after_key:
            return False
        copy = copy_of(event)
        if came_back:
            self._typed_ahead.insert(self._came_back, copy)
            self._came_back += 1
        else:
            self._typed_ahead.append(copy)
        return True

    def on_mount(self) -> None:
        # Textual calls a dialog's own on_mount before this one: the focus it sets (later, on
        # the app's queue) is set before the keys held are handed on, so they find the box.
        self.app.call_later(self._release_typed_ahead)

    @on(_KeyActedOn)
    def _key_acted_on(self, message: _KeyActedOn) -> None:
        # The key came this way first and is now in the app's queue: its command runs there
        # before this.
        message.stop()
        self.app.call_later(self._release_typed_ahead)

    async def _release_typed_ahead(self) -> None:
        held, self._typed_ahead, self._after_key = self._typed_ahead, None, False
        await hand_on(self.app, held or ())

    def on_unmount(self) -> None:
        """Keys still held as the dialog closes are the next screen's."""
        if self._typed_ahead:
            self.app.call_later(self._release_typed_ahead)

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
