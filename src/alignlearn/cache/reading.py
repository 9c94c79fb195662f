"""Reading a lesson for the reader: from the lesson cache, or parsed; a long one sketched first.

The reader shows a long lesson's head and tail at once (``render.stream.sketch``) and
parses the whole in the background; a lesson in the cache needs neither.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from alignlearn.cache import parsed_lessons
from alignlearn.course import cancel
from alignlearn.course.catalog import Course
from alignlearn.course.lesson import Lesson, LessonInfo
from alignlearn.course.problems import LessonError

LONG_FILE = 64 * 1024  # bytes: about 2,000 lines, past which a lesson is sketched first


def is_long(file: Path) -> bool:
    """Whether a lesson file is long enough to be worth sketching."""
    try:
        return file.stat().st_size > LONG_FILE
    except OSError:
        return False


def kept(info: LessonInfo) -> Lesson | None:
    """The lesson as the cache holds it, if its file has not changed: milliseconds, even when long."""
    found = parsed_lessons.load(info.file)
    return found if found is not None and found.id == info.id else None


def kept_anywhere(course: Course, info: LessonInfo) -> Lesson | None:
    """The lesson as whichever cache keeps its kind holds it (a book's chapter or a plain
    file: without its quiz), or None: enough to know its sections without parsing."""
    if course.source is None:
        return kept(info)
    kept_by_source = getattr(course.source, "kept", None)
    return kept_by_source(info) if kept_by_source is not None else None


def read(course: Course, lesson_id: str) -> Lesson:
    """The lesson, from the cache or parsed (and then kept); raises ``LessonError``."""
    return parsed_lessons.read(course, lesson_id)


BATCH_SECONDS = 0.1  # a thread reading many lessons hands over what it has read this often, not one at a time


def read_in_batches(course: Course, infos: Iterable[LessonInfo],
                    cancelled: Callable[[], bool]) -> Iterator[dict[str, Lesson | None]]:
    """The lessons ``infos`` name, each read as ``read`` does (None for one that cannot be:
    opening it says why), in batches of those read within ``BATCH_SECONDS``, for a thread
    to hand on as they come. Stops, mid-parse too, once ``cancelled()``."""
    found: dict[str, Lesson | None] = {}
    shown = time.monotonic()
    with cancel.under(cancelled):
        for info in infos:
            if cancelled():
                return
            try:
                found[info.id] = read(course, info.id)
            except cancel.Cancelled:
                return
            except (LessonError, OSError, KeyError):
                found[info.id] = None
            if time.monotonic() - shown > BATCH_SECONDS:
                yield found
                found, shown = {}, time.monotonic()
    if found:
        yield found


def read_ahead(course: Course, lesson_id: str) -> Lesson | None:
    """The first lesson, read before the app starts, unless it is long (then the reader
    sketches it first). Done there it costs less than in a thread racing the first
    frame, and from the cache it costs no parsing at all; a lesson that fails is left
    for the reader to report."""
    info = course.info(lesson_id)
    try:
        if info is not None and not is_long(info.file):
            return read(course, lesson_id)
    except (LessonError, OSError):
        pass
    return None
