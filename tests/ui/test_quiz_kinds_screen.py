"""Pilot tests: short-answer and tracing questions answered to the end at 80x24 with
keys only, right and wrong; Markdown (code blocks too) in prompts rendered, not raw."""

from __future__ import annotations

import pytest

from alignlearn.course.quiz import Question, Quiz
from alignlearn.sources.mdbook_quiz import read_quiz
from alignlearn.ui import reader_progress
from alignlearn.ui.app import build_app
from alignlearn.ui.screens.quiz import QuizScreen
from alignlearn.ui.widgets.answer_box import AnswerBox
from mdbook_support import AQUASCOPE_QUESTION
from quiz_pilot import SEED, copy_course, lesson_record, painted, quiz_text, settle

QUIZ = '''
[multipart]
m = """
Look at this function:

```rust
fn twice(x: i32) -> i32 { x * 2 }
```
"""

[[questions]]
id = "short"
type = "ShortAnswer"
prompt.prompt = "What is the keyword used after `let` to make a variable mutable?"
answer.answer = "mut"
context = "For example: `let mut x = 1`."

[[questions]]
id = "short2"
type = "ShortAnswer"
multipart = "m"
prompt.prompt = "What does `twice(2)` return?"
answer.answer = "4"
context = "Two times two."

[[questions]]
id = "prints"
type = "Tracing"
prompt.program = """
fn main() {
  let v = vec![1, 2];
  println!("{}", v[0]);
  println!("{}", v[1]);
}
"""
answer.doesCompile = true
answer.stdout = "1\\n2"
context = "It prints each element on its own line."

[[questions]]
id = "fails"
type = "Tracing"
prompt.program = """
fn main() {
  let x = 1;
  x += 1;
}
"""
answer.doesCompile = false
answer.lineNumber = 3
context = "`x` is not `mut`."
'''


@pytest.fixture(autouse=True)
def quick_saves(monkeypatch):
    monkeypatch.setattr(reader_progress, "SAVE_AFTER", 0.05)


async def open_on(pilot, quiz: Quiz) -> QuizScreen:
    await settle(pilot)
    app = pilot.app
    screen = QuizScreen(app.lesson_screen.lesson, quiz)
    app.push_screen(screen)
    await pilot.pause()
    return screen


async def open_by_key(pilot, quiz: Quiz) -> None:
    """The lesson's quiz made ``quiz``, opened as a learner does, with x (so leaving and x again is the reader's)."""
    await settle(pilot)
    lesson = pilot.app.lesson_screen.lesson
    lesson.quiz, lesson.quiz_checked = quiz, True
    await pilot.press("x")
    await pilot.pause()


def quiz_from(tmp_path, text: str) -> Quiz:
    """An mdbook-quiz file's questions, read without a problem."""
    (tmp_path / "q.toml").write_text(text, encoding="utf-8")
    quiz, problems = read_quiz(tmp_path / "q.toml", tmp_path)
    assert problems == []
    return quiz


async def type_in(pilot, text: str) -> None:
    for char in text:
        await pilot.press("ctrl+j" if char == "\n" else ("space" if char == " " else char))


