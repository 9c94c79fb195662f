"""The quiz's body scrolls with j and k as the help says, and once an answer is graded the
learner's own choice and the verdict are on screen together.

A new-user walkthrough at 80x24 (lesson 2, question 2): the feedback was scrolled into view
as a whole, which took the choice just answered out of the dialog's view; j and k did
nothing there (only the page keys and the arrows scrolled), and help did not say so."""

from __future__ import annotations

import pytest

from alignlearn.sources.mdbook_quiz import read_quiz
from alignlearn.ui.app import build_app
from alignlearn.ui.screens.quiz import QuizScreen
from alignlearn.ui.widgets.answer_box import AnswerBox
from pilot import SEED, copy_course, inside_dialog, open_quiz, settle
from quiz_pilot import painted, wrong_keys

LESSON_2 = "alignment-full-technical-picture"


async def answer_wrong(pilot, screen: QuizScreen) -> str:
    """Answer the question shown wrong; the first line of the choice picked."""
    keys = wrong_keys(screen.session)
    await pilot.press(*keys, "enter")
    await pilot.pause()
    await pilot.pause()
    choices = painted(screen.query_one("#quiz-choices")).splitlines()
    return next(line for line in choices if line.startswith(("(\u2022)", "[x]")))


@pytest.mark.parametrize("size", [(80, 24), (80, 16)], ids=lambda size: "x".join(map(str, size)))
async def test_after_an_answer_the_choice_and_the_verdict_are_both_in_view(tmp_path, size):
    app = build_app(str(copy_course(tmp_path)), lesson=LESSON_2)
    async with app.run_test(size=size) as pilot:
        screen = await open_quiz(pilot)
        for _ in range(2):  # question 2 at 80x24 is the one the walkthrough found
            await pilot.press("enter")  # on from the last verdict (nothing on the first)
            await pilot.pause()
            picked = await answer_wrong(pilot, screen)
            rows = "\n".join(inside_dialog(app))
            assert "\u2717 Wrong." in rows, rows
            assert picked.strip() in rows, (picked, rows)


async def test_a_window_made_smaller_after_an_answer_keeps_the_verdict_in_view(tmp_path):
    """A walkthrough answered at 80x24, then made the window 60x20: the verdict and the
    explanation went below the page, with no sign there was more."""
    app = build_app(str(copy_course(tmp_path)), lesson=LESSON_2)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        for _ in range(4):
            await pilot.press("enter")
            await pilot.pause()
            await answer_wrong(pilot, screen)
        await pilot.resize_terminal(60, 14)
        await settle(pilot)
        await pilot.pause()
        rows = "\n".join(inside_dialog(app))
        assert "\u2717 Wrong." in rows, rows


async def test_j_and_k_scroll_the_quiz_and_help_says_so(tmp_path):
    app = build_app(str(copy_course(tmp_path)), lesson=LESSON_2)
    async with app.run_test(size=(80, 16)) as pilot:
        screen = await open_quiz(pilot)
        body = screen.query_one("#quiz-body")
        assert body.max_scroll_y > 0
        top = body.scroll_y
        await pilot.press("j", "j")
        await pilot.pause()
        assert body.scroll_y == top + 2
        await pilot.press("k")
        await pilot.pause()
        assert body.scroll_y == top + 1
        await pilot.press("down")
        await pilot.pause()
        assert body.scroll_y == top + 2
        assert isinstance(app.screen, QuizScreen) and screen.session.selected == []  # nothing else done
        await pilot.press("question_mark")
        await pilot.pause()
        shown = painted(app.screen.query_one("#key-table"))
        assert "Scroll the quiz down" in shown and "Scroll the quiz up" in shown
        line = next(line for line in shown.splitlines() if "Scroll the quiz down" in line)
        assert line.split()[:2] == ["j", "\u2193"], line


async def test_j_and_k_typed_in_the_answer_box_are_letters(tmp_path):
    """The scrolling keys give way to the box an answer is typed in."""
    (tmp_path / "q.toml").write_text('[[questions]]\nid = "s"\ntype = "ShortAnswer"\n'
                                     'prompt.prompt = "Name a letter."\nanswer.answer = "jk"\n', encoding="utf-8")
    quiz, problems = read_quiz(tmp_path / "q.toml", tmp_path)
    assert problems == []
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 16)) as pilot:
        await settle(pilot)
        screen = QuizScreen(app.lesson_screen.lesson, quiz)
        app.push_screen(screen)
        await pilot.pause()
        box = screen.query_one(AnswerBox)
        assert box.has_focus
        await pilot.press("j", "k", "down", "up")
        await pilot.pause()
        assert box.text == "jk"
