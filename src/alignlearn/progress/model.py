"""What the learner has done, as plain dataclasses.

Everything is keyed by stable ids (course id, lesson id, question id) and by section
keys (a slug of the section title, see :func:`section_key`), never by position, so an
author who edits or reorders a lesson does not take the learner's progress away.

Every datetime is timezone-aware and kept in UTC: attempts from two machines in two
time zones must sort and deduplicate by the instant they happened.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Union

FORMAT_VERSION = 1
"""The ``format_version`` this code writes and the newest it understands."""

PASS_MARK = 70
"""An attempt passes when it scores at least this percentage of its questions."""

Answer = Union[str, list[str], bool]
"""A learner's answer to one question: a choice's text (single), the chosen texts
(multiple), or ``True``/``False`` (true_false)."""


EARLIEST = datetime(1, 1, 2, tzinfo=timezone.utc)
LATEST = datetime(9999, 12, 30, 23, 59, 59, 999999, tzinfo=timezone.utc)
"""The supported range of instants. A day inside what ``datetime`` holds, so that every
time kept can be shown in any time zone (an offset is less than a day) without overflow."""

TIME_RANGE = "0001-01-02 to 9999-12-30 in UTC"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def in_range(moment: datetime) -> bool:
    """Whether an aware ``moment`` lies from EARLIEST to LATEST, tested without overflow
    (converting 9999-12-31T23:59:59-01:00 to UTC raises ``OverflowError``)."""
    offset = moment.utcoffset()
    wall = moment.replace(tzinfo=None)
    # Bounds moved by the offset stay inside datetime's range: offsets are under a day.
    return (EARLIEST.replace(tzinfo=None) + offset <= wall
            <= LATEST.replace(tzinfo=None) + offset)


def as_utc(moment: datetime, what: str = "datetime") -> datetime:
    """The same instant in UTC; a naive datetime is refused, since its zone is a guess,
    and so is one outside the supported range (ValueError)."""
    if not isinstance(moment, datetime):
        raise TypeError(f"{what} must be a datetime, not {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware")
    if not in_range(moment):
        raise ValueError(f"{what} {moment.isoformat()} is outside the supported range "
                         f"({TIME_RANGE})")
    if moment.tzinfo is timezone.utc:
        return moment
    return moment.astimezone(timezone.utc)


_NOT_WORD = re.compile(r"[^\w]+")


INTRODUCTION = "#introduction"
"""The key a lesson's introduction is read under: no section's title makes it (``section_key``
never gives a "#"), and a lesson is done by its sections, so it only marks the map."""


def keys_to_read(section_keys) -> set[str]:
    """The keys a lesson is read by: its sections', or, for a lesson with no sections, its
    introduction's (the SPEC is silent: a lesson that is one run of text is read once that
    text has been on screen, as a section is)."""
    keys = set(section_keys)
    return keys or {INTRODUCTION}


def section_key(title: str) -> str:
    """The key a section's progress is stored under: a slug of its title.

    Keyed by title rather than number so that inserting or moving a section keeps what
    the learner has read. ``"The core problem, in one sentence"`` becomes
    ``"the-core-problem-in-one-sentence"``; letters outside ASCII are kept.
    """
    text = unicodedata.normalize("NFKC", title).casefold()
    slug = _NOT_WORD.sub("-", text).replace("_", "-").strip("-")
    return re.sub("-{2,}", "-", slug)


@dataclass(slots=True)
class Position:
    """Where the learner was reading: a section and a line offset inside it."""

    section: str
    line: int
    updated: datetime

    def __post_init__(self) -> None:
        if self.line < 0:
            raise ValueError("a position's line cannot be negative")
        self.updated = as_utc(self.updated, "Position.updated")


@dataclass(slots=True)
class QuizDraft:
    """The answers given so far in a quiz the learner left half way."""

    answers: dict[str, Answer]
    updated: datetime

    def __post_init__(self) -> None:
        self.updated = as_utc(self.updated, "QuizDraft.updated")


@dataclass(slots=True)
class Attempt:
    """One finished quiz: when, how well, and every answer given."""

    when: datetime
    score: int
    total: int
    answers: dict[str, Answer] = field(default_factory=dict)
    correct: dict[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.when = as_utc(self.when, "Attempt.when")
        if not 0 <= self.score <= self.total:
            raise ValueError(
                f"an attempt's score must be between 0 and its total ({self.score}/{self.total})"
            )

    @classmethod
    def now(
        cls,
        score: int,
        total: int,
        answers: dict[str, Answer] | None = None,
        correct: dict[str, bool] | None = None,
    ) -> Attempt:
        return cls(utc_now(), score, total, dict(answers or {}), dict(correct or {}))

    @property
    def passed(self) -> bool:
        return self.total > 0 and self.score * 100 >= self.total * PASS_MARK


@dataclass(slots=True)
class LessonProgress:
    sections_read: set[str] = field(default_factory=set)
    position: Position | None = None
    attempts: list[Attempt] = field(default_factory=list)
    draft: QuizDraft | None = None

    def best_attempt(self) -> Attempt | None:
        """The highest-scoring attempt (by fraction); the earliest one among equals,
        so "best score so far, on DATE" names the day it was first reached."""
        best: Attempt | None = None
        for attempt in self.attempts:
            if best is None or _better(attempt, best):
                best = attempt
        return best

    def last_attempt(self) -> Attempt | None:
        return max(self.attempts, key=lambda a: a.when, default=None)

    def passed(self) -> bool:
        return any(attempt.passed for attempt in self.attempts)

    def is_done(self, section_keys: set[str] | list[str] | tuple[str, ...] = ()) -> bool:
        """A lesson is done when its quiz was passed or every one of its sections read.

        Either counts: reading everything is the work the course asks for, and passing
        the quiz shows the learner already knows it. ``section_keys`` are the lesson's
        current sections (the store does not know the lesson); with none given, only a
        passed quiz makes a lesson done.
        """
        if self.passed():
            return True
        keys = set(section_keys)
        return bool(keys) and keys <= self.sections_read

    def is_empty(self) -> bool:
        return not (self.sections_read or self.position or self.attempts or self.draft)


def _better(a: Attempt, b: Attempt) -> bool:
    # a.score/a.total against b.score/b.total, exactly; a quiz of no questions scores 0/1.
    left, right = a.score * max(b.total, 1), b.score * max(a.total, 1)
    if left != right:
        return left > right
    return a.when < b.when


@dataclass(slots=True)
class CourseProgress:
    last_lesson: str | None = None
    last_opened: datetime | None = None
    lessons: dict[str, LessonProgress] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.last_opened is not None:
            self.last_opened = as_utc(self.last_opened, "CourseProgress.last_opened")

    def lesson(self, lesson_id: str) -> LessonProgress:
        """The lesson's progress, created empty when there is none yet."""
        found = self.lessons.get(lesson_id)
        if found is None:
            found = self.lessons[lesson_id] = LessonProgress()
        return found


@dataclass(slots=True)
class Progress:
    format_version: int = FORMAT_VERSION
    courses: dict[str, CourseProgress] = field(default_factory=dict)

    def course(self, course_id: str) -> CourseProgress:
        """The course's progress, created empty when there is none yet."""
        found = self.courses.get(course_id)
        if found is None:
            found = self.courses[course_id] = CourseProgress()
        return found

    def find(self, course_id: str, lesson_id: str) -> LessonProgress | None:
        """The lesson's progress, or None; unlike :meth:`course` it adds nothing."""
        course = self.courses.get(course_id)
        return None if course is None else course.lessons.get(lesson_id)
