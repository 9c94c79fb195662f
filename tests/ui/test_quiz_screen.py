"""Pilot tests of the quiz screen (x): keys in; what is shown and what is written out.

The seed lesson's quiz, on a copy of the bundled course, with ALIGNLEARN_DATA_DIR
pointing at a temp folder (tests/conftest.py), so the progress file is the test's own.
"""

from __future__ import annotations

import pytest

from alignlearn.ui import reader_progress
from alignlearn.ui.app import build_app
from alignlearn.ui.screens.lesson import LessonScreen
from alignlearn.ui.screens.quiz import QuizScreen
from pilot import open_quiz
from quiz_pilot import SEED, copy_course, lesson_record, painted, quiz_text, right_keys, settle, wrong_keys


@pytest.fixture(autouse=True)
def quick_saves(monkeypatch):
    monkeypatch.setattr(reader_progress, "SAVE_AFTER", 0.05)


@pytest.fixture
def course_dir(tmp_path):
    return copy_course(tmp_path)


async def answer(pilot, screen: QuizScreen, right: bool) -> None:
    keys = right_keys(screen.session) if right else wrong_keys(screen.session)
    await pilot.press(*keys, "enter")
    await pilot.pause()


async def test_taking_the_seed_quiz_right_and_wrong(course_dir):
    pattern = [True, False, True, True, False, True, True, False, True, True, True, False, True, True, True]
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        total = len(screen.quiz.questions)
        assert total == len(pattern) == 15
        asked = []
        for number, right in enumerate(pattern, 1):
            shown = quiz_text(screen)
            assert f"{number} of {total}" in shown
            assert screen.session.question.prompt[:30] in shown.replace("\n", " ")
            asked.append(screen.session.question.id)
            await answer(pilot, screen, right)
            shown = quiz_text(screen)
            # right or wrong as a word and a mark, and the explanation
            assert ("\u2713 Right." if right else "\u2717 Wrong.") in shown
            assert screen.session.shown.question.explanation[:30] in shown.replace("\n", " ")
            if not right and screen.session.shown.question.kind == "multiple":
                assert "The right choices are marked \u2713." in shown
            elif not right:
                assert f"The answer: {screen.session.shown.right_options[0]}"[:40] in shown
            await pilot.press("enter")
            await pilot.pause()
        assert asked == [q.id for q in screen.quiz.questions]  # the first sitting: the file's order
        score = sum(pattern)
        shown = quiz_text(screen)
        assert f"Your score: {score} of 15 ({round(100 * score / 15)}%)" in shown
        assert "Best so far: 11 of 15" in shown
        assert shown.count("\u2713 right") == score and shown.count("\u2717 wrong") == 15 - score
        await settle(pilot)
        record = lesson_record()
        assert len(record["attempts"]) == 1
        attempt = record["attempts"][0]
        assert (attempt["score"], attempt["total"]) == (score, 15)
        assert [attempt["correct"][q.id] for q in screen.quiz.questions] == pattern
        assert set(attempt["answers"]) == {q.id for q in screen.quiz.questions}
        assert "draft" not in record
        # the lesson list shows the best score, and "done" (passed: 11 of 15 is over 70%)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        row = painted(app.screen.query_one("#lessons")).splitlines()[0]
        assert "11/15" in row and "\u2713 passed" in row


async def test_a_wrong_answer_names_its_section_s_goes_there_and_x_comes_back(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        await answer(pilot, screen, True)
        await pilot.press("enter")
        await answer(pilot, screen, False)  # q3: "Why you cannot simply write down the goal", section 2
        question = screen.session.shown.question
        section = app.lesson_screen.lesson.section(question.section)
        shown = quiz_text(screen).replace("\n", " ")
        assert f"Section {section.number}: {section.title}" in shown
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)
        assert app.lesson_screen.section == section.number
        await pilot.press("x")
        await pilot.pause()
        back = app.screen
        assert isinstance(back, QuizScreen)
        assert back.session is screen.session  # where it was: the outcome of question 2 still shown
        assert back.session.shown is not None and back.session.shown.question is question
        assert "2 of 15" in quiz_text(back) and "\u2717 Wrong." in quiz_text(back)
        await pilot.press("enter")
        await pilot.pause()
        assert "3 of 15" in quiz_text(back)


async def leave_half_way(pilot) -> list[str]:
    """Answer three questions (right, wrong, right), leave the quiz; the ids answered."""
    screen = await open_quiz(pilot)
    given = []
    for right in (True, False, True):
        given.append(screen.session.question.id)
        await answer(pilot, screen, right)
        await pilot.press("enter")
    await pilot.press("escape")
    await settle(pilot)
    return given


