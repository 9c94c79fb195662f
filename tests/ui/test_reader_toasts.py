"""Toasts: one for a message however often it is said; gone with the screen they were for (issue 21)."""

from __future__ import annotations

from alignlearn.ui.app import build_app
from pilot import SEED, copy_course, settle
from quiz_pilot import wrong_keys


def toasts(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_same_message_three_times_is_one_toast(tmp_path):
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("n", "n", "n")
        await pilot.pause()
        last = [m for m in toasts(app) if "last section" in m]
        assert len(last) == 1, toasts(app)


async def test_a_lesson_s_toast_goes_when_the_quiz_opens_and_the_quiz_s_own_stays(tmp_path):
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert any("last section" in m for m in toasts(app))
        await pilot.press("x")
        await pilot.pause()
        assert not any("last section" in m for m in toasts(app))
        quiz = app.screen
        await pilot.press(*wrong_keys(quiz.session), "enter")
        await pilot.pause()
        await pilot.press("s")  # read the section: its toast says how to go back
        await settle(pilot)
        assert any("Press x to go back to the quiz" in m for m in toasts(app)), toasts(app)


async def test_a_warning_outlasts_a_screen_change(tmp_path):
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.notify("The progress file could not be read.", severity="warning", timeout=30)
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "The progress file could not be read." in toasts(app)


async def test_the_quiz_s_closing_toast_is_the_lesson_s_and_goes_when_the_tutor_opens(tmp_path):
    """Said as the quiz closes, it reaches the screen after the change: it must still go
    with the lesson screen, not sit over the tutor's question box (seen in a walkthrough)."""
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(*wrong_keys(app.screen.session), "enter")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.lesson_screen
        assert any("x offers to resume the quiz" in m for m in toasts(app)), toasts(app)
        await pilot.press("t")
        await settle(pilot)
        assert type(app.screen).__name__ == "TutorScreen"
        assert not any("x offers to resume the quiz" in m for m in toasts(app)), toasts(app)
