"""Where a typed answer is written: a short answer, a program's output, a line number.

A ``TextArea`` so that a program's output of several lines can be typed: enter is left to
the quiz (it submits the answer, as on every other question), ctrl+j starts a new line where
one is wanted.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea


class AnswerBox(TextArea):
    """A small text box; enter goes on to the screen's own key, ctrl+j adds a line when ``lines`` is on."""

    # A frame with its label on it, so that where to type is plain to see, in colour
    # or not (the frame is drawn in lines; NO_COLOR keeps it).
    DEFAULT_CSS = """
    AnswerBox {
        height: auto;
        min-height: 3;
        max-height: 7;
        border: round $foreground 60%;
        border-title-align: left;
        border-title-style: bold;
        padding: 0 1;
    }
    AnswerBox:focus {
        border: round $accent;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)
        self.lines = False

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            # Not a new line: the key goes on, and the quiz's binding submits what is typed.
            # (A message posted from here came after the keys typed behind the enter, which
            # this box had typed into the answer by then.)
            event.prevent_default()
            return
        if event.key == "ctrl+j":
            event.stop()
            event.prevent_default()
            if self.lines:
                start, end = self.selection
                self._replace_via_keyboard("\n", start, end)
        # Any other key: Textual goes on to TextArea's own handler (it calls each class's in turn).


__all__ = ["AnswerBox"]
