"""What the course's other lessons say, for one lesson's tutor: how many lessons use each word
(a word most of them use, "model", "AI", cannot vouch for a passage), and the names and key
terms they use that this lesson never does ("what did deepmind find ...?" asked of a lesson
that never names DeepMind: the course teaches it elsewhere, and the tutor points there).

A mixin of :class:`~alignlearn.tutor.tutor.Tutor`; counted on first use, once per tutor.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Callable

from alignlearn.tutor.lacks import Named, course_spread, initials, lesson_texts, named_elsewhere

if TYPE_CHECKING:
    from alignlearn.course.lesson import Lesson


class CourseWords:
    course: object
    lesson: "Lesson"
    _stemmer: Callable[[str], str]
    _spread: Counter[str] | None
    _course_names: dict[str, Named]
    _counted: int  # lessons read to count (a sample of a large course)
    _initials: frozenset[str] | None
    _stems: Callable[[str], list[str]]
    _lesson_has: Callable[[tuple[str, ...]], bool]

    def _common(self, token: str, share: float = 0.5) -> bool:
        """Whether more than ``share`` of the course's lessons use ``token`` ("AI", "RLHF"; any, at 0)."""
        counted = self.spread()
        return counted is not None and counted[0][token] > counted[1] * share

    def spread(self) -> tuple[Counter[str], int] | None:
        """How many lessons of the course use each stem, and how many lessons were read to count
        (all, or a sample of a large course; ``lacks.course_spread``); None without a course.
        Counted on first use."""
        if self.course is None:
            return None
        if self._spread is None:
            self._spread, self._course_names, self._counted = course_spread(self.course, self._stemmer,
                                                                            self.lesson.related)
        return self._spread, self._counted

    def _named_elsewhere(self, question: str) -> Named | None:
        """A name or key term another lesson of the course uses and this one never does."""
        if self.spread() is None:
            return None
        return named_elsewhere(question, self._course_names, self.lesson.id, self._names_it, self._counted)

    def _names_it(self, phrase: str) -> bool:
        """Whether the lesson names ``phrase`` (folded words): its words in a row, or, for an acronym,
        the words it stands for ("RLHF": "reinforcement learning from human feedback")."""
        if self._lesson_has(tuple(self._stems(phrase))):
            return True
        if " " in phrase:
            return False
        if self._initials is None:
            self._initials = initials(lesson_texts(self.lesson) + list(self.lesson.terms.values()))
        return phrase.replace("-", "") in self._initials
