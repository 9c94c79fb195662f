"""The bundled course's comparison tables, and a check that none of their words is split."""

from __future__ import annotations

from alignlearn import paths
from alignlearn.course import load_lesson
from alignlearn.course.body import Table


def bundled_tables() -> dict[str, list[Table]]:
    """Each bundled lesson with a table at its top level, by id, with its tables."""
    found: dict[str, list[Table]] = {}
    for file in sorted(paths.bundled_course().glob("*.md")):
        lesson = load_lesson(file, with_quiz=False)
        blocks = list(lesson.intro) + [block for section in lesson.sections for block in section.blocks]
        tables = [block for block in blocks if isinstance(block, Table)]
        if tables:
            found[lesson.id] = tables
    return found


def split_words(tables: list[Table], lines: list[str]) -> list[str]:
    """The words of the tables' cells that no single line shows whole (a word broken
    across two lines, as "Human-groun" and "ded"). The first column's header is left
    out: a card is titled by the row's first cell, without it."""
    return sorted({word for table in tables for row in [table.header_text()[1:], *table.rows_text()]
                   for cell in row for word in cell.split() if not any(word in line for line in lines)})
