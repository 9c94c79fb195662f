"""Back (backspace): to where the learner was before each jump, like a browser's (issue 21)."""

from __future__ import annotations

import pytest

from alignlearn.ui.app import build_app
from alignlearn.ui.screens.lesson import LessonScreen
from pilot import SEED, copy_course, settle


@pytest.fixture
def course_dir(tmp_path):
    return copy_course(tmp_path)


async def scrolled_into(pilot, pages: int) -> tuple[str, int]:
    for _ in range(pages):
        await pilot.press("pagedown")
    await settle(pilot)
    screen = pilot.app.lesson_screen
    return screen.lesson_id, round(screen.view.scroll_y)


async def test_backspace_returns_across_lessons_in_reverse_order(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen: LessonScreen = app.lesson_screen
        first = await scrolled_into(pilot, 3)
        await pilot.press("right_square_bracket")  # another lesson
        await settle(pilot)
        second = await scrolled_into(pilot, 2)
        assert second[0] != first[0]
        app.open_lesson(SEED, 4)  # as a search hit or a tutor source does
        await settle(pilot)
        assert (screen.lesson_id, screen.section) == (SEED, 4)
        await pilot.press("backspace")
        await settle(pilot)
        assert (screen.lesson_id, round(screen.view.scroll_y)) == second
        await pilot.press("backspace")
        await settle(pilot)
        assert (screen.lesson_id, round(screen.view.scroll_y)) == first
        await pilot.press("backspace")  # nothing left: says so, stays
        await settle(pilot)
        assert (screen.lesson_id, round(screen.view.scroll_y)) == first
        assert app.is_running


async def test_backspace_after_a_quiz_s_read_the_section(course_dir):
    from quiz_pilot import wrong_keys

    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen: LessonScreen = app.lesson_screen
        await pilot.press("end")
        await settle(pilot)
        before = round(screen.view.scroll_y)
        await pilot.press("x")
        await pilot.pause()
        quiz = app.screen
        await pilot.press(*wrong_keys(quiz.session), "enter")
        await pilot.pause()
        await pilot.press("s")  # read the section that teaches it
        await settle(pilot)
        assert app.screen is screen and round(screen.view.scroll_y) != before
        await pilot.press("backspace")
        await settle(pilot)
        assert round(screen.view.scroll_y) == before


async def test_steps_within_a_lesson_are_not_jumps(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen: LessonScreen = app.lesson_screen
        await pilot.press("n", "n", "j", "pagedown")
        await settle(pilot)
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.section >= 2  # n and scrolling are steps, not jumps: nowhere to go back to
