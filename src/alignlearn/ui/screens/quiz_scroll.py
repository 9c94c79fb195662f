"""Where the quiz's body is scrolled to: the choice just picked, and after an answer the
learner's own choice with the verdict under it.

The body (``#quiz-body``) holds the prompt, the choices and the feedback, one under another.
In a short terminal, or under a long program, they do not all fit: what the learner needs
to see is found among the lines as painted (``quiz_texts.choice_rows``), and brought into
view without moving the page further than that needs.
"""

from __future__ import annotations

import re

from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Static

from alignlearn.ui.screens.quiz_texts import choice_rows

_PICKED = re.compile(r"[(\[][\u2022x][)\]] ")  # "(•) 3", "[x] 2": a choice the learner picked


def _lines(widget: Static) -> list[str]:
    """The widget's content as painted, a string a row (its padding left out)."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def _top(widget: Static) -> int:
    """The row of the body's page where the widget's content starts (under its padding)."""
    return widget.virtual_region.y + widget.gutter.top


def _body(screen: Screen) -> VerticalScroll:
    return screen.query_one("#quiz-body", VerticalScroll)


def choice_in_view(screen: Screen, number: int) -> None:
    """Choice ``number`` brought into view, the page otherwise left where it was."""
    choices = screen.query_one("#quiz-choices", Static)
    if rows := choice_rows(_lines(choices), number):
        _body(screen).scroll_to_region(Region(0, _top(choices) + rows[0], 1, rows[1]),
                                       animate=False, immediate=True)


def answer_in_view(screen: Screen) -> None:
    """After an answer: the learner's choice and the verdict in view together.

    The verdict is the feedback's first paragraph ("✗ Wrong. The answer: ..."); the learner's
    choice is the first choice they picked (or, with no choice to pick, their typed answer).
    If everything from that choice to the end of the explanation fits, it is all shown;
    else the choice goes to the top, the verdict under it; and if even the two do not fit
    together, the verdict goes to the top. Scrolled to the feedback as a whole, a long
    explanation pushed the choice out of view at 80x24."""
    body = _body(screen)
    choices = screen.query_one("#quiz-choices", Static)
    feedback = screen.query_one("#quiz-feedback", Static)
    shown = _lines(feedback)
    if not any(line.strip() for line in shown):
        return
    verdict_rows = next((row for row, line in enumerate(shown) if not line.strip()), len(shown))
    verdict = Region(0, _top(feedback), 1, verdict_rows)
    picked = next((row for row, line in enumerate(_lines(choices)) if _PICKED.match(line)), 0)
    choice_top = _top(choices) + picked
    room = body.scrollable_content_region.height
    everything = Region(0, choice_top, 1, _top(feedback) + len(shown) - choice_top)
    together = Region(0, choice_top, 1, verdict.bottom - choice_top)
    if everything.height <= room:
        body.scroll_to_region(everything, animate=False, immediate=True)
    elif together.height <= room:
        body.scroll_to_region(together, animate=False, immediate=True, top=True)
    else:
        body.scroll_to_region(verdict, animate=False, immediate=True, top=True)


class AnswerKeptInView:
    """A mixin of the quiz screen: resized after an answer, the page brings the choice and the
    verdict back into view (a window made smaller left them below it, with nothing to say so)."""

    def on_resize(self) -> None:
        session = getattr(self, "session", None)
        if session is not None and session.shown is not None and not session.finished:
            self.call_after_refresh(answer_in_view, self)


def scroll(screen: Screen, rows: int) -> None:
    """``j``/``k`` (and down/up): the body a line down or up, wherever the focus is."""
    body = _body(screen)
    body.scroll_to(y=body.scroll_y + rows, animate=False, immediate=True)  # keys held down: each counts


__all__ = ["answer_in_view", "choice_in_view", "scroll"]
