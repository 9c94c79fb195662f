"""Regression tests for crashes a learner met by pressing a few keys (issue 14).

Each sequence once killed the app with an ``IndexError`` in the entry list: the map's
entries changed while it was hidden, and its cached layout no longer matched them.
"""

from __future__ import annotations

import pytest

from alignlearn.ui.app import build_app
from pilot import copy_course, settle

SEQUENCES = [
    ["m", "escape", "right_square_bracket", "m"],
    ["l", "2", "m"],
    ["right_square_bracket", "m", "escape", "left_square_bracket", "m"],
    ["tab", "tab", "right_square_bracket", "tab"],
]


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (100, 30)])
@pytest.mark.parametrize("keys", SEQUENCES, ids=" ".join)
async def test_the_map_survives_opening_in_two_lessons(tmp_path, keys, size):
    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            await settle(pilot)
        await pilot.pause()
        assert app.is_running and app._exception is None
        screen = app.lesson_screen
        if screen.lesson_map is not None and screen.lesson_map.display:
            # the map shows this lesson's sections, painted without error
            for y in range(screen.lesson_map.size.height):
                screen.lesson_map.render_line(y)


@pytest.mark.parametrize("page", ["pagedown", "pageup"])
@pytest.mark.parametrize("theme_list", [False, True], ids=["palette", "theme list"])
async def test_a_page_key_typed_with_ctrl_p_does_not_stop_the_reader(tmp_path, page, theme_list):
    """ctrl+p and PageDown arriving in one burst (a fast typist, a slow link) reached the
    palette's list before it had a size, and Textual's paging raised KeyError: 0."""
    from textual import events
    from textual.command import CommandList, CommandPalette

    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if theme_list:
            app.search_themes()
        else:
            app.post_message(events.Key("ctrl+p", None))
        app.post_message(events.Key(page, None))  # before the palette has been laid out
        await pilot.pause(0.3)
        assert app.is_running and app._exception is None
        assert isinstance(app.screen, CommandPalette)
        # once laid out, paging works as before
        await pilot.press("down", page)
        await pilot.pause()
        assert app._exception is None and app.screen.query_one(CommandList).option_count > 0


async def test_two_enters_typed_with_ctrl_p_open_one_lesson_and_keep_the_reader(tmp_path):
    """ctrl+p, enter, enter in one burst chose the first lesson twice; the palette closed
    twice, the second time taking the lesson screen with it (ScreenStackError)."""
    from textual import events

    from alignlearn.ui.screens.lesson import LessonScreen

    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("ctrl+p", "enter", "enter"):
            app.post_message(events.Key(key, None))
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.is_running and app._exception is None
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson is not None


@pytest.mark.parametrize("opener", [["l"], ["r"], ["slash", "d", "e", "b", "a", "t", "e"]], ids=["list", "related", "search"])
async def test_two_enters_typed_into_a_dialog_choose_once_and_keep_the_reader(tmp_path, opener):
    """Enter, enter typed straight after opening the lesson list, related lessons or search (a
    double tap, a slow link) chose twice: the dialog closed twice, the second time taking the
    lesson screen with it (ScreenStackError)."""
    from textual import events

    from alignlearn.ui.screens.dialog import Dialog
    from alignlearn.ui.screens.lesson import LessonScreen

    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*opener)
        await pilot.pause(0.3)
        assert isinstance(app.screen, Dialog)
        for key in ("down", "enter", "enter"):
            app.post_message(events.Key(key, None))  # both reach the dialog before it closes
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.is_running and app._exception is None
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson is not None
