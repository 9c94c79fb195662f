"""The end of a lesson: a quiz card with the learner's best score, and a tutor card (issue 18)."""

from __future__ import annotations

from rich.console import Console

from alignlearn.course import load_lesson
from alignlearn.render.lesson import parts
from alignlearn.ui import reader_progress
from alignlearn.ui.app import build_app
from pilot import SEED, copy_course
from quiz_pilot import right_keys, settle


def text_of(lesson, best=None) -> str:
    console = Console(width=76, color_system=None)
    with console.capture() as capture:
        for _, renderable in parts(lesson, None, 76, best=best):
            console.print(renderable)
    return capture.get()


def test_the_cards_follow_the_big_idea_and_come_before_the_related_lessons(tmp_path):
    folder = copy_course(tmp_path)
    lesson = load_lesson(folder / f"{SEED}.md")
    questions = len(lesson.quiz.questions)
    text = text_of(lesson)
    assert f"{questions} questions \u00b7 not taken yet \u00b7 x" in text
    assert "Ask about this lesson" in text and "\u00b7 t" in text
    assert text.index("The big idea") < text.index("Quiz:") < text.index("Tutor")
    assert f"{questions} questions \u00b7 best 9/{questions} \u00b7 x" in text_of(lesson, best=f"9/{questions}")


def test_a_lesson_without_a_quiz_has_only_the_tutor_card(tmp_path):
    folder = copy_course(tmp_path, quizzes=False)
    text = text_of(load_lesson(folder / f"{SEED}.md"))
    assert "Quiz:" not in text and "Ask about this lesson" in text


async def test_the_quiz_card_shows_the_best_score_once_the_quiz_is_taken(tmp_path, monkeypatch):
    monkeypatch.setattr(reader_progress, "SAVE_AFTER", 0.05)
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.lesson_screen.view

        def card() -> str:
            return next(line for line in ("".join(s.text for s in row) for row in view.page.lines)
                        if " questions \u00b7 " in line)

        assert "not taken yet" in card()
        await pilot.press("x")
        await pilot.pause()
        quiz = app.screen
        while not quiz.session.finished:
            await pilot.press(*right_keys(quiz.session), "enter")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        total = quiz.session.total
        await pilot.press("escape")
        await settle(pilot)
        assert f"best {total}/{total}" in card()

    app = build_app(str(copy_course(tmp_path / "again")), lesson=SEED)  # another day: read from progress
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = ["".join(s.text for s in row) for row in app.lesson_screen.view.page.lines]
        assert any(f"best {total}/{total}" in line for line in lines)
