"""``alignlearn preview``, the quiz as its file is saved: what the quiz opened again says, and
where the notice of the change goes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from alignlearn import paths
from alignlearn.ui.preview_app import build_preview
from alignlearn.ui.screens.quiz import QuizScreen
from pilot import SEED, settle
from preview_pilot import reloaded, reloads  # noqa: F401  (a fixture)
from quiz_pilot import quiz_text, right_keys
from test_preview import FAST, replace_in

EDIT = ('prompt = "If a model passes', 'prompt = "Suppose a model passes')


@pytest.fixture
def lesson_file(tmp_path) -> Path:
    target = tmp_path / "course"
    shutil.copytree(paths.bundled_course(), target)
    return target / f"{SEED}.md"


def save_quiz(lesson_file: Path) -> None:
    replace_in(lesson_file.with_name(f"{SEED}.quiz.toml"), *EDIT, rename=True)


async def test_answers_kept_as_the_quiz_is_saved_are_offered_without_saying_the_learner_left(lesson_file, reloads):
    """The learner answered a question, and the author's save opened the quiz again: going on is
    offered (right), but "You left this quiz half way" was not true: they never left it."""
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x", "1", "enter", "enter")  # q1 answered, on to q2
        await settle(pilot)
        save_quiz(lesson_file)
        await reloaded(pilot, reloads, 1)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.offer is not None and list(screen.offer) == ["q1"]
        shown = quiz_text(screen)
        assert "left" not in shown and "half way" not in shown
        assert "The quiz file was saved as you took it" in shown
        assert "Your answer to 1 of its 15 questions is kept." in shown
        replace_in(lesson_file.with_name(f"{SEED}.quiz.toml"), EDIT[1], EDIT[0], rename=True)
        await reloaded(pilot, reloads, 2)  # saved again while the offer is up: still not "left"
        assert "The quiz file was saved as you took it" in quiz_text(app.screen)


@pytest.mark.parametrize("before", [["x"], ["x", "1"], ["x", "escape"], []], ids=["open", "chosen", "closed", "never"])
async def test_a_quiz_not_started_is_not_offered_to_resume_after_a_save(lesson_file, reloads, before):
    """No answer given (a choice made but not submitted is none): the quiz as saved starts at its
    first question, with nothing said about leaving it."""
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*before)
        await settle(pilot)
        save_quiz(lesson_file)
        await reloaded(pilot, reloads, 1)
        if not isinstance(app.screen, QuizScreen):
            await pilot.press("x")
            await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.offer is None and screen.session.number == 1
        assert screen.session.question.prompt.startswith("A summarising model")
        shown = quiz_text(screen)
        assert "half way" not in shown and "saved as you took it" not in shown


async def test_a_quiz_left_half_way_then_saved_says_it_was_left(lesson_file, reloads):
    """Left with escape, then saved: "You left this quiz half way" is true, and said."""
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x", "1", "enter", "enter", "escape")
        await settle(pilot)
        save_quiz(lesson_file)
        await reloaded(pilot, reloads, 1)
        await pilot.press("x")
        await settle(pilot)
        shown = quiz_text(app.screen)
        assert "You left this quiz half way" in shown and "You answered 1 of 15 questions" in shown


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_notice_that_the_quiz_file_changed_leaves_the_quiz_keys_in_view(lesson_file, reloads, size):
    """At 80x24 it lay over the key hints ("r Start again" hidden) for 4 s; now it sits above
    them, and goes with the learner's next key (a key it brings itself stays)."""
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("x", "1", "enter", "enter")
        await settle(pilot)
        save_quiz(lesson_file)
        await reloaded(pilot, reloads, 1)
        await pilot.pause(0.1)
        screen = app.screen
        toasts = [t for t in screen.query("Toast") if "quiz file changed" in str(t.render())]
        assert len(toasts) == 1
        keys = screen.query_one("#quiz-keys").region
        assert not toasts[0].region.overlaps(keys), (toasts[0].region, keys)
        await pilot.press("r")  # start again: the notice has been seen
        await pilot.pause(0.1)
        assert not any("quiz file changed" in str(t.render()) for t in app.screen.query("Toast"))
        assert app.screen.session.number == 1


async def finish_the_quiz(pilot) -> QuizScreen:
    """Every question answered right, and the score on screen."""
    await pilot.press("x")
    await settle(pilot)
    screen = pilot.app.screen
    while not screen.session.finished:
        await pilot.press(*right_keys(screen.session), "enter", "enter")
    await pilot.pause()
    assert "Your score: 15 of 15" in quiz_text(screen)
    return screen


@pytest.mark.parametrize("last", [False, True], ids=["score", "last verdict"])
async def test_a_score_on_screen_stays_when_the_quiz_is_saved_without_changing_it(lesson_file, reloads, last):
    """The author saved a reworded question while looking at the score: the quiz opened again at
    question 1, the score gone. The score still stands (the same questions, each answer graded
    as before): it stays, with the question as saved, and no second attempt is counted."""
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await finish_the_quiz(pilot)
        if last:  # the last answer's verdict on screen, the score one enter away
            await pilot.press("r")
            while app.screen.session.index < app.screen.session.total:
                await pilot.press(*right_keys(app.screen.session), "enter")
                if app.screen.session.index < app.screen.session.total:
                    await pilot.press("enter")
            await pilot.pause()
        save_quiz(lesson_file)
        await reloaded(pilot, reloads, 1)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.session is not None
        assert screen.session.index == screen.session.total == 15
        if last:
            assert screen.session.shown is not None and "Right." in quiz_text(screen)
            await pilot.press("enter")
        shown = quiz_text(screen)
        assert "Your score: 15 of 15" in shown and "Suppose a model passes" in shown
        assert len(app.progress.saver.lesson(SEED).attempts) == (2 if last else 1)


async def test_a_score_the_save_changes_is_said_to_be_for_the_quiz_as_it_was(lesson_file, reloads):
    """A save that grades an answer otherwise: the score shown would no longer be true of the quiz,
    so a note says so, in place of question 1; r takes the quiz as saved."""
    app = build_preview(str(lesson_file), poll=FAST)
    quiz_file = lesson_file.with_name(f"{SEED}.quiz.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await finish_the_quiz(pilot)
        replace_in(quiz_file, "answer = false", "answer = true", rename=True)  # q2's
        await reloaded(pilot, reloads, 1)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.session is None and screen.stale is not None
        shown = " ".join(quiz_text(screen).split())
        assert "The quiz file changed after your score" in shown
        assert "Your score, 15 of 15 (100%), was for the quiz as it was" in shown
        assert "1 of your answers is graded differently" in shown
        replace_in(quiz_file, "answer = true", "answer = false", rename=True)  # saved back: it stands again
        await reloaded(pilot, reloads, 2)
        assert "Your score: 15 of 15" in quiz_text(app.screen)
        replace_in(quiz_file, "answer = false", "answer = true", rename=True)
        await reloaded(pilot, reloads, 3)
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert screen.stale is None and screen.session.number == 1 and not screen.session.answers
        assert len(app.progress.saver.lesson(SEED).attempts) == 1
