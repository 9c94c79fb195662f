"""Reading other devices' progress files a lesson at a time, parsing only what is new.

A synced folder holds one full progress file per device, megabytes each, and after the
devices have met they hold nearly the same lessons. ``tomllib`` reads about 5 MB a
second, so parsing each file whole at every sync would take seconds. The store's writer
(:class:`~.codec.ProgressWriter`) writes each lesson as its own TOML table, so a file
splits at its lesson headers into chunks, and a chunk whose text is already in this
device's own file, or was parsed at an earlier sync, is not parsed again.

Splitting is safe only for files shaped the way the writer writes them, so the fast way
is taken only when every chunk proves it: each chunk parses alone, holds exactly one
course header's keys or one lesson (all its tables spelled under that lesson's own
header), and no course or lesson comes twice. Then the chunks mean what the whole file
means. Any other file is parsed whole by :func:`~.codec.loads`, with its errors and
line numbers.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

from alignlearn.untrusted import TooComplexError, loads_toml

from .codec import NewerFormatError, from_document, loads
from .model import FORMAT_VERSION, CourseProgress, LessonProgress, Progress

__all__ = ["ChunkReader", "FileProgress", "chunks_of"]

_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_HEADER = re.compile(rf"^\[courses\.{_KEY}(?:\.lessons\.{_KEY})?\]$", re.MULTILINE)
_TABLE_LINE = re.compile(r"^\[", re.MULTILINE)


def chunks_of(text: str) -> tuple[str, list[str]]:
    """The text before the first course or lesson header, and each chunk from one such
    header to the next (trailing newlines dropped: the last chunk has none)."""
    starts = [match.start() for match in _HEADER.finditer(text)]
    if not starts:
        return text, []
    ends = starts[1:] + [len(text)]
    return text[:starts[0]], [text[a:b].rstrip("\n") for a, b in zip(starts, ends)]


class _NotOurShape(Exception):
    """The file is not split the writer's way: read it whole instead."""


@dataclass(slots=True)
class FileProgress:
    """What one file adds: its course headers, and its lessons not already known."""

    courses: dict[str, CourseProgress] = field(default_factory=dict)
    lessons: dict[tuple[str, str], LessonProgress] = field(default_factory=dict)
    chunks: int = 0  # lessons in the file, new or not
    parsed: int = 0  # lesson chunks that had to be parsed this time

    def as_progress(self) -> Progress:
        progress = Progress()
        for course_id, course in self.courses.items():
            progress.courses[course_id] = CourseProgress(course.last_lesson, course.last_opened)
        for (course_id, lesson_id), lesson in self.lessons.items():
            progress.course(course_id).lessons[lesson_id] = lesson
        return progress


class ChunkReader:
    """Parses progress files chunk by chunk, remembering the chunks it has parsed.

    Keep one across syncs (the reader does): what it remembers is the chunks of the
    files it read last, no more.
    """

    def __init__(self) -> None:
        self._parsed: dict[str, tuple[str, tuple[str, ...], object]] = {}
        self._seen: dict[str, tuple[str, tuple[str, ...], object]] = {}

    def begin(self) -> None:
        """A new sync: chunks not seen in it are forgotten at :meth:`end`."""
        self._seen = {}

    def end(self) -> None:
        self._parsed, self._seen = self._seen, {}

    def read(self, data: bytes, known: set[str] | frozenset[str] = frozenset()) -> FileProgress:
        """The progress in ``data``, less the lesson chunks in ``known`` (texts already
        merged). Raises what :func:`~.codec.loads` raises for a file it cannot read."""
        try:
            text = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            loads(data)  # says why, as the codec does
            raise
        try:
            return self._read_chunks(text, known)
        except _NotOurShape:
            return _whole(loads(data))

    def _read_chunks(self, text: str, known: set[str] | frozenset[str]) -> FileProgress:
        preamble, chunks = chunks_of(text)
        version = _preamble_version(preamble)
        if version > FORMAT_VERSION:
            raise NewerFormatError(version)
        found = FileProgress()
        courses: set[str] = set()
        headers: set[str] = set()
        for chunk in chunks:
            header = chunk.split("\n", 1)[0]
            if header in headers:
                raise _NotOurShape  # a table twice: the whole file says why
            headers.add(header)
            is_lesson = ".lessons." in header
            if is_lesson:
                found.chunks += 1
                if chunk in known:
                    continue
            if is_lesson and chunk not in self._parsed and chunk not in self._seen:
                found.parsed += 1
            kind, key, value = self._parse(chunk)
            if (kind == "lesson") != is_lesson:
                raise _NotOurShape
            if kind == "course":
                if key[0] in courses:
                    raise _NotOurShape  # [courses.X] twice: the whole file says why
                courses.add(key[0])
                found.courses[key[0]] = value  # type: ignore[assignment]
            else:
                if key in found.lessons:
                    raise _NotOurShape
                found.lessons[key] = value  # type: ignore[index, assignment]
        return found

    def _parse(self, chunk: str) -> tuple[str, tuple[str, ...], object]:
        parsed = self._parsed.get(chunk) or self._seen.get(chunk)
        if parsed is None:
            parsed = _parse_chunk(chunk)
        else:
            parsed = (parsed[0], parsed[1], _fresh(parsed[2]))
        self._seen[chunk] = parsed
        return parsed


