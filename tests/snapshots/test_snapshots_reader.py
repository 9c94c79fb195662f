"""Snapshots of the lesson screen on the seed lesson, at 80x24 and 120x40.

The course is a copy of the seed lesson alone, so lessons being added to the bundled
course do not change "Lesson 1 of N". If the seed lesson's text changes, look at the
new pictures (``pytest --snapshot-update`` then ``snapshot_report.html``) and commit them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from alignlearn.ui.app import build_app
from pilot import seed_course as one_lesson, settle

SEED = "alignment-technical-problem"


@pytest.fixture(autouse=True)
def no_read_marks(monkeypatch):
    """Sections count as read after staying in view a while: a picture taken at any
    moment must not depend on how long it took to get there."""
    from alignlearn.ui import reading_marks

    monkeypatch.setattr(reading_marks, "READ_AFTER", 3600.0)


@pytest.fixture
def seed_course(tmp_path) -> Path:
    return one_lesson(tmp_path)


def test_lesson_screen_80x24(snap_compare, seed_course):
    assert snap_compare(build_app(str(seed_course)), terminal_size=(80, 24), run_before=settle)


def test_lesson_screen_120x40(snap_compare, seed_course):
    assert snap_compare(build_app(str(seed_course)), terminal_size=(120, 40), run_before=settle)


def test_lesson_screen_120x40_at_the_comparison_table(snap_compare, seed_course):
    async def at_the_table(pilot) -> None:
        await settle(pilot)
        lesson = pilot.app.lesson_screen.lesson
        table = next(s for s in lesson.sections if s.title.lower().startswith("comparing"))
        for _ in range(table.number):
            await pilot.press("n")
        await pilot.pause()

    assert snap_compare(build_app(str(seed_course)), terminal_size=(120, 40), run_before=at_the_table)


def test_lesson_map_over_the_lesson_at_80x24(snap_compare, seed_course):
    async def map_open(pilot) -> None:
        await settle(pilot)
        await pilot.press("n", "n", "m")
        await pilot.pause()

    assert snap_compare(build_app(str(seed_course)), terminal_size=(80, 24), run_before=map_open)
