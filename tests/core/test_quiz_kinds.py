"""The typed kinds, short_answer and tracing: grading, a sitting, and progress keeping
their answers (the progress codec is unchanged: a tracing answer is kept as two texts)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from alignlearn.course.quiz import Question, Quiz, Tracing, load_quiz, read_tracing, tracing_given
from alignlearn.course.quiz_session import NO, YES, QuizSession, valid_answer
from alignlearn.progress.codec import dumps, loads
from alignlearn.progress.model import Attempt, Progress, QuizDraft


def short(answer="mut", alternatives=("let mut",)) -> Question:
    return Question("s", "short_answer", "Which keyword?", "Because.", answer, alternatives=list(alternatives))


def tracing(compiles=True, stdout="1 2", line=None) -> Question:
    return Question("t", "tracing", "Trace it", "Why.", Tracing(compiles, stdout, line), program="fn main() {}")


def test_short_answer_is_graded_trimmed_and_ignoring_case():
    question = short()
    assert question.is_correct("mut") and question.is_correct("  MUT \n") and question.is_correct("Let Mut")
    assert not question.is_correct("mutable") and not question.is_correct("") and not question.is_correct(None)
    assert not question.is_correct(["mut"]) and not question.is_correct(True)
    assert question.right_answer() == "mut"


def test_tracing_is_graded_by_compiling_then_output_or_line():
    prints = tracing(True, "deref\nderef  \n0 -1\n")
    assert prints.is_correct(tracing_given(True, "deref\nderef\n0 -1"))
    assert prints.is_correct(tracing_given(True, "deref   \nderef\n0 -1   \n\n"))  # trailing spaces per line
    assert not prints.is_correct(tracing_given(True, "deref deref 0 -1"))
    assert not prints.is_correct(tracing_given(True, " deref\nderef\n0 -1"))  # leading spaces count
    assert not prints.is_correct(tracing_given(False, "3"))
    fails = tracing(False, None, 4)
    assert fails.is_correct(tracing_given(False, "4")) and fails.is_correct(tracing_given(False, " line 4 "))
    assert not fails.is_correct(tracing_given(False, "3")) and not fails.is_correct(tracing_given(False, "four"))
    assert not fails.is_correct(tracing_given(True, "4"))
    assert tracing(False, None, None).is_correct(tracing_given(False, ""))  # no line known: compiling is all
    assert not fails.is_correct("4") and not fails.is_correct(["yes", "4"]) and not fails.is_correct(None)
    assert fails.right_answer() == "It does not compile: the error is at line 4."
    assert prints.right_answer().startswith("It compiles and prints: deref")


def test_a_sitting_with_typed_answers():
    quiz = Quiz(None, [short(), tracing(True, "1 2"), tracing(False, None, 3)])
    quiz.questions[2].id = "t2"
    session = QuizSession.start(quiz, shuffle_choices=True, rng=random.Random(1))
    assert session.typing and session.submit() is None  # nothing typed yet
    session.type_text("  Mut ")
    outcome = session.submit()
    assert outcome.correct and outcome.given == "Mut"
    session.go_on()
    assert not session.typing and session.options() == [YES, NO]  # never shuffled
    assert session.choose(1) and session.typing
    assert session.submit() is None  # the output is wanted too
    session.type_text("1 3")
    outcome = session.submit()
    assert not outcome.correct and outcome.right_options == [YES]
    session.go_on()
    session.choose(2)
    session.type_text("3")
    assert session.submit().correct
    session.go_on()
    assert session.finished and session.score == 2
    assert session.draft() == {"s": "Mut", "t": ["compiles", "1 3"], "t2": ["fails", "3"]}
    resumed = QuizSession.start(quiz, answers=session.draft())
    assert resumed.finished and resumed.score == 2


def test_the_second_step_is_skipped_when_there_is_no_line_to_name():
    session = QuizSession.start(Quiz(None, [tracing(False, None, None)]))
    session.choose(2)
    assert not session.typing
    assert session.submit().correct


def test_stale_draft_answers_are_dropped():
    assert valid_answer(short(), "x") and not valid_answer(short(), " ") and not valid_answer(short(), ["x"])
    question = tracing()
    assert valid_answer(question, ["compiles", "1"]) and not valid_answer(question, ["maybe", "1"])
    assert not valid_answer(question, "compiles") and read_tracing(["fails", "2", "x"]) is None


def test_native_short_answer_questions(tmp_path):
    path = tmp_path / "l.quiz.toml"
    path.write_text('''[[questions]]
id = "q1"
kind = "short_answer"
prompt = "Which keyword?"
answer = "mut"
alternatives = ["let mut"]
explanation = "Because."

[[questions]]
id = "q2"
kind = "short_answer"
prompt = "No answer"
answer = ["a"]
explanation = "x"

[[questions]]
id = "q3"
kind = "tracing"
prompt = "Not ours"
explanation = "x"
''', encoding="utf-8")
    quiz, problems = load_quiz(path)
    assert [(q.id, q.alternatives) for q in quiz.questions] == [("q1", ["let mut"])]
    assert [(p.line, p.severity) for p in problems] == [(13, "error"), (18, "error")]
    assert "unknown kind 'tracing'" in problems[1].message


ANSWERS = st.one_of(
    st.text(max_size=30),
    st.booleans(),
    st.lists(st.text(max_size=10), max_size=4),
    st.builds(tracing_given, st.booleans(), st.text(max_size=30)),
)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True), ANSWERS, max_size=5))
def test_typed_answers_round_trip_through_progress(answers):
    progress = Progress()
    lesson = progress.course("c").lesson("l")
    lesson.attempts.append(Attempt.now(0, max(len(answers), 1), answers, {k: False for k in answers}))
    lesson.draft = QuizDraft(dict(answers), lesson.attempts[0].when)
    again = loads(dumps(progress).encode("utf-8")).course("c").lesson("l")
    assert again.attempts[0].answers == answers and again.draft.answers == answers
    for key, value in answers.items():
        assert read_tracing(again.attempts[0].answers[key]) == read_tracing(value)


def test_the_authors_answer_sheet_shows_typed_answers():
    from rich.console import Console

    from alignlearn.ui.screens.answers import answer_sheet

    class Lesson:  # what answer_sheet reads of a lesson
        quiz = Quiz(__import__("pathlib").Path("q.toml"), [short(), tracing(False, None, 3)])
        problems: list = []

    console = Console(width=80, color_system=None)
    with console.capture() as capture:
        console.print(answer_sheet(Lesson()))
    out = capture.get()
    assert "mut  \u2190 answer" in out and "typed answer" in out
    assert "It does not compile: the error is at line 3.  \u2190 answer" in out and "fn main() {}" in out


def test_the_lesson_cache_keeps_every_field_of_a_question(tmp_path, monkeypatch):
    """A lesson read back from the cache kept only the first fields of a question: a
    short answer lost its alternatives (so a right answer was graded wrong), and a
    tracing answer could not be kept at all."""
    import os
    import time

    from alignlearn.course import open_course
    from alignlearn.cache import parsed_lessons as lesson_cache

    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "l.md").write_text('+++\nid = "l"\ntitle = "L"\n+++\n\n## One\n\nText.\n')
    (folder / "l.quiz.toml").write_text('[[questions]]\nid = "q1"\nkind = "short_answer"\nprompt = "Keyword?"\n'
                                        'answer = "mut"\nalternatives = ["let mut"]\nexplanation = "x"\nsection = "One"\n')
    then = time.time() - 10  # the cache trusts no file changed a moment ago
    for file in folder.iterdir():
        os.utime(file, (then, then))
    course = open_course(folder)
    parsed = lesson_cache.read(course, "l")
    kept = lesson_cache.load(parsed.info.file)
    assert kept is not None and kept.quiz.questions[0].alternatives == ["let mut"]
    assert kept.quiz.questions[0].is_correct("let mut")
    parsed.quiz.questions.append(tracing(False, None, 3))
    parsed.quiz.questions[-1].lead = "shared"
    back = lesson_cache._lesson(lesson_cache._lesson_data(parsed), parsed.info.file)
    assert [vars(q) for q in back.quiz.questions] == [vars(q) for q in parsed.quiz.questions]


def test_choices_placed_by_the_author_are_never_shuffled():
    placed = Question("p", "single", "Pick b", "", "b", ["a", "b", "c", "d"], keep_order=True)
    loose = Question("l", "single", "Pick b", "", "b", ["a", "b", "c", "d"])
    orders = {tuple(QuizSession.start(Quiz(None, [placed, loose]), shuffle=True, rng=random.Random(seed))
                    .choice_order["p"]) for seed in range(20)}
    assert orders == {("a", "b", "c", "d")}
    assert len({tuple(QuizSession.start(Quiz(None, [loose]), shuffle=True, rng=random.Random(seed))
                      .choice_order["l"]) for seed in range(20)}) > 1
