"""Blocks that only books make: where a ``{{#quiz}}`` stands in a chapter."""

from __future__ import annotations

from dataclasses import dataclass

from alignlearn.course.body import Block


@dataclass(eq=False, repr=False)
class QuizMark(Block):
    """A quiz's place in the text: drawn as a card, "Quiz · 3 questions · x"."""

    questions: int
    section: int = 0  # the section it closes (0: the introduction)

    def plain(self) -> str:
        return ""
