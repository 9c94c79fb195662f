"""Progress to TOML and back, refusing anything that is not exactly our format.

Reading is strict on purpose: a file with a value of the wrong type, an unknown key or a
naive datetime is not silently "repaired" (which would drop what we do not understand
and then overwrite it); the store moves such a file aside, whole, and starts fresh.

Writing goes through :class:`ProgressWriter`, which keeps the TOML text of each lesson
from the previous write and re-renders only the lessons that changed: after a quiz on a
course of two thousand lessons one lesson changed, and pure-Python TOML rendering of
the whole file would be the slowest step of a save.
"""

from __future__ import annotations

import re
import tomllib
from datetime import datetime
from typing import Any

import tomli_w

from alignlearn.untrusted import TooComplexError, loads_toml, printable

from .model import (
    FORMAT_VERSION,
    TIME_RANGE,
    Answer,
    Attempt,
    CourseProgress,
    LessonProgress,
    Position,
    Progress,
    QuizDraft,
    in_range,
)

__all__ = [
    "ProgressFileError",
    "UnreadableProgressError",
    "NewerFormatError",
    "loads",
    "dumps",
    "ProgressWriter",
    "header_line",
    "to_document",
]


class ProgressFileError(Exception):
    """A progress file we must not treat as ours."""


class UnreadableProgressError(ProgressFileError):
    """Not UTF-8, not TOML, or not the shape of a progress file.

    ``line`` is the 1-based line of the file the problem is on, when known (say it as
    ``FILE:LINE: message``); the message itself never carries it.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class _TimeOutOfRange(UnreadableProgressError):
    """A time outside the supported range; ``loads`` finds its line in the text."""

    def __init__(self, message: str, key: str, value: datetime) -> None:
        super().__init__(message)
        self.key, self.value = key, value


class NewerFormatError(ProgressFileError):
    """Written by a newer alignlearn: readable by it, not by us, and not ours to rewrite."""

    def __init__(self, version: int) -> None:
        super().__init__(f"format_version {version} is newer than this alignlearn knows ({FORMAT_VERSION})")
        self.version = version


# ---------------------------------------------------------------------------- reading


def loads(data: bytes) -> Progress:
    """Parse a progress file's bytes; raise a :class:`ProgressFileError` subclass."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableProgressError(f"it is not UTF-8 text (byte {error.start})") from None
    text = text.removeprefix("\ufeff")
    try:
        document = loads_toml(text)  # bounded: an imported file may be hostile
    except tomllib.TOMLDecodeError as error:
        raise UnreadableProgressError(f"it is not valid TOML ({error})") from None
    except TooComplexError as error:
        raise UnreadableProgressError(f"it is not a progress file ({error})") from None
    try:
        return from_document(document)
    except UnreadableProgressError as error:  # it quotes keys from the file: keep them text
        line = _line_of_time(text, error.key, error.value) if isinstance(
            error, _TimeOutOfRange) else error.line
        raise UnreadableProgressError(printable(str(error), one_line=True), line) from None
    except (ValueError, TypeError, OverflowError) as error:
        # A value the checks above let through but the model refuses: still a file
        # that cannot be read, to be moved aside, never a traceback.
        raise UnreadableProgressError(
            f"it is not a progress file ({printable(str(error), one_line=True)})") from None


def from_document(document: dict[str, Any]) -> Progress:
    version = document.get("format_version")
    if type(version) is not int:
        raise UnreadableProgressError("format_version: missing or not an integer")
    if version > FORMAT_VERSION:
        raise NewerFormatError(version)
    if version < 1:
        raise UnreadableProgressError(f"format_version: {version} is not a known version")
    _only(document, "", {"format_version", "courses"})
    courses = _table(document.get("courses", {}), "courses")
    return Progress(
        format_version=FORMAT_VERSION,
        courses={cid: _course(value, f"courses.{cid}") for cid, value in courses.items()},
    )


def _course(value: Any, where: str) -> CourseProgress:
    table = _table(value, where)
    _only(table, where, {"last_lesson", "last_opened", "lessons"})
    lessons = _table(table.get("lessons", {}), f"{where}.lessons")
    return CourseProgress(
        last_lesson=_optional(table, "last_lesson", str, where),
        last_opened=_optional_time(table, "last_opened", where),
        lessons={lid: _lesson(v, f"{where}.lessons.{lid}") for lid, v in lessons.items()},
    )


