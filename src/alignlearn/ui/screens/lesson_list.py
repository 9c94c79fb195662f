"""A list of lessons to pick one: the whole course (``l``) or the related ones (``r``)."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from alignlearn.course import Course, LessonInfo
from alignlearn.ui.screens.dialog import Dialog

DONE = "\u2713 done"


def _row(number: Text, title: Text, minutes: Text, done: Text) -> RenderableType:
    """One line of the table; a long title wraps within its own column."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=3, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_column(width=4, justify="right", no_wrap=True)
    grid.add_column(width=len(DONE), no_wrap=True)
    grid.add_row(number, title, minutes, done)
    return grid


class LessonListScreen(Dialog[str | None]):
    """Lessons as a table: position in the course, title, minutes, done or not.

    Dismisses with the chosen lesson's id.
    """

    HELP_GROUP = "Lesson list"
    BINDINGS = [
        *[Binding(str(n), f"pick({n})", "Open the lesson with that number", show=False,
                  id=f"lessons.pick{n}") for n in range(1, 10)],
    ]

    def __init__(self, course: Course, lessons: list[LessonInfo], title: str, current: str | None,
                 done: set[str] | None = None) -> None:
        super().__init__()
        self.course = course
        self.lessons = lessons
        self.heading = title
        self.current = current
        self.done = done or set()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.heading, style="bold"), classes="dialog-title")
            yield Static(_row(Text("#"), Text("Lesson"), Text("Min"), Text("Done")), classes="table-head")
            options = []
            for number, info in enumerate(self.lessons, 1):
                title = Text(info.title)
                if info.id == self.current:
                    title.append("  (reading)", style="dim")
                minutes = Text(str(info.minutes) if info.minutes is not None else "")
                done = Text(DONE if info.id in self.done else "")
                options.append(Option(_row(Text(str(number)), title, minutes, done), id=info.id))
            yield OptionList(*options, id="lessons")
            yield Static(Text("enter open \u00b7 1-9 open by number \u00b7 escape back", style="dim"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [info.id for info in self.lessons]
        if self.current in ids:
            options.highlighted = ids.index(self.current)
        elif ids:
            options.highlighted = 0
        options.focus()

    def action_pick(self, number: int) -> None:
        if 0 < number <= len(self.lessons):
            self.dismiss(self.lessons[number - 1].id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
