"""The lessons a lesson lists as related, each with its own tutor, built on first use:
a question this lesson does not cover may be one of them covers. And the lesson of the
course that is about what a question asks ("What is Cargo?" in a book's first chapter:
"Hello, Cargo!"), named beside an answer this lesson gives in passing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from alignlearn.course.lesson import Lesson
from alignlearn.course.problems import LessonError
from alignlearn.tutor.answers import Answer
from alignlearn.tutor.lacks import term_asked
from alignlearn.tutor.words import fold

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


def lesson_about(question: str, course, lesson: Lesson):
    """For "What is X?", the lesson of ``course`` whose title names X (the shortest such title:
    "Hello, Cargo!" before "More About Cargo and Crates.io"), else one of whose learning path
    does ("Sparse autoencoders" in Interpretability's), when that is not ``lesson`` and
    ``lesson`` neither names X in its title nor defines it; else None."""
    term = term_asked(question) if course is not None else None
    if not term:
        return None
    named = re.compile(r"\b" + r"\W+".join(re.escape(word) for word in term) + r"(?:s|es|ing)?\b")  # "Borrowing"
    if named.search(fold(lesson.title)) or any(named.search(fold(key)) for key in lesson.terms):
        return None
    found = [info for info in course.lessons if info.id != lesson.id and named.search(fold(info.title))]
    if not found:  # else a lesson whose learning path (its sections) names it: "Sparse autoencoders"
        found = [info for info in course.lessons if info.id != lesson.id
                 and any(named.search(fold(step)) for step in getattr(info, "path", ()) or ())]
    return min(found, key=lambda info: len(info.title)) if found else None


def about_elsewhere(answer: Answer, course, lesson: Lesson) -> Answer:
    """``answer`` to "What is X?", with the lesson about X (``lesson_about``) named beside it."""
    best = lesson_about(answer.question, course, lesson) if answer.covered else None
    if best is None:
        return answer
    return replace(answer, suggestion=f"The lesson \u201c{best.title}\u201d is about that.", suggested_lesson=best.id)
