"""The lesson screen: header, lesson map and lesson, and the keys that move around a course.

Other screens go on top of this one (``app.push_screen``); it stays at the bottom of
the stack for the whole session and changes lesson in place (``open_lesson``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.worker import get_current_worker

from alignlearn.course import Course, Lesson, LessonError, LessonInfo, Problem, Section, cancel
from alignlearn.cache import reading
from alignlearn.progress.saver import SavedPlace
from alignlearn.ui.screens.dialog import copy_of, hand_on
from alignlearn.ui.screens.lesson_dialogs import LessonDialogs
from alignlearn.ui.screens.lesson_history import LessonHistory
from alignlearn.ui.screens.lesson_moves import LessonMoves, empty_course_advice
from alignlearn.ui.widgets import KeyBar, LessonHeader, LessonMap, LessonView, Where

NARROW = 100  # below this many columns the map is hidden, and shown over the lesson
SECTION = Binding.Group("Section")  # n p, shown together in the footer
LESSON = Binding.Group("Lesson")  # ] [


class LessonScreen(LessonHistory, LessonMoves, LessonDialogs, Screen):
    """Reading one lesson of a course."""

    HELP_GROUP = "Reading"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]

    # What a learner needs most, first: the key bar drops the last ones when narrow. The
    # ways out and around the course (the lessons, quit), then the quiz and the tutor;
    # n p and / help, but space and the arrows read on, and ? lists them all.
    KEY_BAR_RANK = ("lessons", "quit", "quiz", "tutor", "next_section", "search", "toggle_map",
                    "next_lesson", "related", "links", "about")

    BINDINGS = [
        Binding("n", "next_section", "Next section", id="reader.next_section", group=SECTION,
                tooltip="Go to the next section"),
        Binding("p", "previous_section", "Previous section", id="reader.previous_section", group=SECTION,
                tooltip="Go to the previous section"),
        Binding("right_square_bracket", "next_lesson", "Next lesson", key_display="]", group=LESSON,
                id="reader.next_lesson", tooltip="Open the next lesson of the course"),
        Binding("left_square_bracket", "previous_lesson", "Previous lesson", key_display="[", group=LESSON,
                id="reader.previous_lesson", tooltip="Open the previous lesson of the course"),
        Binding("l", "lessons", "Lessons", id="reader.lessons", tooltip="The course's lessons, to pick one"),
        Binding("slash", "search", "Search", key_display="/", id="reader.search",
                tooltip="Search the whole course"),
        Binding("m", "toggle_map", "Map", id="reader.map", tooltip="Show or hide the lesson map"),
        Binding("x", "quiz", "Quiz", id="reader.quiz",
                tooltip="Take this lesson's quiz (or go back to it, after reading a section for it)"),
        Binding("r", "related", "Keep going", id="reader.related",
                tooltip="The related lessons (\"Keep going\"), to open one"),
        Binding("o", "links", "Links", id="reader.links",
                tooltip="The links in this section, to open one"),
        Binding("i", "about", "About", id="reader.about",
                tooltip="About this lesson: the title and subtitle in full, the big idea"),
        Binding("t", "tutor", "Tutor", id="reader.tutor",
                tooltip="Ask the tutor about this lesson"),
        Binding("tab", "switch_focus", "Map/lesson", show=False, id="reader.focus",
                tooltip="Move between the lesson map and the lesson (under 100 columns: open and close the map)"),
        Binding("backspace", "back", "Back", show=False, id="reader.back",
                tooltip="Back to where you were before the last jump (a search hit, a link, another lesson)"),
        Binding("escape", "close_map", "Close map", show=False, id="reader.close_map",
                tooltip="Hide the lesson map shown over the lesson, else the messages in the corner"),
    ]

    map_open: var[bool] = var(True, init=False, always_update=True)
    """Whether the lesson map is shown (by default: when the terminal is wide enough)."""

    @dataclass
    class LessonOpened(Message):
        """A lesson was opened (it may still be loading, or fail to load)."""

        lesson_id: str
        placed: bool = False  # opened at a given place (a search hit, a link), not where it was left

    @dataclass
    class PositionChanged(Message):
        """The learner moved to another section: the hook for saving the reading position."""

        lesson_id: str
        section: int  # 0: the introduction
        section_key: str  # stable while the section's title is ("" for the introduction)
        source_line: int

    @dataclass
    class _Loaded(Message, bubble=False):
        lesson_id: str
        lesson: Lesson | None = None
        sketch: object = None
        problems: list[Problem] | None = None
        where: Where | None = None

    def __init__(self, course: Course, lesson_id: str | None, *, lesson_file: Path | None = None,
                 where: Where | None = None, lesson: Lesson | None = None) -> None:
        """``lesson``: ``lesson_id`` already read, to show without a round trip to a thread."""
        super().__init__()
        self.course = course
        self.lesson_id: str | None = lesson_id
        self.lesson: Lesson | None = None
        self._ready = lesson
        self._start = (lesson_id, lesson_file, where)
        self._narrow: bool | None = None
        self._opened: set[str] = set()  # lessons read once already: no need to sketch them
        self._sketch_shown = threading.Event()
        self._history: list[tuple[str, Where]] = []  # places left by a jump, the latest last (backspace)
        self._map_note = "Loading\u2026"  # what the map says while it shows no lesson
        # Keys typed while the lesson being opened shows nothing yet, handled once it does (``hold``)
        self._typed_ahead: list[events.Key | events.Paste] | None = [] if lesson is None and lesson_id else None

    def compose(self) -> ComposeResult:
        yield LessonHeader(id="header")
        with Horizontal(id="body"):
            if self.app.size.width >= NARROW:  # narrower, the map is mounted when first shown
                yield LessonMap(id="map")
            yield LessonView(id="view")
        yield KeyBar(id="keys")

    @property
    def view(self) -> LessonView:
        return self.query_one(LessonView)

    @property
    def lesson_map(self) -> LessonMap | None:
        """The lesson map, or None before it is first shown on a narrow terminal."""
        found = self.query(LessonMap)
        return found.first() if found else None

    def _fill_map(self, note: str = "Loading\u2026") -> None:
        self._map_note = note  # for a map first mounted later (``m`` on a narrow terminal)
        lesson_map = self.lesson_map
        if lesson_map is not None:
            info = self.course.info(self.lesson_id) if self.lesson_id else None
            lesson_map.show(info, self.lesson, note)
            lesson_map.section = self.section

    def on_mount(self) -> None:
        lesson_id, lesson_file, where = self._start
        self.view.focus()
        if lesson_id is not None:
            self.open_lesson(lesson_id, where)
        elif lesson_file is not None:
            self._show_file_problems(lesson_file)
        else:
            self.query_one(LessonHeader).show(None, self.course, "This course has no lessons")
            self._fill_map("No lessons")
            self.view.show_problems(self.course.title, self.course.problems, empty_course_advice(self.course))

    # --- opening lessons ---------------------------------------------------------

    def open_lesson(self, lesson_id: str, where: Where | None = None, remember: bool = True) -> None:
        """Open ``lesson_id`` of the course (at ``where``: a section or a line of its file).
        The place left is remembered for ``backspace`` unless ``remember`` is False."""
        info = self.course.info(lesson_id)
        if info is None:
            self.notify(f"There is no lesson '{lesson_id}' in this course.", severity="warning", markup=False)
            return
        if lesson_id == self.lesson_id and self.lesson is not None:
            if where is not None:
                if remember:
                    self._remember()
                self.view.show_lesson(self.lesson, self.course, where)
            return
        if remember:
            self._remember()
        self.lesson_id, self.lesson = lesson_id, None
        self.query_one(LessonHeader).show(info, self.course)
        self._fill_map()
        self.post_message(self.LessonOpened(lesson_id, placed=where is not None))
        ready, self._ready = self._ready, None
        if ready is not None and ready.id == lesson_id:
            self._loaded(self._Loaded(lesson_id, lesson=ready, where=where))
        else:
            if self._typed_ahead is None:
                self._typed_ahead = []
            self._load(info, where)

    def reload(self) -> None:
        """Read the lesson's file again and show it where the learner is: the same section
        (by key; the nearest if it was renamed or removed) and line (``place_in``)."""
        info = self.course.info(self.lesson_id) if self.lesson_id else None
        if info is not None:
            self.course.forget(info.id)
            self._opened.add(info.id)  # no sketch: the old text stays on screen until the new is ready
            self._load(info, None)

    @work(thread=True, exclusive=True, group="load", description="read a lesson")
    def _load(self, info: LessonInfo, where: Where | None) -> None:
        """Read the lesson in a thread: from the lesson cache if it is there, else parsed,
        a long one sketched first so that it shows at once."""
        from alignlearn.render.stream import sketch

        worker = get_current_worker()
        kept = reading.kept(info)
        if (kept is None and where is None and info.id not in self._opened and self.course.source is None
                and reading.is_long(info.file)):  # a book's chapter is not sketched: its directives need resolving
            draft = sketch(info.file)
            if draft is not None:
                # Let the sketch be rendered and shown before parsing the whole file:
                # the two would only slow each other down, sharing one interpreter.
                self._sketch_shown.clear()
                self.post_message(self._Loaded(info.id, sketch=draft))
                cancel.wait(self._sketch_shown, 2.0, lambda: worker.is_cancelled)  # not once the reader quits
        self._opened.add(info.id)
        try:
            with cancel.under(lambda: worker.is_cancelled):  # q need not wait for the parse
                lesson = kept if kept is not None else reading.read(self.course, info.id)
        except cancel.Cancelled:  # the reader quit or moved on: this one is sketched again next time
            return self._opened.discard(info.id)
        except LessonError as error:
            self.post_message(self._Loaded(info.id, problems=error.problems))
        except OSError as error:  # the file vanished or became unreadable since the course opened
            self.post_message(self._Loaded(info.id, problems=[Problem(str(info.file), 1, 1, "error", str(error))]))
        else:
            self.post_message(self._Loaded(info.id, lesson=lesson, where=where))

    def on_screen_resume(self) -> None:
        progress = getattr(self.app, "progress", None)
        if progress is not None:  # a dialog closed: progress may take the learner back (ReaderProgress)
            progress.lesson_screen_back()

    def hold(self, event: events.Key | events.Paste) -> bool:
        """Keep a copy of a key or paste that comes in while the lesson being opened shows nothing
        yet (a lesson resumed at start is read in a thread), to handle once it does, in the order
        typed: "/quiz" typed at once over a slow link lost its "/" and quit on its "q". ctrl+c
        and ctrl+q still quit at once."""
        if self._typed_ahead is None or isinstance(event, events.Key) and event.key in ("ctrl+c", "ctrl+q"):
            return False
        self._typed_ahead.append(copy_of(event))
        return True

    async def _release_typed_ahead(self) -> None:
        held, self._typed_ahead = self._typed_ahead, None
        await hand_on(self.app, held or ())

    @on(_Loaded)
    def _loaded(self, message: _Loaded) -> None:
        if message.lesson_id != self.lesson_id:
            return  # the learner has moved on
        if self._typed_ahead is not None:  # something to show now: the keys typed meanwhile go on
            self.app.call_later(self._release_typed_ahead)
        info = self.course.info(message.lesson_id)
        best_score = getattr(self.app, "best_score", None)  # the quiz card's "best 9/15"
        self.view.best = best_score(message.lesson_id) if best_score is not None else None
        if message.sketch is not None:
            self.view.show_sketch(message.sketch, self.course)
        elif message.lesson is not None:
            where = message.where
            if where is None and self.lesson is not None and self.lesson.id == message.lesson.id:
                where = self.place_in(message.lesson)  # read again: stay where the learner is
            self.lesson = message.lesson
            self._fill_map()
            self.view.show_lesson(message.lesson, self.course, where)
        else:
            self._fill_map("Could not be read")
            self.view.show_problems(info.title if info else message.lesson_id, message.problems or [])

    def _show_file_problems(self, lesson_file: Path) -> None:
        """A lesson file that the course could not list: say why, from the file itself."""
        from alignlearn.course import load_lesson

        try:
            load_lesson(lesson_file)
        except LessonError as error:
            problems = error.problems
        else:
            problems = [p for p in self.course.problems if p.file == str(lesson_file)]
        self.query_one(LessonHeader).show(None, self.course, lesson_file.name)
        self._fill_map("Could not be read")
        self.view.show_problems(lesson_file.name, problems)

    # --- where the learner is ----------------------------------------------------

    @property
    def section(self) -> int:
        """The section being read (0: the introduction)."""
        return self.view.section

    @property
    def current_section(self) -> Section | None:
        if self.lesson is None or not self.section:
            return None
        return next((s for s in self.lesson.sections if s.number == self.section), None)

    @property
    def position(self) -> PositionChanged | None:
        """Where the learner is now, as the message that reports it (None: no lesson open)."""
        if self.lesson_id is None or self.lesson is None:
            return None
        section = self.current_section
        return self.PositionChanged(self.lesson_id, self.section, section.key if section else "",
                                    self.view.source_line)

    def place_in(self, new: Lesson) -> Where | None:
        """Where ``new`` (this lesson, read again) shows what is in view now: the same
        section and line (``course.watch.follow``); None to keep the line as it is."""
        from alignlearn.authoring.watch import follow, matching_section

        old, view = self.lesson, self.view
        if old is None or view.page is None or view.lesson is not old or not view.source_line:
            return None
        source, shown = view.source_line, self.section
        at_top = old.section_at_line(source)
        if shown and (at_top is None or at_top.number != shown):
            # The last section, counted as read though the end of the lesson keeps it
            # from the top of the view: keep counting the one that matches it.
            target, _ = matching_section(old, new, old.sections[shown - 1])
            if target is not None:
                return Where(section=target.number)
        offset = round(view.scroll_y) - view.page.line_of_source(source) if at_top is not None else 0
        return Where(source_line=follow(old, new, source), offset=offset)

    def go_to_place(self, place: SavedPlace) -> None:
        """Where the learner left this lesson (``ProgressSaver.saved_place``)."""
        self.go_to_line(place.line) if place.line is not None else self.go_to_section(place.section or 0)

    def go_to_section(self, number: int) -> bool:
        """Scroll so that section ``number`` (0: the introduction) is at the top."""
        return self.view.go_to_section(number)

    def go_to_line(self, source_line: int) -> None:
        """Show the block at ``source_line`` of the lesson file."""
        self.view.go_to_source_line(source_line)

    @on(LessonView.SectionChanged)
    def _section_changed(self, event: LessonView.SectionChanged) -> None:
        if self.lesson_map is not None:
            self.lesson_map.section = event.section
        position = self.position
        if position is not None:
            self.post_message(position)

    @on(LessonView.PageShown)
    def _page_shown(self) -> None:
        self._sketch_shown.set()

    @on(LessonMap.SectionSelected)
    def _map_selected(self, event: LessonMap.SectionSelected) -> None:
        self.jump_to(event.section, event.source_line)
        if self._narrow:
            self.map_open = False
        self.view.focus()

    # --- the map, wide and narrow ------------------------------------------------

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW
        if narrow != self._narrow:
            self._narrow = narrow
            self.map_open = not narrow

    async def watch_map_open(self, map_open: bool) -> None:
        lesson_map = self.lesson_map
        if lesson_map is None:
            if not map_open:
                return
            lesson_map = LessonMap(id="map")
            await self.query_one("#body").mount(lesson_map, before=self.view)
            self._fill_map(self._map_note)
        lesson_map.display = map_open
        if map_open and self._narrow:
            lesson_map.focus()
        elif not map_open and lesson_map.has_focus:
            self.view.focus()

    def action_toggle_map(self) -> None:
        self.map_open = not self.map_open

    def action_close_map(self) -> None:
        if self._narrow and self.map_open:
            self.map_open = False
        else:  # "No web browser could be opened" stays a minute, to copy its address: escape hides it
            self.app.clear_notifications()

    def action_switch_focus(self) -> None:
        lesson_map = self.lesson_map
        if lesson_map is not None and lesson_map.has_focus:
            self.view.focus()
            if self._narrow:
                self.map_open = False
        elif lesson_map is None or not lesson_map.display:
            self.map_open = True  # shown (mounted if need be) and focused at narrow widths
            if not self._narrow:
                self.call_after_refresh(lambda: self.lesson_map and self.lesson_map.focus())
        else:
            lesson_map.focus()