def _fresh(value):
    """A copy to hand out: what the caller merges must not change what is cached."""
    if isinstance(value, LessonProgress):
        return LessonProgress(set(value.sections_read), value.position, list(value.attempts), value.draft)
    return CourseProgress(value.last_lesson, value.last_opened)


def _preamble_version(preamble: str) -> int:
    if _TABLE_LINE.search(preamble):
        raise _NotOurShape
    try:
        document = tomllib.loads(preamble)
    except tomllib.TOMLDecodeError:
        raise _NotOurShape from None
    version = document.get("format_version")
    if document.keys() != {"format_version"} or type(version) is not int or version < 1:
        raise _NotOurShape
    return version


def _parse_chunk(chunk: str) -> tuple[str, tuple[str, ...], object]:
    """("course", (course id,), CourseProgress) or ("lesson", (course id, lesson id),
    LessonProgress); _NotOurShape for anything else."""
    try:
        document = loads_toml(chunk)
    except (tomllib.TOMLDecodeError, TooComplexError):
        raise _NotOurShape from None
    courses = document.get("courses")
    if document.keys() != {"courses"} or not isinstance(courses, dict) or len(courses) != 1:
        raise _NotOurShape
    (course_id, course), = courses.items()
    if not isinstance(course, dict):
        raise _NotOurShape
    header = chunk.split("\n", 1)[0]
    tables = _TABLE_LINE.findall(chunk)
    if "lessons" in course:
        lessons = course["lessons"]
        if course.keys() != {"lessons"} or not isinstance(lessons, dict) or len(lessons) != 1:
            raise _NotOurShape
        # Every table of the chunk under its own header: no other table is touched.
        inner = header[:-1] + "."
        for line in chunk.split("\n")[1:]:
            if line.startswith("[") and not (line.startswith(inner) or line.startswith("[" + inner)):
                raise _NotOurShape
        kind = "lesson"
    else:
        if len(tables) != 1:
            raise _NotOurShape
        kind = "course"
    try:
        progress = from_document({"format_version": FORMAT_VERSION, "courses": courses})
    except Exception:  # the codec's, or the model's: the whole file is read to say which
        raise _NotOurShape from None
    parsed_course = progress.courses[course_id]
    if kind == "course":
        return kind, (course_id,), parsed_course
    (lesson_id, lesson), = parsed_course.lessons.items()
    return kind, (course_id, lesson_id), lesson


def _whole(progress: Progress) -> FileProgress:
    found = FileProgress()
    for course_id, course in progress.courses.items():
        found.courses[course_id] = CourseProgress(course.last_lesson, course.last_opened)
        for lesson_id, lesson in course.lessons.items():
            found.lessons[(course_id, lesson_id)] = lesson
            found.chunks += 1
            found.parsed += 1
    return found
