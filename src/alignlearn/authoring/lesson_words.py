"""A lesson's words as one folded string, for the warnings that look for a word in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alignlearn.course.lesson import Lesson


def body_text(lesson: "Lesson") -> str:
    """All the words of the body, headings included, as one folded string."""
    parts = [block.plain() for block in lesson.intro]
    for section in lesson.sections:
        parts.append(section.title)
        parts.extend(block.plain() for block in section.blocks)
    return fold("\n".join(parts))


def fold(text: str) -> str:
    return text.casefold().replace("\u2019", "'").replace("\u2018", "'")
