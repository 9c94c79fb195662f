"""A list of lessons to pick one: the whole course (``l``) or the related ones (``r``)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from alignlearn.course import Course, LessonInfo
from alignlearn.ui.screens.dialog import Dialog
from alignlearn.ui.widgets.entry_list import Entry, EntryList
from alignlearn.ui.widgets.key_bar import key_hints

# Which way a lesson is done, said in words: its quiz passed, or every section read
# (then the best score beside it shows the quiz is still to pass).
DONE = {"passed": "\u2713 passed", "read": "\u2713 read"}
DONE_WIDTH = max(len(word) for word in DONE.values())
BEST = "Best"  # the best quiz score so far, "12/15"


def _columns(minutes: str, done: str, best: str) -> str:
    return f"{minutes:>4}  {done:<{DONE_WIDTH}}  {best:>5}"


class LessonListScreen(Dialog[str | None]):
    """Lessons as a table: position in the course, title, minutes, done or not, best score.

    Dismisses with the chosen lesson's id. Fast at any length (an ``EntryList``).
    """

    HELP_GROUP = "Lesson list"
    BINDINGS = [
        *[Binding(str(n), f"pick({n})", "Open the lesson with that number", show=False,
                  id=f"lessons.pick{n}") for n in range(1, 10)],
    ]

    def __init__(self, course: Course, lessons: list[LessonInfo], title: str, current: str | None,
                 done: dict[str, str] | None = None, scores: dict[str, str] | None = None) -> None:
        """``done``: each done lesson and how ("passed" or "read")."""
        super().__init__()
        self.course = course
        self.lessons = lessons
        self.heading = title
        self.current = current
        self.done = done or {}
        self.scores = scores or {}

    def compose(self) -> ComposeResult:
        digits = len(str(len(self.lessons)))
        with Vertical(classes="dialog lesson-list"):
            yield Static(Text(self.heading, style="bold"), classes="dialog-title")
            header = Entry("", f"{'#':>{digits}} ", "Lesson", right=_columns("Min", "Done", BEST))
            yield EntryList([header], id="lessons-head", classes="table-head")
            entries = []
            part = ""
            for number, info in enumerate(self.lessons, 1):
                if info.part != part:  # a book's part: a heading above its chapters
                    part = info.part
                    if part:
                        entries.append(Entry("", "", part.upper(), "heading"))
                minutes = str(info.minutes) if info.minutes is not None else ""
                note = f"  \u00b7 {info.audience}" if info.audience else ""
                if info.id == self.current:
                    note += "  (reading)"
                entries.append(Entry(info.id, f"{number:>{digits}} " + "  " * info.depth, info.title, note=note,
                                     right=_columns(minutes, DONE.get(self.done.get(info.id, ""), ""),
                                                      self.scores.get(info.id, "")),
                                     value=info.id))
            yield EntryList(entries, id="lessons")
            yield Static(key_hints(("enter", "open"), ("1-9", "open by number"), ("escape", "back")),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        head = self.query_one("#lessons-head", EntryList)
        head.can_focus = False
        listing = self.query_one("#lessons", EntryList)
        ids = [info.id for info in self.lessons]
        first = next((n for n, entry in enumerate(listing.entries) if entry.selectable), -1)
        listing.cursor = listing.index_of(self.current) if self.current in ids else first
        listing.focus()

    def action_pick(self, number: int) -> None:
        if 0 < number <= len(self.lessons):
            self.dismiss(self.lessons[number - 1].id)

    @on(EntryList.EntryChosen, "#lessons")
    def _chosen(self, event: EntryList.EntryChosen) -> None:
        event.stop()
        self.dismiss(str(event.entry.value))