def _lesson(value: Any, where: str) -> LessonProgress:
    table = _table(value, where)
    _only(table, where, {"sections_read", "position", "attempts", "draft"})
    sections = _list(table.get("sections_read", []), f"{where}.sections_read")
    for index, key in enumerate(sections):
        _expect(key, str, f"{where}.sections_read[{index}]")
    attempts = _list(table.get("attempts", []), f"{where}.attempts")
    position = table.get("position")
    draft = table.get("draft")
    return LessonProgress(
        sections_read=set(sections),
        position=None if position is None else _position(position, f"{where}.position"),
        attempts=[_attempt(a, f"{where}.attempts[{i}]") for i, a in enumerate(attempts)],
        draft=None if draft is None else _draft(draft, f"{where}.draft"),
    )


def _position(value: Any, where: str) -> Position:
    table = _table(value, where)
    _only(table, where, {"section", "line", "updated"})
    line = _required(table, "line", int, where)
    if line < 0:
        raise UnreadableProgressError(f"{where}.line: {line} is negative")
    return Position(
        section=_required(table, "section", str, where),
        line=line,
        updated=_required_time(table, "updated", where),
    )


def _draft(value: Any, where: str) -> QuizDraft:
    table = _table(value, where)
    _only(table, where, {"answers", "updated"})
    return QuizDraft(
        answers=_answers(table.get("answers", {}), f"{where}.answers"),
        updated=_required_time(table, "updated", where),
    )


def _attempt(value: Any, where: str) -> Attempt:
    table = _table(value, where)
    _only(table, where, {"when", "score", "total", "answers", "correct"})
    score = _required(table, "score", int, where)
    total = _required(table, "total", int, where)
    if not 0 <= score <= total:
        raise UnreadableProgressError(f"{where}: score {score} is not between 0 and total {total}")
    correct = _table(table.get("correct", {}), f"{where}.correct")
    for key, flag in correct.items():
        _expect(flag, bool, f"{where}.correct.{key}")
    return Attempt(
        when=_required_time(table, "when", where),
        score=score,
        total=total,
        answers=_answers(table.get("answers", {}), f"{where}.answers"),
        correct=dict(correct),
    )


def _answers(value: Any, where: str) -> dict[str, Answer]:
    table = _table(value, where)
    for key, answer in table.items():
        if isinstance(answer, list):
            for index, item in enumerate(answer):
                _expect(item, str, f"{where}.{key}[{index}]")
        elif type(answer) not in (str, bool):
            raise UnreadableProgressError(
                f"{where}.{key}: expected text, a list of texts or true/false, "
                f"got {_kind(answer)}"
            )
    return table


_NAMES = {str: "text", int: "an integer", bool: "true/false", dict: "a table", list: "an array"}


def _kind(value: Any) -> str:
    if isinstance(value, datetime):
        return "a datetime"
    return _NAMES.get(type(value), type(value).__name__)


def _expect(value: Any, kind: type, where: str) -> Any:
    # type() rather than isinstance(): true is not an integer here.
    if type(value) is not kind:
        raise UnreadableProgressError(f"{where}: expected {_NAMES[kind]}, got {_kind(value)}")
    return value


def _table(value: Any, where: str) -> dict[str, Any]:
    return _expect(value, dict, where)


def _list(value: Any, where: str) -> list[Any]:
    return _expect(value, list, where)


def _only(table: dict[str, Any], where: str, allowed: set[str]) -> None:
    unknown = table.keys() - allowed
    if unknown:
        prefix = f"{where}." if where else ""
        raise UnreadableProgressError(f"{prefix}{min(unknown)}: unknown key")