async def test_leaving_half_way_keeps_the_answers_and_offers_to_resume(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        given = await leave_half_way(pilot)
        assert isinstance(app.screen, LessonScreen)
        draft = lesson_record()["draft"]["answers"]
        assert list(draft) == given

    app = build_app(str(course_dir), lesson=SEED)  # another day
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        shown = quiz_text(screen)
        assert "You left this quiz half way" in shown and "3 of 15" in shown
        # the offer's keys: resume or start again, not a program question's "Back to step 1"
        offered = {binding.binding.description for binding in screen.active_bindings.values()
                   if screen.check_action(binding.binding.action, ()) is not False}
        assert "Resume" in offered and "Back to step 1" not in offered, offered
        await pilot.press("enter")  # resume
        await pilot.pause()
        assert "4 of 15" in quiz_text(screen)
        assert screen.session.answers.keys() == set(given)
        while not screen.session.finished:
            await answer(pilot, screen, True)
            await pilot.press("enter")
            await pilot.pause()
        assert "Your score: 14 of 15" in quiz_text(screen)
        await settle(pilot)
        record = lesson_record()
        assert "draft" not in record
        assert record["attempts"][0]["score"] == 14
        assert len(record["attempts"][0]["answers"]) == 15


def remove_questions(course_dir, ids) -> None:
    """The seed's quiz file without the questions ``ids``, as an author would save it."""
    quiz = course_dir / f"{SEED}.quiz.toml"
    head, *blocks = quiz.read_text(encoding="utf-8").split("[[questions]]")
    kept = [block for block in blocks if not any(f'id = "{question}"' in block for question in ids)]
    assert len(kept) == len(blocks) - len(ids)
    quiz.write_text("[[questions]]".join([head, *kept]), encoding="utf-8")


@pytest.mark.parametrize("removed", [1, 3], ids=["some", "all"])
async def test_answers_to_questions_removed_since_the_learner_left_are_said_to_be_dropped(course_dir, removed):
    """Three answers given and left; then the author removed questions that were answered. The
    answers to those cannot be kept, and it said nothing: "You answered 2 of 14" for the three
    given, or, with none left, a fresh first question as if the learner had never begun."""
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        given = await leave_half_way(pilot)
    remove_questions(course_dir, given[:removed])

    app = build_app(str(course_dir), lesson=SEED)  # another day
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_quiz(pilot)
        shown = " ".join(quiz_text(screen).split())
        said = " ".join(n.message for n in app._notifications)
        if removed == 1:
            assert screen.offer is not None and set(screen.offer) == set(given[1:])
            assert "You answered 2 of 14 questions" in shown
            assert "Your answer to 1 question that was since removed or changed cannot be kept." in shown
        else:
            assert screen.offer is None and screen.session.number == 1
            assert "Your answers to 3 questions that were since removed or changed cannot be kept." in said
        assert "draft" in lesson_record()  # told, and nothing written until the learner answers


async def test_start_again_instead_of_resuming(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        await answer(pilot, screen, True)
        await pilot.press("enter", "escape")
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert "half way" in quiz_text(screen)
        await pilot.press("r")
        await pilot.pause()
        assert "1 of 15" in quiz_text(screen)
        await settle(pilot)
        assert "draft" not in lesson_record()


async def test_a_retake_is_shuffled_and_still_graded_by_text(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        first_order = list(screen.session.order)
        while not screen.session.finished:
            await answer(pilot, screen, False)
            if screen.session.shown.question.kind == "multiple":
                assert "\u2717 Wrong. The right choices are marked \u2713." in quiz_text(screen)
            await pilot.press("enter")
        assert "Your score: 0 of 15" in quiz_text(screen)
        await pilot.press("r")
        await pilot.pause()
        session = screen.session
        assert session.number == 1 and not session.answers
        shuffled = session.order != first_order or any(
            session.choice_order[q.id] != q.options() for q in screen.quiz.questions)
        assert shuffled
        while not session.finished:
            await answer(pilot, screen, True)
            assert session.shown.correct
            await pilot.press("enter")
        shown = quiz_text(screen)
        assert "Your score: 15 of 15 (100%)" in shown
        assert "Best so far: 15 of 15 (100%)" in shown and "a new best" in shown
        await settle(pilot)
        assert [a["score"] for a in lesson_record()["attempts"]] == [0, 15]


async def test_enter_without_a_choice_does_not_submit(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        await pilot.press("enter", "9")
        await pilot.pause()
        assert screen.session.shown is None and not screen.session.answers
        await pilot.press("1", "2")  # single choice: the last pick counts
        assert screen.session.selected == [screen.session.options()[1]]


async def test_multiple_choice_toggles(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        while screen.session.question.kind != "multiple":
            await answer(pilot, screen, True)
            await pilot.press("enter")
        await pilot.press("1", "2", "1")
        await pilot.pause()
        shown = quiz_text(screen)
        assert "[ ] 1" in shown and "[x] 2" in shown


async def test_a_lesson_without_a_quiz_says_so(tmp_path):
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert any("has no quiz" in n.message for n in app._notifications)


async def test_a_quiz_that_cannot_be_read_is_named_with_its_line_not_called_missing(tmp_path):
    """A quiz file with broken TOML: the learner is told it could not be read, and where,
    not "This lesson has no quiz." (check and preview said so; the reader did not)."""
    course = copy_course(tmp_path)
    quiz = course / f"{SEED}.quiz.toml"
    quiz.write_text(quiz.read_text(encoding="utf-8") + "\n[[questions]\nid = \n", encoding="utf-8")
    app = build_app(str(course), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        messages = [n.message for n in app._notifications]
        assert not any("has no quiz" in m for m in messages), messages
        said = next(m for m in messages if "could not be read" in m)
        assert quiz.name in said and "line " in said and "alignlearn check" in said


async def test_quiz_text_is_content_not_markup(tmp_path):
    course = copy_course(tmp_path, quizzes=False)
    (course / f"{SEED}.quiz.toml").write_text(
        '[[questions]]\nid = "q1"\nkind = "single"\nprompt = "Is [bold]this[/bold] bold? [link=x]no[/link]"\n'
        'choices = ["[red]A[/red]", "B"]\nanswer = "[red]A[/red]"\nexplanation = "[i]Shown[/i] as typed."\n',
        encoding="utf-8")
    app = build_app(str(course), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        shown = quiz_text(screen)
        assert "Is [bold]this[/bold] bold? [link=x]no[/link]" in shown
        assert "[red]A[/red]" in shown
        await answer(pilot, screen, True)  # the choices are shuffled: the keys that answer it right
        shown = quiz_text(screen)
        assert "\u2713 Right." in shown and "[i]Shown[/i] as typed." in shown


async def test_no_color_right_and_wrong_are_words_and_marks(course_dir, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        await answer(pilot, screen, False)
        shown = quiz_text(screen)
        assert "\u2717 Wrong." in shown and "\u2713" in shown  # the right choice carries the check mark
        await pilot.press("enter")
        await answer(pilot, screen, True)
        assert "\u2713 Right." in quiz_text(screen)


def test_quiz_screen_80x24(snap_compare, tmp_path):
    course = copy_course(tmp_path)

    async def wrong_answer(pilot) -> None:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        screen = pilot.app.screen
        await pilot.press(*right_keys(screen.session), "enter", "enter")
        await pilot.press(*wrong_keys(screen.session), "enter")  # q2, true/false: answered wrong
        await pilot.pause()

    assert snap_compare(build_app(str(course), lesson=SEED), terminal_size=(80, 24), run_before=wrong_answer)


async def test_help_and_back_keys_work_in_the_quiz(course_dir):
    from alignlearn.ui.screens.help import HelpScreen

    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = painted(app.screen.query_one("#key-table"))
        assert "Submit the answer, then go on" in table and "Choose or toggle that choice" in table
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("q")  # back first, not quit
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.is_running


async def test_the_first_sitting_shuffles_choices_and_a_resumed_one_keeps_them(course_dir, tmp_path, monkeypatch):
    """Where the right choice sits must say nothing, from the first sitting on; the
    questions keep the author's order; coming back, the choices are where they were."""
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        quiz = screen.quiz
        assert screen.session.order == [q.id for q in quiz.questions]  # the author's order
        first = dict(screen.session.choice_order)
        moved = [q.id for q in quiz.questions if q.kind != "true_false" and first[q.id] != q.options()]
        assert len(moved) >= 3, moved
        for q in quiz.questions:
            assert sorted(first[q.id]) == sorted(q.options())
            if q.kind == "true_false":
                assert first[q.id] == q.options()  # 1 is true, 2 false, always
        await answer(pilot, screen, True)
        await pilot.press("enter", "escape")
        await settle(pilot)

    app = build_app(str(course_dir), lesson=SEED)  # another day: the same sitting
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        await pilot.press("enter")  # resume
        await pilot.pause()
        assert screen.session.choice_order == first
        while not screen.session.finished:
            await answer(pilot, screen, True)
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("r")  # a retake: another order
        await pilot.pause()
        assert screen.session.choice_order != first

    monkeypatch.setenv("ALIGNLEARN_DATA_DIR", str(tmp_path / "another-learner"))
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quiz(pilot)
        assert screen.session.choice_order != first


async def test_a_choice_not_yet_submitted_is_there_again_after_leaving(course_dir):
    # Found by the walkthrough: a choice made, escape before enter, x: the question came
    # back with nothing chosen (nothing a learner did may be lost). And said to be kept only
    # while the reader runs: "Your answer so far is kept" promised more (a later walkthrough
    # reopened it another day to empty boxes; submitted answers are the saved draft).
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_quiz(pilot)
        await answer(pilot, screen, True)
        await pilot.press("enter")
        await pilot.pause()
        question = screen.session.question.id
        await pilot.press(wrong_keys(screen.session)[0])
        chosen = list(screen.session.selected)
        assert chosen
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)
        assert "kept until you quit: x goes back to it" in " ".join(n.message for n in app._notifications)
        assert list(lesson_record()["draft"]["answers"]) != []  # the answer given is on disk as before
        again = await open_quiz(pilot)
        assert again.session is not None and again.session.question.id == question
        assert again.session.selected == chosen and "2 of 15" in quiz_text(again)
