"""About this lesson (``i``): the header's lines in full, wrapped.

The header cuts each of its three lines with an ellipsis so that it never takes more
than three rows of a small terminal; at 60 or 80 columns a long title or subtitle is
cut. Here they are whole, with the big idea, so nothing the header cuts is out of reach.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from alignlearn.course import Course, LessonInfo
from alignlearn.render.lesson import place
from alignlearn.ui.screens.dialog import Dialog


def about_text(info: LessonInfo, course: Course | None) -> Text:
    """Lesson text as content, never markup."""
    text = Text(end="")
    text.append(info.title, style="bold")
    if info.subtitle:
        text.append("\n")
        text.append(info.subtitle, style="italic")
    where = " \u00b7 ".join(bit for bit in ([course.title] if course else []) + [place(info, course)] if bit)
    if where:
        text.append("\n\n")
        text.append(where, style="dim")
    if info.big_idea:
        text.append("\n\nThe big idea\n", style="bold")
        text.append(info.big_idea)
    return text


class AboutScreen(Dialog[None]):
    """The lesson's title, subtitle, place in the course and big idea."""

    def __init__(self, info: LessonInfo, course: Course | None) -> None:
        super().__init__()
        self.info = info
        self.course = course

    def compose(self) -> ComposeResult:
        yield from self.scrolling("About this lesson", "about", Static(about_text(self.info, self.course), id="about"))
