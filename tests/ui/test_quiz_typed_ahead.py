"""Keys typed fast after the quiz's enter (a quick typist, a paste, an SSH link that batches
keystrokes) reach the next question's answer box or choices, in the order typed: before,
those typed before the box took the focus went to the question's text and were lost, and an
answer typed with its enter and the next one in one burst was graded with both.

A burst is keys posted to the app without waiting in between (see test_typed_ahead.py).
"""

from __future__ import annotations

import pytest

from alignlearn.sources.mdbook_quiz import read_quiz
from alignlearn.ui.app import build_app
from alignlearn.ui.screens.quiz import QuizScreen
from alignlearn.ui.widgets.answer_box import AnswerBox
from pilot import SEED, copy_course, settle
from test_typed_ahead import burst, until

SHORT = '''
[[questions]]
id = "{id}"
kind = "short_answer"
prompt = "Which word is {id}?"
answer = "{id}"
explanation = "It is {id}."
'''

CHOICE = '''
[[questions]]
id = "{id}"
kind = "single"
prompt = "Which letter is {id}?"
choices = ["alpha", "beta", "gamma"]
answer = "beta"
explanation = "It is beta."
'''

TRUE_FALSE = '''
[[questions]]
id = "{id}"
kind = "true_false"
prompt = "Is {id} true?"
answer = true
explanation = "It is."
'''

TRACING = '''
[[questions]]
id = "prints"
type = "Tracing"
prompt.program = """
fn main() {
    println!("hi");
}
"""
answer.doesCompile = true
answer.stdout = "hi"
context = "It prints hi."
'''


def quiz_app(tmp_path, *kinds: str):
    """The seed lesson with a quiz of these kinds of question, "one", "two", ... in order."""
    course = copy_course(tmp_path)
    names = ["one", "two", "three"]
    text = "format_version = 1\n" + "".join(
        {"short": SHORT, "choice": CHOICE, "true_false": TRUE_FALSE}[kind].format(id=name)
        for kind, name in zip(kinds, names))
    (course / f"{SEED}.quiz.toml").write_text(text, encoding="utf-8")
    return build_app(str(course), lesson=SEED)


async def open_quiz(pilot) -> QuizScreen:
    await settle(pilot)
    await pilot.press("x")
    await until(pilot, lambda: isinstance(pilot.app.screen, QuizScreen) and pilot.app.screen.session is not None)
    return pilot.app.screen


def box_of(screen: QuizScreen) -> AnswerBox:
    return screen.query_one(AnswerBox)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_an_answer_typed_with_the_enter_that_shows_its_question_goes_into_its_box(tmp_path, size):
    app = quiz_app(tmp_path, "short", "short")
    async with app.run_test(size=size) as pilot:
        screen = await open_quiz(pilot)
        await pilot.press("o", "n", "e", "enter")  # answered: right, shown
        await pilot.pause()
        assert screen.session.shown is not None and not box_of(screen).display
        burst(app, "enter", "two")
        await until(pilot, lambda: box_of(screen).text == "two")
        assert screen.session.number == 2 and app.focused is box_of(screen)
        assert screen.session.answers == {"one": "one"}


async def test_after_a_choice_the_next_answer_typed_at_once_goes_into_its_box(tmp_path):
    app = quiz_app(tmp_path, "choice", "short")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        right = str(screen.session.options().index("beta") + 1)
        burst(app, right, "enter", "enter", "two")
        await until(pilot, lambda: box_of(screen).text == "two")
        assert screen.session.answers == {"one": "beta"} and screen.session.number == 2


async def test_answer_enter_enter_and_the_next_answer_in_one_burst_each_go_where_they_belong(tmp_path):
    """Before, the box had typed "two" into the first answer by the time its enter was acted on."""
    app = quiz_app(tmp_path, "short", "short", "short")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        burst(app, "one", "enter", "enter", "two", "enter", "enter", "thr")
        await until(pilot, lambda: box_of(screen).text == "thr")
        assert screen.session.answers == {"one": "one", "two": "two"}
        assert screen.session.number == 3 and app.focused is box_of(screen)


async def test_a_programs_output_typed_with_it_compiles_goes_into_its_box(tmp_path):
    """A tracing question's enter opens the box for its output: the output typed with it goes in."""
    (tmp_path / "q.toml").write_text(TRACING, encoding="utf-8")
    quiz, problems = read_quiz(tmp_path / "q.toml", tmp_path)
    assert problems == []
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = QuizScreen(app.lesson_screen.lesson, quiz)
        app.push_screen(screen)
        await until(pilot, lambda: screen.session is not None and app.screen is screen)
        burst(app, "1", "enter", "hi", "enter")
        await until(pilot, lambda: screen.session.shown is not None)
        assert screen.session.shown.correct, screen.session.answers


async def test_a_choice_typed_with_the_enter_that_shows_its_question_chooses_there(tmp_path):
    app = quiz_app(tmp_path, "short", "true_false")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        await pilot.press("o", "n", "e", "enter")
        await pilot.pause()
        burst(app, "enter", "1", "enter")
        await until(pilot, lambda: screen.session.shown is not None and screen.session.number == 2)
        assert screen.session.answers == {"one": "one", "two": True} and screen.session.shown.correct
