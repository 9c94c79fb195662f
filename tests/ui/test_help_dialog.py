"""The help dialog (?): its keys table scrolls with the reader's own keys."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll

from alignlearn.ui.app import build_app
from alignlearn.ui.screens.help import HelpScreen
from pilot import copy_course, settle


@pytest.mark.parametrize("down, up", [("j", "k"), ("down", "up"), ("pagedown", "pageup")])
async def test_help_scrolls_with_the_reading_keys(tmp_path, down, up):
    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one(VerticalScroll)
        assert box.max_scroll_y > 0  # more keys than rows, or there is nothing to test
        await pilot.press(down, down)
        await pilot.pause()
        assert box.scroll_y > 0, down
        moved = box.scroll_y
        await pilot.press(up)
        await pilot.pause()
        assert box.scroll_y < moved, up
        assert isinstance(app.screen, HelpScreen)  # scrolling never closes it
