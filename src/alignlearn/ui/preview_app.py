"""``alignlearn preview FILE``: the preview screen (``screens/preview.py``) in an app of its own."""

from __future__ import annotations

import sys
from pathlib import Path

from alignlearn.authoring.watch import LessonWatch
from alignlearn.cache.reading import read_ahead
from alignlearn.course import Course, Lesson, open_course
from alignlearn.course.catalog import not_a_lesson
from alignlearn.ui.app import AlignlearnApp, ReaderError, locate, run_app
from alignlearn.ui.screens.preview import POLL, PreviewScreen, titled


class PreviewApp(AlignlearnApp):
    """The reader on one lesson file, reloading it when it changes."""

    # The app's, as Textual does not load a default screen's own CSS_PATH.
    CSS_PATH = [*(AlignlearnApp.CSS_PATH if isinstance(AlignlearnApp.CSS_PATH, list) else [AlignlearnApp.CSS_PATH]),
                "preview.tcss"]

    def __init__(self, course: Course, lesson_id: str | None, *, lesson_file: Path, file_watch: LessonWatch,
                 lesson: Lesson | None = None, poll: float = POLL) -> None:
        super().__init__(course, lesson_id, lesson_file=lesson_file, lesson=lesson)
        self.file_watch = file_watch
        self.poll = poll

    def get_default_screen(self) -> PreviewScreen:
        lesson_id, lesson_file, _, lesson = self._start
        return PreviewScreen(self.course, lesson_id, lesson_file=lesson_file, file_watch=self.file_watch,
                             lesson=lesson, poll=self.poll)


def build_preview(file: str, poll: float = POLL) -> PreviewApp:
    """The preview of lesson ``file`` (or of the lesson whose quiz file it is)."""
    path = Path(file)
    if path.name.endswith(".quiz.toml"):
        path = path.with_name(path.name.removesuffix(".quiz.toml") + ".md")
    whole = not_a_lesson(str(path))  # a folder, a course.toml, a book.toml, a book's SUMMARY.md
    if whole is not None:
        raise ReaderError(whole)
    if path.suffix.lower() != ".md":
        raise ReaderError(f"{file}: preview needs a lesson file (.md)")
    from alignlearn.sources.book_watch import BookWatch
    from alignlearn.sources.detect import book_root_for

    # Before the first read: a save while it is read is not missed.
    watch = BookWatch(path) if book_root_for(path) is not None else LessonWatch(path)
    root, lesson_file = locate(str(path), None)
    assert lesson_file is not None
    opened = titled(open_course(root))
    info = opened.find(str(lesson_file))
    lesson = read_ahead(opened, info.id) if info is not None else None
    if isinstance(watch, BookWatch) and lesson is not None:
        watch.follow(getattr(lesson, "files", ()))
    return PreviewApp(opened, info.id if info is not None else None, lesson_file=lesson_file, file_watch=watch,
                      lesson=lesson, poll=poll)


def run_preview(file: str) -> int:
    try:
        app = build_preview(file)
    except ReaderError as error:
        print(f"alignlearn: error: {error}", file=sys.stderr)
        return 1
    return run_app(app)