async def test_typed_answers_to_the_end_with_keys_only(tmp_path):
    quiz = quiz_from(tmp_path, QUIZ)
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(pilot, quiz)
        box = screen.query_one(AnswerBox)
        # 1. a short answer, right (case and spaces do not count)
        shown = quiz_text(screen)
        assert "1 of 4" in shown and "Type the answer below" in shown and box.display and box.has_focus
        await type_in(pilot, " MUT ")
        await pilot.press("enter")
        await pilot.pause()
        shown = quiz_text(screen)
        assert "\u2713 Right." in shown and "Your answer: MUT" in shown and "let mut x = 1" in shown
        assert not box.display
        await pilot.press("enter")
        await pilot.pause()
        # 2. a short answer under a shared (multipart) prompt, wrong
        shown = quiz_text(screen)
        assert "Look at this function:" in shown and "fn twice(x: i32)" in shown and "```" not in shown
        assert shown.index("Look at this function:") < shown.index("What does twice(2) return?")
        await pilot.press("enter")  # nothing typed: not graded
        await pilot.pause()
        assert screen.session.shown is None
        await type_in(pilot, "5")
        await pilot.press("enter")
        await pilot.pause()
        shown = quiz_text(screen)
        assert "\u2717 Wrong. The answer: 4" in shown and "Two times two." in shown
        await pilot.press("enter")
        await pilot.pause()
        # 3. tracing: it compiles (1), then its two lines of output, right
        shown = quiz_text(screen)
        assert "3 of 4" in shown and "1 if it compiles, 2 if it does not" in shown
        assert "2     let v = vec![1, 2];" in shown  # numbered lines, indentation kept
        assert not box.display
        await pilot.press("1", "enter")
        await pilot.pause()
        assert box.display and box.has_focus and "Type what it prints" in quiz_text(screen)
        await type_in(pilot, "1\n2")
        await pilot.press("enter")
        await pilot.pause()
        shown = quiz_text(screen)
        assert "\u2713 Right." in shown and "It prints each element" in shown
        assert "Its output, you said: 1\n2\n" in shown  # both lines, neither cut off
        await pilot.press("enter")
        await pilot.pause()
        # 4. tracing: it does not compile (2), but the wrong line
        await pilot.press("2", "enter")
        await pilot.pause()
        assert "number of the line with the error" in quiz_text(screen)
        await type_in(pilot, "2")
        await pilot.press("enter")
        await pilot.pause()
        shown = quiz_text(screen)
        assert "\u2717 Wrong. The answer: It does not compile: the error is at line 3." in shown
        assert "x is not mut." in shown
        await pilot.press("enter")
        await pilot.pause()
        shown = quiz_text(screen)
        assert "Your score: 2 of 4 (50%)" in shown and "Trace: fn main() {" in shown
        await settle(pilot)
        attempt = lesson_record()["attempts"][0]
        assert attempt["answers"] == {"short": "MUT", "short2": "5", "prints": ["compiles", "1\n2"],
                                      "fails": ["fails", "2"]}
        assert attempt["correct"] == {"short": True, "short2": False, "prints": True, "fails": False}


async def test_markdown_in_our_own_quiz_renders_code_as_code(tmp_path):
    prompt = "What does this print?\n\n```python\nprint(`tick`)\n```\n\nAnswer **in one word**."
    quiz = Quiz(tmp_path / "q.toml", [Question("q1", "single", prompt, "Plain `code` here.", "one",
                                               ["one", "`two`"])])
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(pilot, quiz)
        shown = quiz_text(screen)
        assert "print(`tick`)" in shown and "```" not in shown and "**" not in shown
        assert "Answer in one word." in shown
        assert "two" in shown and "`two`" not in shown
        await pilot.press(str(screen.session.options().index("one") + 1), "enter")
        await pilot.pause()
        shown = quiz_text(screen)
        assert "Plain code here." in shown and "\u2713 Right." in shown


MARKED = AQUASCOPE_QUESTION + '''
[[questions]]
id = "ide"
type = "MultipleChoice"
prompt.prompt = "Which fix is best?"
answer.answer = """
```ide
let mut name = `[name.clone()]`;
```
"""
prompt.distractors = ["""
```rust,ignore
# fn hidden() {}
let mut name = `[&*name]`;
```
"""]
'''


async def test_a_rust_book_quiz_shows_its_code_as_a_learner_sees_it(tmp_path):
    """Aquascope's hidden lines and marks, an `ide` block's highlight marks, a Rust
    block's hidden lines: none of it on screen, the code itself all there."""
    quiz = quiz_from(tmp_path, MARKED)
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(pilot, quiz)
        shown = quiz_text(screen)
        assert "let c = Box::new(15);" in shown and "let a = Box::new(15);" in shown
        assert "#fn" not in shown and "#}" not in shown and "`[" not in shown and "aquascope" not in shown
        await type_in(pilot, "2")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        shown = quiz_text(screen)
        assert "let mut name = name.clone();" in shown and "let mut name = &*name;" in shown
        assert "`[" not in shown and "]`" not in shown and "ide" not in shown and "hidden" not in shown


