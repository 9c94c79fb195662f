"""A list of lessons to pick one: the whole course (``l``) or the related ones (``r``)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from alignlearn.authoring.quiz_lint import reading_minutes, shown_minutes
from alignlearn.cache import reading
from alignlearn.course import Course, LessonInfo
from alignlearn.ui.screens.dialog import Dialog
from alignlearn.ui.widgets.entry_list import Entry, EntryList
from alignlearn.ui.widgets.key_bar import key_hints

# Which way a lesson is done, said in words: its quiz passed, or every section read
# (then the best score beside it shows the quiz is still to pass). Shorter when narrow.
DONE = {"passed": "\u2713 passed", "read": "\u2713 read"}
DONE_NARROW = {"passed": "\u2713 pass", "read": "\u2713 read"}
BEST = "Best"  # the best quiz score so far, "12/15"
NARROW = 80  # below this many columns the list takes the terminal's width, its columns closer
TITLE_LINES = 2  # a title longer than this many lines is cut, with "…"

# The key hints, the first that fits the dialog's width: cut at the right, "open by
# number" read "open by numbe" at 60 columns.
HINTS = [(("enter", "open"), ("escape", "back"), ("1-9", "open by number")),
         (("enter", "open"), ("esc", "back"), ("1-9", "by number")),
         (("enter", "open"), ("esc", "back"))]


def _columns(minutes: str, done: str, best: str, narrow: bool = False) -> str:
    if narrow:
        return f"{minutes:>3} {DONE_NARROW.get(done, done):<6} {best:>5}"
    return f"{minutes:>4}  {DONE.get(done, done):<8}  {best:>5}"


class LessonListScreen(Dialog[str | None]):
    """Lessons as a table: position in the course, title, minutes, done or not, best score.

    Dismisses with the chosen lesson's id. Fast at any length (an ``EntryList``). A lesson
    that declares no minutes (a book's chapter, a plain Markdown file) shows the estimate
    ``alignlearn lessons`` shows, "~N", once a thread has read it (``_estimate``): those in
    view, as they come into view.
    """

    HELP_GROUP = "Lesson list"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]  # dialog.tcss: narrow, the whole width
    BINDINGS = [
        *[Binding(str(n), f"pick({n})", "Open the lesson with that number", show=False,
                  id=f"lessons.pick{n}") for n in range(1, 10)],
    ]

    def __init__(self, course: Course, lessons: list[LessonInfo], title: str, current: str | None,
                 done: dict[str, str] | None = None, scores: dict[str, str] | None = None,
                 note: str | None = None) -> None:
        """``done``: each done lesson and how ("passed" or "read"); ``note``: said under
        the list (the lessons the course left out)."""
        super().__init__()
        self.note = note
        self.course = course
        self.lessons = lessons
        self.heading = title
        self.current = current
        self.done = done or {}
        self.scores = scores or {}
        self._infos = {info.id: info for info in lessons}
        self._estimates: dict[str, float | None] = {}  # lesson id -> minutes (None: could not be read)
        self._narrow = False  # the columns as they are laid out (``_fit``)

    @dataclass
    class _Estimated(Message):
        """Minutes estimated for some lessons (lesson id -> minutes, None: could not be read)."""

        minutes: dict[str, float | None]

    def _right(self, info: LessonInfo, estimate: float | None = None) -> str:
        return _columns(shown_minutes(info.minutes, estimate, unknown=""), self.done.get(info.id, ""),
                        self.scores.get(info.id, ""), self._narrow)

    def compose(self) -> ComposeResult:
        digits = len(str(len(self.lessons)))
        self._narrow = self.app.size.width < NARROW
        with Vertical(classes="dialog lesson-list"):
            with Vertical(classes="dialog-top"):  # dialog.tcss: the top and the foot stay, the list gives way
                yield Static(Text(self.heading, style="bold"), classes="dialog-title")
                header = Entry("", f"{'#':>{digits}} ", "Lesson", right=_columns("Min", "Done", BEST, self._narrow))
                yield EntryList([header], id="lessons-head", classes="table-head")
            entries = []
            part = ""
            for number, info in enumerate(self.lessons, 1):
                if info.part != part:  # a book's part: a heading above its chapters
                    part = info.part
                    if part:
                        entries.append(Entry("", "", part.upper(), "heading"))
                note = f"  \u00b7 {info.audience}" if info.audience else ""
                if info.id == self.current:
                    note += "  (reading)"
                entries.append(Entry(info.id, f"{number:>{digits}} " + "  " * info.depth, info.title, note=note,
                                     right=self._right(info), value=info.id, most_lines=TITLE_LINES))
            yield EntryList(entries, id="lessons")
            with Vertical(classes="dialog-foot"):
                if self.note:
                    yield Static(Text(self.note), id="lessons-note")
                yield Static(key_hints(*HINTS[0]), classes="dialog-hint")

    def on_mount(self) -> None:
        head = self.query_one("#lessons-head", EntryList)
        head.can_focus = False
        listing = self.query_one("#lessons", EntryList)
        ids = [info.id for info in self.lessons]
        first = next((n for n, entry in enumerate(listing.entries) if entry.selectable), -1)
        listing.cursor = listing.index_of(self.current) if self.current in ids else first
        listing.focus()
        self.watch(listing, "scroll_y", self._estimate_in_view, init=False)
        self.call_after_refresh(self._fit)
        self.call_after_refresh(self._estimate_in_view)

    def on_resize(self) -> None:
        self._fit()
        self.call_after_refresh(self._fit)  # the hints, once the dialog has its new width
        self.call_after_refresh(self._estimate_in_view)

    def _fit(self) -> None:
        """The columns and the key hints for the terminal's width, laid out again if it changed."""
        hint = self.query_one(".dialog-hint", Static)
        room = hint.content_region.width or self.app.size.width - 6
        hint.update(key_hints(*next((h for h in HINTS if key_hints(*h).cell_len <= room), HINTS[-1])))
        narrow = self.app.size.width < NARROW
        if narrow == self._narrow:
            return
        self._narrow = narrow
        digits = len(str(len(self.lessons)))
        head = self.query_one("#lessons-head", EntryList)
        head.set_entries([Entry("", f"{'#':>{digits}} ", "Lesson", right=_columns("Min", "Done", BEST, narrow))])
        listing = self.query_one("#lessons", EntryList)
        for entry in listing.entries:
            if (info := self._infos.get(entry.id)) is not None and entry.selectable:
                entry.right = self._right(info, self._estimates.get(entry.id))
        listing.set_entries(listing.entries, listing.cursor)

    def _estimate_in_view(self) -> None:
        """Estimate the minutes of the lessons in view, and a screen either side, that declare none."""
        listing = self.query_one("#lessons", EntryList)
        wanted = [info for index in listing.in_view(margin=1)
                  if (info := self._infos.get(listing.entries[index].id)) is not None
                  and info.minutes is None and info.id not in self._estimates]
        if wanted:
            self._estimate(wanted)

    @work(thread=True, exclusive=True, group="estimate", description="estimate lessons' minutes")
    def _estimate(self, infos: list[LessonInfo]) -> None:
        """Estimate these lessons' minutes as ``alignlearn lessons`` does, from their text and quiz.

        Each lesson must be read for it (from the lesson cache: a third of a millisecond;
        parsed: a few), too slow for every lesson of a course of thousands before the list
        shows, and too slow for all of them in a thread, which would hold up every key
        press meanwhile: so only those the learner can see, as they come into view.
        """
        worker = get_current_worker()  # scrolled on, or closed: stop, a long parse too
        for read in reading.read_in_batches(self.course, infos, lambda: worker.is_cancelled):
            self.post_message(self._Estimated({lesson_id: None if lesson is None else reading_minutes(lesson)
                                               for lesson_id, lesson in read.items()}))

    @on(_Estimated)
    def _estimated(self, message: _Estimated) -> None:
        listing = self.query_one("#lessons", EntryList)
        self._estimates.update(message.minutes)
        for lesson_id, minutes in message.minutes.items():
            info = self._infos.get(lesson_id)
            if info is not None and minutes is not None:
                index = listing.index_of(lesson_id)
                listing.entries[index].right = self._right(info, minutes)
                listing.forget_lines(index)

    def show_done(self, done: dict[str, str]) -> None:
        """Lessons found done since the list was made (their sections were learnt from the
        lesson caches, or parsed, once the list was up): marked without closing it."""
        found = self.query("#lessons").results(EntryList)
        listing = next(found, None)
        if listing is None:  # not composed yet: it is made with them
            self.done.update(done)
            return
        for lesson_id, how in done.items():
            info = self._infos.get(lesson_id)
            if info is None or self.done.get(lesson_id) == how:
                continue
            self.done[lesson_id] = how
            index = listing.index_of(lesson_id)
            listing.entries[index].right = self._right(info, self._estimates.get(lesson_id))
            listing.forget_lines(index)

    def action_pick(self, number: int) -> None:
        if 0 < number <= len(self.lessons):
            self.dismiss(self.lessons[number - 1].id)

    @on(EntryList.EntryChosen, "#lessons")
    def _chosen(self, event: EntryList.EntryChosen) -> None:
        event.stop()
        self.dismiss(str(event.entry.value))