def _required(table: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in table:
        raise UnreadableProgressError(f"{where}.{key}: missing")
    return _expect(table[key], kind, f"{where}.{key}")


def _optional(table: dict[str, Any], key: str, kind: type, where: str) -> Any:
    return None if key not in table else _expect(table[key], kind, f"{where}.{key}")


def _required_time(table: dict[str, Any], key: str, where: str) -> datetime:
    if key not in table:
        raise UnreadableProgressError(f"{where}.{key}: missing")
    return _time(table[key], f"{where}.{key}")


def _optional_time(table: dict[str, Any], key: str, where: str) -> datetime | None:
    return None if key not in table else _time(table[key], f"{where}.{key}")


def _time(value: Any, where: str) -> datetime:
    if type(value) is not datetime:
        raise UnreadableProgressError(f"{where}: expected a date-time, got {_kind(value)}")
    if value.tzinfo is None:
        raise UnreadableProgressError(f"{where}: a date-time needs a time zone offset")
    if not in_range(value):
        raise _TimeOutOfRange(f"{where}: {value.isoformat()} is outside the supported range "
                              f"({TIME_RANGE})", where.rsplit(".", 1)[-1], value)
    return value


# A key set to an offset date-time, as TOML writes it: ``when = 9999-12-31T23:59:59-01:00``,
# bare or quoted, maybe the last part of a dotted key or inside an inline table.
_TIME_LITERAL = (r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                 r"(?:[Zz]|[+-]\d{2}:\d{2})")


def _line_of_time(text: str, key: str, value: datetime) -> int | None:
    """The first line where ``key`` is set to exactly ``value`` (same wall time and
    offset), or None. tomllib does not say where a value came from; only the line of an
    error found after parsing is looked for, so the scan costs nothing otherwise."""
    quoted = re.escape(key)
    pattern = re.compile(rf"""(?:^|(?<=[\s{{,.]))(?:{quoted}|"{quoted}"|'{quoted}')"""
                         rf"\s*=\s*({_TIME_LITERAL})")
    wanted = (value.replace(tzinfo=None), value.utcoffset())
    for number, line in enumerate(text.split("\n"), start=1):
        for match in pattern.finditer(line):
            try:
                found = tomllib.loads(f"v = {match.group(1)}")["v"]
            except (tomllib.TOMLDecodeError, ValueError):
                continue
            if (found.replace(tzinfo=None), found.utcoffset()) == wanted:
                return number
    return None


# ---------------------------------------------------------------------------- writing


def to_document(progress: Progress) -> dict[str, Any]:
    """The TOML document of a progress state (plain dicts, lists and datetimes)."""
    return {
        "format_version": FORMAT_VERSION,
        "courses": {
            cid: _course_document(course, include_lessons=True)
            for cid, course in progress.courses.items()
        },
    }


def _course_document(course: CourseProgress, *, include_lessons: bool) -> dict[str, Any]:
    document: dict[str, Any] = {}
    if course.last_lesson is not None:
        document["last_lesson"] = course.last_lesson
    if course.last_opened is not None:
        document["last_opened"] = course.last_opened
    if include_lessons:
        document["lessons"] = {lid: _lesson_document(l) for lid, l in course.lessons.items()}
    return document


def _lesson_document(lesson: LessonProgress) -> dict[str, Any]:
    document: dict[str, Any] = {}
    if lesson.sections_read:
        document["sections_read"] = sorted(lesson.sections_read)
    if lesson.position is not None:
        p = lesson.position
        document["position"] = {"section": p.section, "line": p.line, "updated": p.updated}
    if lesson.attempts:
        document["attempts"] = [
            {
                "when": a.when,
                "score": a.score,
                "total": a.total,
                "answers": a.answers,
                "correct": a.correct,
            }
            for a in lesson.attempts
        ]
    if lesson.draft is not None:
        document["draft"] = {"answers": lesson.draft.answers, "updated": lesson.draft.updated}
    return document


def dumps(progress: Progress, header: str = "# alignlearn progress\n") -> str:
    """The whole file, rendered from scratch."""
    return ProgressWriter().render(progress, header)


def header_line(token: str) -> str:
    """The file's first line; ``token`` is new on every write, so a store can tell its
    own last write from a file someone else wrote in the same clock tick."""
    return f"# alignlearn progress, write {token}. Copy it freely; edit it only while alignlearn is closed.\n"


class ProgressWriter:
    """Renders progress to TOML, re-rendering only the lessons said to have changed.

    The cache maps (course id, lesson id) to the lesson's TOML text. The store calls
    :meth:`forget` for each lesson it changes, or :meth:`forget_all` when it cannot
    tell (a merge with another copy, a change made by arbitrary code); a lesson not in
    the cache is rendered again. Concatenating per-lesson documents is valid TOML
    because each lesson is its own table and TOML tables may come in any order.
    """

    def __init__(self) -> None:
        self._lessons: dict[tuple[str, str], str] = {}

    def forget(self, course_id: str, lesson_id: str) -> None:
        self._lessons.pop((course_id, lesson_id), None)

    def forget_all(self) -> None:
        self._lessons.clear()

    def render(self, progress: Progress, header: str = "") -> str:
        parts = [header, f"format_version = {FORMAT_VERSION}\n"]
        cache = self._lessons
        kept: dict[tuple[str, str], str] = {}
        for course_id, course in progress.courses.items():
            parts.append("\n")
            parts.append(tomli_w.dumps(
                {"courses": {course_id: _course_document(course, include_lessons=False)}}
            ))
            for lesson_id, lesson in course.lessons.items():
                key = (course_id, lesson_id)
                text = cache.get(key)
                if text is None:
                    text = tomli_w.dumps(
                        {"courses": {course_id: {"lessons": {lesson_id: _lesson_document(lesson)}}}}
                    )
                kept[key] = text
                parts.append("\n")
                parts.append(text)
        self._lessons = kept
        return "".join(parts)