@pytest.mark.parametrize("no_color", [False, True])
async def test_the_answer_box_is_framed_and_labelled_on_screen(tmp_path, monkeypatch, no_color):
    """Where to type is plain at 80x24, in colour or not: a frame inside the screen,
    labelled with what is asked (the answer, then for a program what it prints)."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "q.toml").write_text(QUIZ, encoding="utf-8")
    quiz, _ = read_quiz(tmp_path / "q.toml", tmp_path)
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(pilot, quiz)
        box = screen.query_one(AnswerBox)
        await type_in(pilot, "mut")
        await pilot.pause()
        assert box.display and box.has_focus
        region = box.region
        assert region.height >= 3 and screen.region.contains_region(region)
        assert region.bottom <= screen.query_one("#quiz-keys").region.y  # above the keys, not under them
        lines = painted(box).split("\n")
        assert lines[0].lstrip().startswith("\u256d") and "Your answer" in lines[0]  # ╭ Your answer ─
        assert lines[-1].lstrip().startswith("\u2570")  # ╰
        assert "mut" in lines[1] and lines[1].lstrip().startswith("\u2502")  # │ mut
        # On to the program to trace: it compiles, then what it prints.
        for keys in (["enter", "enter"], ["4", "enter"], ["enter", "1", "enter"]):
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
        assert screen.session.question.id == "prints"
        await pilot.pause()
        assert box.display and "What it prints" in painted(box).split("\n")[0]
        assert screen.region.contains_region(box.region)


async def test_backspace_in_the_empty_box_goes_back_to_whether_it_compiles(tmp_path):
    """A program's second step is not a trap: backspace in the empty box goes back to
    the first (the key bar and the hint say so), and the answer can be changed."""
    (tmp_path / "q.toml").write_text(QUIZ, encoding="utf-8")
    quiz, _ = read_quiz(tmp_path / "q.toml", tmp_path)
    fails = Quiz(tmp_path / "q.toml", [q for q in quiz.questions if q.id == "fails"])
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(pilot, fails)
        box = screen.query_one(AnswerBox)
        keys = screen.query_one("#quiz-keys")
        assert "Back to step 1" not in painted(keys)
        await pilot.press("1", "enter")  # "it compiles": the wrong first step
        await pilot.pause()
        assert screen.step == 2 and box.display and box.has_focus
        assert "backspace in the empty box goes back" in " ".join(quiz_text(screen).split())
        assert "\u232b  Back to step 1" in painted(keys)  # ⌫
        await type_in(pilot, "ab")
        await pilot.pause()
        assert "Back to step 1" not in painted(keys)  # backspace deletes what is typed
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert box.text == "" and screen.step == 2 and "Back to step 1" in painted(keys)
        await pilot.press("backspace")  # the empty box: back to the first step
        await pilot.pause()
        assert screen.step == 1 and not box.display and screen.session.shown is None
        assert "1 if it compiles, 2 if it does not" in quiz_text(screen)
        await pilot.press("2", "enter")
        await pilot.pause()
        assert screen.step == 2 and box.display and "number of the line" in quiz_text(screen)
        await type_in(pilot, "3")
        await pilot.press("enter")
        await pilot.pause()
        assert "\u2713 Right." in quiz_text(screen)
        assert "The line of the error, you said: 3" in quiz_text(screen)  # the last line, not cut off


LONG = '''
[[questions]]
id = "long"
type = "Tracing"
prompt.program = """
fn main() {
''' + "".join(f'  println!("line {n}");\n' for n in range(24)) + '''  let x = 1;
  x += 1;
}
"""
answer.doesCompile = false
answer.lineNumber = 27
context = "`x` is not `mut`."
'''


async def test_the_verdict_under_a_long_program_is_scrolled_into_view(tmp_path):
    """At 80x24 a 28-line program fills the dialog: once answered, the verdict is on
    screen without scrolling (it was below the fold)."""
    quiz = quiz_from(tmp_path, LONG)
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(pilot, quiz)
        await pilot.press("2", "enter")
        await pilot.pause()
        await type_in(pilot, "27")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause()
        body, feedback = screen.query_one("#quiz-body"), screen.query_one("#quiz-feedback")
        assert "\u2713 Right." in painted(feedback)
        verdict_row = feedback.region.y  # the verdict is the feedback's first line
        assert body.region.y <= verdict_row < body.region.bottom, (body.region, feedback.region)


async def test_an_answer_typed_and_not_submitted_is_there_again_after_leaving(tmp_path):
    # Found by the walkthrough: "2" typed in the box, escape before enter, x: the box was empty.
    from alignlearn.ui.screens.lesson import LessonScreen

    quiz = quiz_from(tmp_path, QUIZ)
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_by_key(pilot, quiz)
        await type_in(pilot, "mu")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        box = screen.query_one(AnswerBox)
        assert box.display and box.has_focus and box.text == "mu"
        await type_in(pilot, "t")
        await pilot.press("enter")
        await pilot.pause()
        assert "\u2713 Right." in quiz_text(screen)


async def test_a_tracing_answer_half_typed_is_there_again_after_leaving(tmp_path):
    quiz = quiz_from(tmp_path, QUIZ)
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_by_key(pilot, quiz)
        for text in ("mut", "4"):
            await type_in(pilot, text)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("1", "enter")
        await pilot.pause()
        await type_in(pilot, "1")
        await pilot.press("escape")  # the choice made and the output begun: both kept
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        box = screen.query_one(AnswerBox)
        assert "Type what it prints" in quiz_text(screen)
        assert box.display and box.text == "1" and screen.session.selected
