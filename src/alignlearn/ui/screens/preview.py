"""The preview screen: the reader on one lesson file, reloading when it changes (``alignlearn preview``).

The lesson file and its quiz file are looked at five times a second (``authoring/watch.py``:
a ``stat`` each, no new dependency); a change is read again in a thread, never through
the lesson cache, and shown at the same place (same section by key, or the nearest if
it was renamed or removed; same line within it). A save with errors keeps the last
good rendering on screen, with the errors in a panel over its foot, until the next
good save. ``a`` shows the quiz with its answers marked and ``check``'s warnings.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from alignlearn.course import Course, Lesson, LessonError, LessonInfo, Problem, Quiz, load_lesson, open_course
from alignlearn.authoring.watch import LessonWatch
from alignlearn.course.manifest import MANIFEST
from alignlearn.render.problems import problem_block
from alignlearn.ui.screens.lesson import LessonScreen

POLL = 0.2  # seconds between looks at the files: a save shows within this plus a read and a render
GONE = 1.5  # seconds the lesson file may be missing (an editor's rename) before the preview says so
PREVIEW_TITLE = "Preview"  # in the header, for a lesson file in no course
KEEP = ("id", "file")  # of a lesson's record in the course, not changed by a reload


class ProblemsPanel(VerticalScroll, can_focus=False):
    """The errors of the file as saved, over the foot of the last good rendering."""

    def compose(self) -> ComposeResult:
        yield Static(id="problems-text")

    def show(self, problems: list[Problem], note: str) -> None:
        """List ``problems`` (FILE:LINE:COL: error: MESSAGE, then the hint), or hide when none."""
        self.display = bool(problems)
        if not problems:
            return
        errors = sum(p.is_error for p in problems)
        text = Text(end="")
        text.append(f"\u2717 {errors} error{'s' if errors != 1 else ''} in the saved file", style="bold")
        text.append(f" \u00b7 {note}\n\n", style="italic")
        blocks = [problem_block(problem, "bold" if problem.is_error else "") for problem in problems]
        self.query_one("#problems-text", Static).update(Group(text, *blocks))


class PreviewScreen(LessonScreen):
    """The lesson screen, watching its file."""

    HELP_GROUP = "Previewing"
    BINDINGS = [
        Binding("a", "answers", "Answers", id="preview.answers",
                tooltip="The quiz with its answers marked, and check's warnings for this file"),
    ]

    class _Reread(Message, bubble=False):
        def __init__(self, generation: int, lesson: Lesson | None, problems: list[Problem],
                     course: Course | None = None) -> None:
            super().__init__()
            self.generation = generation
            self.lesson = lesson
            self.problems = problems
            self.course = course  # the course opened again: the lesson's id changed, or it was not listed

    class Reloaded(Message):
        """The file was read again: ``lesson`` is shown, or None when it has errors (``problems``)."""

        def __init__(self, lesson: Lesson | None, problems: list[Problem]) -> None:
            super().__init__()
            self.lesson = lesson
            self.problems = problems

    def __init__(self, course: Course, lesson_id: str | None, *, lesson_file: Path, file_watch: LessonWatch,
                 lesson: Lesson | None = None, poll: float = POLL) -> None:
        super().__init__(course, lesson_id, lesson_file=lesson_file, lesson=lesson)
        self.file = lesson_file
        self.file_watch = file_watch
        self.poll = poll
        self._generation = 0
        self._gone_since: float | None = None

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if widget.id == "keys":
                yield ProblemsPanel(id="problems")
            yield widget

    @property
    def problems_panel(self) -> ProblemsPanel:
        return self.query_one(ProblemsPanel)

    def on_mount(self) -> None:  # LessonScreen.on_mount opens the lesson: Textual calls both
        self.problems_panel.display = False
        self.set_interval(self.poll, self._look, name="preview watch")

    # --- watching --------------------------------------------------------------------

    def _look(self) -> None:
        """Every ``poll`` seconds: a stat of two files, and a read only when one changed."""
        watch = self.file_watch
        if watch.changed():
            if watch.missing:
                self._gone_since = time.monotonic()
                return
            self._gone_since = None
            self._generation += 1
            self._reread(self._generation)
        elif watch.missing and self._gone_since is not None and time.monotonic() - self._gone_since > GONE:
            self._gone_since = None  # said once; the watch sees the file come back
            problem = Problem(str(self.file), 1, 1, "error", "the lesson file is gone (deleted or renamed)")
            self._show_errors([problem], "the last version read is shown")

    @work(thread=True, exclusive=True, group="preview", description="read the lesson file again")
    def _reread(self, generation: int) -> None:
        """Parse the file itself, never the lesson cache: a save within one tick of the
        clock can keep its stamp, and the watch has already looked at the content."""
        from alignlearn.sources.book_watch import reread

        try:
            lesson = reread(self.course, self.file) or load_lesson(self.file)  # a book's chapter, or a lesson
            if hasattr(self.file_watch, "follow"):
                self.file_watch.follow(getattr(lesson, "files", ()))  # includes and quizzes, as read now
        except LessonError as error:
            self.post_message(self._Reread(generation, None, list(error.problems)))
            return
        except OSError as error:
            self.post_message(self._Reread(generation, None, [Problem(str(self.file), 1, 1, "error", str(error))]))
            return
        course = None
        known = self.course.info(lesson.id)
        if known is None or not _same_file(known.file, self.file):
            course = open_course(self.course.root)
        self.post_message(self._Reread(generation, lesson, [p for p in lesson.problems if p.is_error], course))

    @on(_Reread)
    def _reread_done(self, message: _Reread) -> None:
        if message.generation != self._generation:
            return  # a later save is being read
        if message.lesson is None:
            if self.lesson is None:  # nothing good shown yet: the view itself lists the errors
                self.problems_panel.display = False
                self.query_one("#header").show(None, self.course, self.file.name)
                self.view.show_problems(self.file.name, message.problems)
            else:
                self._show_errors(message.problems)
            self.post_message(self.Reloaded(None, message.problems))
            return
        if self._show_lesson(message.lesson, message.course):  # errors that leave it readable: a bad question
            quiz_lost = message.lesson.quiz is None and any(p.file != str(self.file) for p in message.problems)
            self._show_errors(message.problems, "the lesson is shown without its quiz until the quiz file is fixed"
                              if quiz_lost else "the lesson is shown as saved, without what has errors")
        self.post_message(self.Reloaded(message.lesson, message.problems))

    def _show_errors(self, problems: list[Problem], note: str = "") -> None:
        self.problems_panel.show(problems, note or "the last good version is shown until the file is fixed")

    def _show_lesson(self, lesson: Lesson, course: Course | None) -> bool:
        """Show the lesson as saved; False (and why, in the panel) if the course cannot list it."""
        where = self.place_in(lesson)
        if course is not None:
            self.course = self.app.course = titled(course)
        info = self.course.info(lesson.id)
        if info is None:  # not listed even now (say, another lesson has its id): why is in the course
            found = [p for p in self.course.problems if _same_file(Path(p.file), self.file)]
            self._show_errors(found or [Problem(str(self.file), 1, 1, "error", "the course does not list this lesson")])
            return False
        _refresh(info, lesson.info)
        if self.lesson is not None and self.lesson_id == lesson.id:
            before, self.lesson = self.lesson.quiz, lesson
            if _quiz_text(before) != _quiz_text(lesson.quiz):
                from alignlearn.ui.screens.quiz import quiz_changed

                quiz_changed(self.app, lesson)
            self.query_one("#header").show(info, self.course)
            self._fill_map()
            self.view.show_lesson(lesson, self.course, where)
        else:  # the first good version, or a new id: opened as the reader opens any lesson
            self.lesson_id, self.lesson, self._ready = None, None, lesson
            self.open_lesson(lesson.id, where, remember=False)  # a reload is no jump
        return True

    # --- the answer sheet ------------------------------------------------------------

    def action_answers(self) -> None:
        from alignlearn.ui.screens.answers import AnswersScreen

        self.app.push_screen(AnswersScreen(self.lesson, self.file))


def titled(course: Course) -> Course:
    """The course as the preview names it: a lesson file with no course.toml (nor book)
    beside it is in no course, and its folder's name, which the course would take, is
    not a title the author gave; "Preview" says what the screen is instead."""
    if course.format != "mdbook" and not (course.root / MANIFEST).is_file():
        course.title = PREVIEW_TITLE
    return course


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except (OSError, ValueError):
        return one == other


def _quiz_text(quiz: Quiz | None) -> tuple | None:
    """All a quiz says, to compare two readings of it (its classes compare by identity)."""
    return None if quiz is None else dataclasses.astuple(quiz)


def _refresh(info: LessonInfo, read: LessonInfo) -> None:
    """Bring the course's record of the lesson up to its front matter as saved (title,
    path, concepts...), so the header, the map and the palette show the new values."""
    if info is read:
        return
    for field in dataclasses.fields(info):
        if field.name not in KEEP:
            setattr(info, field.name, getattr(read, field.name))
