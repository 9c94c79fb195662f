"""The lesson list and the lesson map at 60, 80 and 100 columns.

A new-user walkthrough at 60x20: the list's hints were cut to "1-9  open by numbe", each
title wrapped over 3 or 4 lines beside wide columns so that only about 3 lessons fitted,
and the lesson map shown over the lesson (m) took 44 of the 60 columns. At 100x40 a blank
row sat under the last lesson."""

from __future__ import annotations

import pytest

from alignlearn.ui.app import build_app
from alignlearn.ui.screens.lesson_list import LessonListScreen
from alignlearn.ui.widgets.entry_list import EntryList
from pilot import SEED, copy_course, inside_dialog, settle

SIZES = [(60, 20), (80, 24), (100, 40), (50, 16)]


async def open_list(pilot) -> LessonListScreen:
    await settle(pilot)
    await pilot.press("l")
    await pilot.pause()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LessonListScreen)
    return screen


@pytest.mark.parametrize("size", SIZES, ids=lambda size: "x".join(map(str, size)))
async def test_the_lesson_list_fits_its_columns_and_hints_in_the_width(tmp_path, size):
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        screen = await open_list(pilot)
        listing = screen.query_one("#lessons", EntryList)
        lessons = [entry for entry in listing.entries if entry.selectable]
        for entry in lessons:  # a title on two lines at most, cut with "…"
            lines = listing.text_of(entry.id).splitlines()
            assert 1 <= len(lines) <= 2, lines
            assert entry.right.strip() in lines[0]  # its minutes on its first line, whole
        # The hints whole: each key and what it does, none cut at the dialog's edge.
        hint = screen.query_one(".dialog-hint")
        top = screen.query_one(".dialog").content_region.y
        shown = inside_dialog(app)[hint.content_region.y - top]
        said = hint.render_line(0).text.rstrip()
        assert said and said in shown, (said, shown)
        assert said.endswith(("open by number", "by number", "back")), said
        assert "enter" in said and " back" in said
        if size[0] >= 60:
            assert "number" in said  # room for all three
        # Enough lessons in view to choose from: at 60x20 there were about 3.
        in_view = sum(1 for entry in lessons if listing.text_of(entry.id).splitlines()[0].strip()
                      in "\n".join(inside_dialog(app)))
        assert in_view >= min(len(lessons), {60: 5, 80: 7, 100: 8}.get(size[0], 3)), inside_dialog(app)


async def test_no_blank_row_under_the_last_lesson_at_100x40(tmp_path):
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_list(pilot)
        listing = screen.query_one("#lessons", EntryList)
        lines = sum(len(listing.text_of(entry.id).splitlines()) for entry in listing.entries)
        assert listing.max_scroll_y == 0  # it all fits: the list is as tall as its lessons
        assert listing.region.height == lines, (listing.region, lines)


async def test_the_columns_follow_the_terminal_as_it_narrows_and_widens(tmp_path):
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_list(pilot)
        head = screen.query_one("#lessons-head", EntryList)
        wide = head.entries[0].right
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        assert len(head.entries[0].right) < len(wide)
        listing = screen.query_one("#lessons", EntryList)
        assert all(len(listing.text_of(e.id).splitlines()) <= 2 for e in listing.entries if e.selectable)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert head.entries[0].right == wide


@pytest.mark.parametrize("width", [60, 80])
async def test_the_lesson_map_over_the_lesson_leaves_it_most_of_the_width(tmp_path, width):
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=(width, 20)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        await pilot.pause()
        lesson_map = app.screen.lesson_map
        assert lesson_map.display and lesson_map.region.width
        assert lesson_map.region.width < width / 2, lesson_map.region
        assert lesson_map.region.width >= 24  # still a map: section titles on a line or two
