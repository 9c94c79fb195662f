"""What the quiz says back to a key ("Choose an answer first, with its number.") is said in
the dialog, over its key hints, where it covers nothing: as a toast it lay over the text of
choices 2-4 at 80x16. It goes as the learner acts on it."""

from __future__ import annotations

import pytest

from alignlearn.ui.app import build_app
from alignlearn.ui.screens.quiz import QuizScreen
from pilot import SEED, copy_course, inside_dialog, settle
from quiz_pilot import painted

CHOOSE = "Choose an answer first, with its number."


@pytest.mark.parametrize("size", [(80, 12), (80, 16), (80, 24), (60, 14), (100, 40)],
                         ids=lambda size: "x".join(map(str, size)))
async def test_enter_with_nothing_chosen_says_so_without_covering_the_choices(tmp_path, size):
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        body = screen.query_one("#quiz-body")
        await pilot.press("j")  # down to the choices, as far as the body scrolls
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.shown is None  # nothing graded
        # Not a toast: one lay over choices 2-4 at 80x16 (a toast's place is Textual's).
        assert not any(CHOOSE in notice.message for notice in app._notifications)
        note = screen.query_one("#quiz-note")
        rows = inside_dialog(app)
        top = screen.query_one(".dialog").content_region.y
        assert CHOOSE in rows[note.region.y - top], rows  # said, in the dialog, whole
        assert not note.region.overlaps(body.region)
        assert screen.query_one("#quiz-keys").region.y == note.region.bottom  # over the key hints
        # Every line of the choices the body shows is painted as it is (nothing drawn on it).
        choices = screen.query_one("#quiz-choices")
        lines = painted(choices).splitlines()
        shown = [y for y in range(len(lines)) if body.region.y <= choices.region.y + y < body.region.bottom]
        assert shown, "no choice in view"
        for y in shown:
            assert lines[y].strip() in rows[choices.region.y + y - top], (lines[y], rows)
        await pilot.press("1")
        await pilot.pause()
        assert not note.display  # acted on: gone
