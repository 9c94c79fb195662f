"""What only books make: a directive found in a chapter (``Marker``), and the block that
stands where a ``{{#quiz}}`` was (``QuizMark``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alignlearn.course.body import Block


@dataclass
class Marker:
    kind: str  # "note" | "quiz"
    text: str  # what the note says (for a quiz: the directive's argument)
    line: int  # in the chapter
    path: Path | None = None  # the quiz file


@dataclass(eq=False, repr=False)
class QuizMark(Block):
    """A quiz's place in the text: drawn as a card, "Quiz · 3 questions · x"."""

    questions: int
    section: int = 0  # the section it closes (0: the introduction)

    def plain(self) -> str:
        return ""
