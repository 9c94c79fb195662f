"""Comparison tables in the reader: a real table when it fits, cards when a word would
otherwise be broken, laid out again at each width the terminal is resized to (issue 21, item 2)."""

from __future__ import annotations

import pytest

from alignlearn.ui.app import build_app
from pilot import copy_course, settle
from tables import bundled_tables, split_words


def page_text(app) -> list[str]:
    """Every line of the lesson as rendered at the view's width, not only those in view."""
    return ["".join(segment.text for segment in line) for line in app.lesson_screen.view.page.lines]


@pytest.mark.parametrize("lesson_id", ["alignment-technical-problem", "scalable-oversight"])
async def test_resizing_never_breaks_a_word_of_a_table(tmp_path, lesson_id):
    tables = bundled_tables()[lesson_id]
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=lesson_id)
    async with app.run_test(size=(80, 24)) as pilot:
        widths = []
        for columns in (80, 60, 40):
            await pilot.resize_terminal(columns, 24)
            await settle(pilot)
            lines = page_text(app)
            widths.append(app.lesson_screen.view.page.width)
            assert split_words(tables, lines) == [], columns
        assert widths == sorted(widths, reverse=True) and len(set(widths)) == 3  # laid out again each time
        assert not any(line.startswith("\u250c") for line in lines)  # cards at 40
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        lines = page_text(app)
        assert any(line.startswith("\u250c") for line in lines)  # the real table is back
        assert split_words(tables, lines) == []


async def test_a_card_title_names_its_column_in_the_reader(tmp_path):
    from wide_table import HEADER, ROWS, write_wide_table_lesson

    lesson = write_wide_table_lesson(tmp_path / "wide")
    app = build_app(str(lesson))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = [line.strip() for line in page_text(app)]
        assert not any(line.startswith("\u250c") for line in lines)  # cards at 80: no word broken
        for row in ROWS:
            assert f"{HEADER[0]}: {row[0]}" in lines, lines
            assert f"{HEADER[1]}: {row[1]}" in lines
