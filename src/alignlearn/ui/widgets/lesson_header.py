"""The lesson's header: where it sits in the course, its title and its subtitle."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from alignlearn.course import Course, LessonInfo
from alignlearn.render.lesson import place


class LessonHeader(Static):
    """Three lines: "Course · Lesson N of M · audience · minutes", the title, the subtitle.

    Each line is cut with an ellipsis rather than wrapped (see app.tcss), so the
    header never eats the screen of an 80x24 terminal.
    """

    def show(self, info: LessonInfo | None, course: Course | None, fallback: str = "") -> None:
        text = Text(end="")
        where = [course.title] if course is not None else []
        if info is not None:
            bits = place(info, course)  # reads only front-matter fields, which LessonInfo has
            if bits:
                where.append(bits)
        text.append(" \u00b7 ".join(where), style="dim")
        text.append("\n")
        text.append(info.title if info is not None else fallback, style="bold")
        if info is not None and info.subtitle:
            text.append("\n")
            text.append(info.subtitle, style="italic")
        self.update(text)
