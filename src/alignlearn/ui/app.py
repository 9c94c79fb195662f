"""The reader app, and the one factory that the command line and the tests both use."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding

if TYPE_CHECKING:
    from alignlearn.search.query import Index
    from textual.screen import Screen

from alignlearn.course import Course, Lesson, not_a_course, open_course, resolve
from alignlearn.cache.reading import read_ahead
from alignlearn.cache import disk as cache
from alignlearn.ui.palette import LessonCommands, Palette, SectionList, ThemeChooser, ThemeCommands
from alignlearn.ui.themes import apply_settings, fit_no_color, remember_theme
from alignlearn.ui import hangup
from alignlearn.ui.toasts import Toasts
from alignlearn.ui.reader_progress import ReaderProgress
from alignlearn.ui.reader_sync import ReaderSync
from alignlearn.ui.screens.dialog import Dialog
from alignlearn.ui.screens.lesson import LessonScreen
from alignlearn.ui.widgets import LessonView, Where


SWEEP_AFTER = 5.0  # seconds after start: old cache files are looked for once the first frames are out


class ReaderError(Exception):
    """The reader cannot start: no such course, no such lesson."""


class AlignlearnApp(App[int]):
    """A course reader. The lesson screen is always at the bottom of the screen stack."""

    CSS_PATH = "app.tcss"
    TITLE = "alignlearn"
    COMMANDS = App.COMMANDS | {LessonCommands, ThemeCommands}
    HELP_GROUP = "Everywhere"

    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", id="app.help",
                tooltip="Show every key of this screen"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit (from a dialog: back first)"),
        Binding("ctrl+p", "command_palette", "Palette", show=False, id="app.palette", priority=True,
                tooltip="Command palette: jump to any lesson or section, change the theme"),
    ]

    def __init__(self, course: Course, lesson_id: str | None, *, lesson_file: Path | None = None,
                 where: Where | None = None, lesson: Lesson | None = None, resume: bool = False) -> None:
        """``resume``: open the course at the lesson the learner read last, once progress is read."""
        super().__init__()
        # Nothing animates, scrolling above all: over SSH an animated page-down sends
        # about 500 KB against 18 KB. (The reader's own scroll calls pass animate=False
        # too; this also covers Textual's widgets, such as the help's scroll box.)
        self.animation_level = "none"
        # The learner's theme, and animations when they asked for them (config.toml).
        self.settings_warnings = apply_settings(self)
        self.course = course
        self._start = (lesson_id, lesson_file, where, lesson)
        self.crash_message: str | None = None
        self.progress = ReaderProgress(self, lesson_id, resume=resume)
        self.sync = ReaderSync(self)  # progress through a synced folder, when one is set
        self.toasts = Toasts(self)
        self.palette_sections = SectionList()  # the palette's, gathered by a worker when first opened

    # --- keys typed ahead of a dialog (Dialog.hold) --------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Every key and paste the learner sends passes here first (bubbled ones come back
        forwarded): a key takes away the toasts that last until one (``Toasts.key_pressed``),
        and either, coming in while the dialog on top is not ready, waits for it."""
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if isinstance(event, events.Key):
                self.toasts.key_pressed()
            if isinstance(self.screen, (Dialog, LessonScreen)) and self.screen.hold(event):
                return
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """A key back from the widget it was sent to, before Textual's ``App._on_key`` looks up
        its command (prevented here): one sent before a dialog opened waits for it."""
        if isinstance(self.screen, Dialog) and self.screen.hold(event, came_back=True):
            event.prevent_default()
            event.stop()

    def on_paste(self, event: events.Paste) -> None:
        if isinstance(self.screen, Dialog) and self.screen.hold(event, came_back=True):
            event.stop()

    def get_default_screen(self) -> LessonScreen:
        lesson_id, lesson_file, where, lesson = self._start
        return LessonScreen(self.course, lesson_id, lesson_file=lesson_file, where=where, lesson=lesson)

    @property
    def lesson_screen(self) -> LessonScreen:
        """The lesson screen, under whatever dialogs are open."""
        return next(s for s in self.screen_stack if isinstance(s, LessonScreen))

    def open_lesson(self, lesson_id: str, section: int | None = None, remember: bool = True) -> None:
        """Close any dialogs and open ``lesson_id`` (at ``section``, when given); the place
        left is remembered for ``backspace`` unless ``remember`` is False."""
        while not isinstance(self.screen, LessonScreen):
            self.pop_screen()
        self.lesson_screen.open_lesson(lesson_id, Where(section=section) if section is not None else None,
                                       remember=remember)

    def search_index(self, progress: Callable[[int, int], None] | None = None) -> "Index":
        """The course's search index, built on first use (call it from a worker thread);
        ``progress(done, total)`` is told of each lesson that has to be parsed for it."""
        from alignlearn.search.building import build_index

        return build_index(self.course, progress)

    def lessons_done(self) -> set[str]:
        """Ids of the lessons the learner has finished (quiz passed, or every section read)."""
        return self.progress.saver.lessons_done()

    def how_done(self) -> dict[str, str]:
        """Each done lesson: "passed" (its quiz) or "read" (every section)."""
        return self.progress.saver.how_done()

    def best_scores(self) -> dict[str, str]:
        """Each lesson's best quiz score so far, as "12/15"."""
        return self.progress.saver.best_scores()

    def best_score(self, lesson_id: str) -> str | None:
        """The lesson's best quiz score so far ("12/15"), or None."""
        return self.progress.saver.best_score(lesson_id)

    def sections_read(self, lesson_id: str) -> set[str]:
        """The section keys (``progress.section_key``) of a lesson that the learner has read."""
        return self.progress.saver.sections_read(lesson_id)

    # --- progress: every read and write in a worker (ui/reader_progress.py) -----------

    def on_mount(self) -> None:
        self.progress.start()
        self.sync.start()
        hangup.watch(self)
        self.screen_change_signal.subscribe(self, self.toasts.screen_changed)
        # Once the learner is reading: old cache files go (at most a look a day; cache.sweep).
        self.set_timer(SWEEP_AFTER, lambda: self.run_worker(cache.sweep, thread=True, group="cache",
                                                            description="sweep the cache", exit_on_error=False))

    def on_unmount(self) -> None:
        self.progress.close()
        self.sync.at_quit()

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True, screen=None, until_key: bool = False) -> None:
        """A toast, unless the same one is up already (``ui/toasts.py``); it goes when
        another screen comes up (``screen``: the one it is for, else the one on top), and
        with ``until_key`` at the learner's next key too."""
        timeout = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        if self.toasts.admit(message, title, severity, timeout, markup, screen or self.screen, until_key):
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def say_again(self, message: str, **toast) -> None:
        """A toast put back after the others were cleared, without being counted twice."""
        super().notify(message, **toast)

    def _handle_exception(self, error: Exception) -> None:
        """A bug stops the reader: its progress saved first, the traceback written to a
        log (``ui/crash.py``) and a few plain lines printed in its place. Textual offers
        no public hook for this; it is the one method that every unhandled error passes."""
        from alignlearn.ui import crash

        log = crash.write_log(error)
        try:
            self.progress.close()
            saved = True
        except Exception:
            saved = False
        super()._handle_exception(error)
        self._exit_renderables.clear()  # the traceback: in the log, not over the terminal
        self.crash_message = crash.message(log, saved)  # printed by run_app, unwrapped (the path, to copy)

    def on_lesson_screen_lesson_opened(self, event: LessonScreen.LessonOpened) -> None:
        self.progress.lesson_opened(event.lesson_id, placed=event.placed)

    def on_lesson_screen_position_changed(self, event: LessonScreen.PositionChanged) -> None:
        self.progress.section_reached(event.lesson_id, event.section)

    def on_lesson_view_page_shown(self, event: LessonView.PageShown) -> None:
        if any(isinstance(s, LessonScreen) for s in self.screen_stack):  # else the app is closing
            self.progress.page_shown(event.complete)

    # --- settings (ui/themes.py) ---------------------------------------------------

    def on_ready(self) -> None:
        for warning in self.settings_warnings:
            self.notify(warning, title="Settings", severity="warning", timeout=10, markup=False)
        self._course_errors()

    def _course_errors(self) -> None:
        """Lessons the course could not list: said once, as the reader opens. The toast goes
        with the learner's next key, so it never lies over what they turn to (at 80x24 it
        covered the quiz's choices); the list of lessons (``l``) says it again."""
        from alignlearn.render.problems import left_out

        said = left_out(self.course)
        if said is not None:
            self.notify(said, title="Course", severity="warning", timeout=12, markup=False, until_key=True)

    def watch_theme(self, theme: str) -> None:
        fit_no_color(self)
        remember_theme(self, theme)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands but three. "Theme": ThemeCommands lists each theme in the
        palette already, the one in use marked, and a second way to the same list only
        confused. "Keys": its panel does not close with escape, and ``?`` lists every key.
        "Screenshot": it saves into a Downloads folder, which a server reached over SSH
        seldom has, and then only says it failed."""
        left_out = {self.action_change_theme, self.action_show_help_panel, self.action_hide_help_panel}
        for command in super().get_system_commands(screen):
            if command.callback not in left_out and command.title != "Screenshot":  # its callback is a lambda
                yield command

    def search_themes(self) -> None:
        """Textual's change_theme action (no longer in the palette, but still an action):
        every theme, the one in use marked (Textual's own list does not say which it is)."""
        self.push_screen(Palette(providers=[ThemeChooser], placeholder="Search for themes\u2026"))

    def action_command_palette(self) -> None:
        """Textual's, opening the palette that ignores page keys until its list is laid out."""
        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def action_help(self) -> None:
        from alignlearn.ui.screens.help import HelpScreen, bindings_of

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        groups = [(self.HELP_GROUP, bindings_of(self))]
        groups.append((getattr(screen, "HELP_GROUP", "This dialog"), bindings_of(screen)))
        for widget in screen.query("*"):
            group = getattr(widget, "HELP_GROUP", None)
            if group:
                groups.append((group, bindings_of(widget)))
        self.push_screen(HelpScreen(groups))


def locate(target: str | None, course: str | None) -> tuple[Path, Path | None]:
    """The course folder and the lesson file (if any) that the command line names."""
    from alignlearn import paths

    lesson_file = None
    for named in (target, course):  # a file that is no course, lesson or book: say so, never open its folder
        why = not_a_course(named) if named is not None else None
        if why is not None:
            raise ReaderError(why)
    if target is not None:
        if not Path(target).exists():
            raise ReaderError(f"{target}: no such file or folder")
        root, lesson_file = resolve(target)
    else:
        root = paths.bundled_course()
    if course is not None:  # its folder, course.toml or book.toml, or a lesson file: its course or book
        root = resolve(course)[0] if Path(course).exists() else Path(course)
    if not root.is_dir():
        raise ReaderError(f"no course at {root}")
    return root, lesson_file


def build_app(target: str | None = None, course: str | None = None, lesson: str | None = None) -> AlignlearnApp:
    """The reader on ``target`` (a folder, course.toml or lesson file; default: the bundled
    course), or on ``course``, opened at ``lesson`` (an id or a file) when given."""
    root, lesson_file = locate(target, course)
    opened = open_course(root)
    if lesson is not None:
        info = opened.find(lesson)
        if info is None:
            raise ReaderError(f"no lesson '{lesson}' in course '{opened.id}' ({root})")
        return AlignlearnApp(opened, info.id, lesson=read_ahead(opened, info.id))
    if lesson_file is not None:
        info = opened.find(str(lesson_file))
        if info is None:  # the course could not list it: the reader shows why
            return AlignlearnApp(opened, None, lesson_file=lesson_file)
        return AlignlearnApp(opened, info.id, lesson=read_ahead(opened, info.id))
    first = opened.lessons[0].id if opened.lessons else None
    return AlignlearnApp(opened, first, lesson=read_ahead(opened, first) if first else None, resume=True)


def run_reader(target: str | None = None, course: str | None = None, lesson: str | None = None) -> int:
    try:
        app = build_app(target, course, lesson)
    except ReaderError as error:
        from alignlearn.untrusted import printable

        print(f"alignlearn: error: {printable(str(error))}", file=sys.stderr)
        return 1
    return run_app(app)


def run_app(app: App, **run: object) -> int:
    """Run a reader the way the command line does (the benchmarks too, with ``run``'s
    headless arguments).

    Everything made so far (the modules, the course's records, the first lesson) lives
    as long as the reader, so it is frozen out of the cyclic collector's walks before
    the app starts: they cost 25 ms of collection before the first frame, more with a
    course of thousands of lessons. Tests build many apps in one process and do not
    come here, so nothing they make is kept.
    """
    gc.freeze()
    app.run(**run)
    message = getattr(app, "crash_message", None)
    if message:
        print(message, file=sys.stderr)
    return app.return_code or 0
