"""The lessons a lesson lists as related, each with its own tutor, built on first use:
a question this lesson does not cover may be one of them covers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from alignlearn.course.lesson import Lesson
from alignlearn.course.problems import LessonError

if TYPE_CHECKING:
    from alignlearn.tutor.tutor import Tutor


class Related:
    def __init__(self, lesson: Lesson, course, make: Callable[[Lesson], "Tutor"]):
        self.lesson = lesson
        self.course = course
        self.make = make
        self._tutors: dict[str, Tutor | None] = {}

    def tutor(self, lesson_id: str) -> "Tutor | None":
        if lesson_id not in self._tutors:
            try:
                lesson = self.course.lesson(lesson_id)
            except (LessonError, KeyError, OSError):
                lesson = None
            self._tutors[lesson_id] = None if lesson is None or lesson.id == self.lesson.id else self.make(lesson)
        return self._tutors[lesson_id]

    def index(self) -> None:
        if self.course is not None:
            for lesson_id in self.lesson.related:
                self.tutor(lesson_id)

    def better(self, asked: str, confidence: float, threshold: float) -> "Tutor | None":
        """The related lesson's tutor most confident about ``asked``, when it is at least
        ``threshold`` and more than ``confidence``."""
        if self.course is None:
            return None
        best, best_confidence = None, confidence
        for lesson_id in self.lesson.related:
            tutor = self.tutor(lesson_id)
            theirs = tutor.confidence(asked) if tutor is not None else 0.0
            if theirs >= threshold and theirs > best_confidence:
                best, best_confidence = tutor, theirs
        return best
