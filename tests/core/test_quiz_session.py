"""Pure tests of a quiz sitting (course/quiz_session.py): order, shuffling, grading by
text, drafts. No Textual: the quiz screen only shows what these check."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from alignlearn import paths
from alignlearn.course.quiz import Question, Quiz, load_quiz
from alignlearn.course.quiz_session import QuizSession, sitting_rng, valid_answer

SEED = "alignment-technical-problem"


def seed_quiz() -> Quiz:
    quiz, problems = load_quiz(paths.bundled_course() / f"{SEED}.quiz.toml")
    assert quiz is not None and not [p for p in problems if p.is_error]
    return quiz


def small_quiz() -> Quiz:
    return Quiz(Path("q.quiz.toml"), [
        Question("a", "single", "Pick B", "B it is", "B", ["A", "B", "C"]),
        Question("b", "multiple", "Pick A and C", "A and C", ["A", "C"], ["A", "B", "C"]),
        Question("c", "true_false", "True?", "Yes", True),
    ])


def right_keys(session: QuizSession) -> list[int]:
    """The keys that answer the current question right, as shown."""
    question = session.question
    options = session.options()
    if question.kind == "true_false":
        return [1 if question.answer else 2]
    wanted = question.answer if isinstance(question.answer, list) else [question.answer]
    return [options.index(w) + 1 for w in wanted]


def test_first_sitting_is_in_file_order_with_choices_as_written():
    quiz = small_quiz()
    session = QuizSession.start(quiz)
    assert session.order == ["a", "b", "c"]
    assert session.options() == ["A", "B", "C"]
    assert (session.number, session.total) == (1, 3)


@pytest.mark.parametrize("keys,correct", [([2], True), ([1], False), ([3], False)])
def test_single_choice_is_graded(keys, correct):
    session = QuizSession.start(small_quiz())
    for key in keys:
        assert session.choose(key)
    outcome = session.submit()
    assert outcome.correct is correct
    assert session.answers["a"] == ["A", "B", "C"][keys[-1] - 1]


@pytest.mark.parametrize("keys,correct", [
    ([1, 3], True), ([3, 1], True), ([1], False), ([1, 2, 3], False), ([1, 3, 2, 2], True), ([1, 1, 3], False),
])
def test_multiple_choice_toggles_and_is_graded_as_a_set(keys, correct):
    session = QuizSession.start(small_quiz())
    session.choose(2)
    session.submit()
    session.go_on()
    for key in keys:
        session.choose(key)
    outcome = session.submit()
    assert outcome.correct is correct
    assert outcome.question.id == "b"
    # stored in the file's order whatever the order of the keys
    assert session.answers["b"] == [c for c in ["A", "B", "C"] if c in session.answers["b"]]


@pytest.mark.parametrize("key,correct", [(1, True), (2, False)])
def test_true_false_one_is_true_two_is_false(key, correct):
    session = QuizSession.start(small_quiz())
    for _ in range(2):
        session.choose(1)
        session.submit()
        session.go_on()
    assert session.question.kind == "true_false"
    assert session.options() == ["True", "False"]
    assert session.choose(key)
    assert session.submit().correct is correct
    assert session.answers["c"] is (key == 1)


def test_nothing_chosen_is_not_submitted_and_keys_out_of_range_do_nothing():
    session = QuizSession.start(small_quiz())
    assert session.submit() is None
    assert not session.choose(0)
    assert not session.choose(4)
    assert session.answers == {}
    session.choose(1)
    session.submit()
    assert not session.choose(2)  # the outcome is shown: no changing the answer
    assert session.submit() is None


def test_counting_and_finishing():
    session = QuizSession.start(small_quiz())
    seen = []
    while not session.finished:
        seen.append(session.number)
        session.choose(1)
        session.submit()
        assert session.number == seen[-1]  # the outcome keeps the number it answered
        session.go_on()
    assert seen == [1, 2, 3]
    assert session.question is None
    assert session.score == sum(o.correct for o in session.outcomes())
    assert set(session.correct()) == {"a", "b", "c"}


@pytest.mark.parametrize("seed", range(20))
def test_a_shuffled_retake_is_still_graded_by_text(seed):
    quiz = seed_quiz()
    session = QuizSession.start(quiz, shuffle=True, rng=random.Random(seed))
    assert sorted(session.order) == sorted(q.id for q in quiz.questions)
    for question in quiz.questions:
        assert sorted(session.choice_order[question.id]) == sorted(question.options())
        if question.kind == "true_false":
            assert session.choice_order[question.id] == ["True", "False"]
    while not session.finished:
        for key in right_keys(session):
            session.choose(key)
        assert session.submit().correct
        session.go_on()
    assert session.score == session.total == len(quiz.questions)


def test_shuffling_changes_something_across_seeds():
    quiz = seed_quiz()
    orders = {tuple(QuizSession.start(quiz, shuffle=True, rng=random.Random(s)).order) for s in range(5)}
    assert len(orders) > 1


def test_a_draft_resumes_at_the_first_unanswered_question():
    quiz = seed_quiz()
    first = QuizSession.start(quiz)
    for _ in range(3):
        first.choose(1)
        first.submit()
        first.go_on()
    draft = first.draft()
    assert len(draft) == 3
    again = QuizSession.start(quiz, answers=draft)
    assert again.answers == draft
    assert again.number == 4
    assert again.question.id == quiz.questions[3].id
    assert again.order[:3] == first.order[:3]


def test_a_stale_draft_keeps_only_answers_that_still_fit():
    quiz = small_quiz()
    draft = {"a": "gone choice", "b": ["A"], "c": "yes", "zz": "B"}
    session = QuizSession.start(quiz, answers=draft)
    assert session.answers == {"b": ["A"]}
    assert session.order[0] == "b"
    assert session.number == 2


def test_a_draft_of_every_question_is_finished():
    quiz = small_quiz()
    session = QuizSession.start(quiz, answers={"a": "B", "b": ["A", "C"], "c": False})
    assert session.finished
    assert session.score == 2


@pytest.mark.parametrize("kind,given,ok", [
    ("single", "A", True), ("single", "Z", False), ("single", ["A"], False), ("single", True, False),
    ("multiple", ["A", "C"], True), ("multiple", [], False), ("multiple", "A", False), ("multiple", ["Z"], False),
    ("true_false", True, True), ("true_false", "True", False),
])
def test_valid_answer(kind, given, ok):
    question = Question("x", kind, "?", "!", "A" if kind == "single" else (["A"] if kind == "multiple" else True),
                        [] if kind == "true_false" else ["A", "B", "C"])
    assert valid_answer(question, given) is ok


def test_the_outcome_names_the_right_options():
    session = QuizSession.start(small_quiz())
    session.choose(1)
    outcome = session.submit()
    assert not outcome.correct
    assert outcome.right_options == ["B"]


def test_the_core_session_does_not_import_textual():
    import subprocess
    import sys

    code = "import sys, alignlearn.course.quiz_session; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_sitting_s_order_follows_from_the_learner_the_lesson_and_the_attempt():
    quiz = small_quiz()

    def order(*key):
        return QuizSession.start(quiz, shuffle=True, rng=sitting_rng(*key)).choice_order

    assert order("ab12", "c", "l", 0) == order("ab12", "c", "l", 0)
    orders = {str(order("ab12", "c", "l", attempt)) for attempt in range(6)}
    assert len(orders) > 1
    assert len({str(order(learner, "c", "l", 0)) for learner in ("a", "b", "c", "d", "e", "f")}) > 1


def test_shuffling_only_the_choices_keeps_the_questions_in_order():
    quiz = small_quiz()
    session = QuizSession.start(quiz, shuffle_choices=True, rng=random.Random(3))
    assert session.order == [q.id for q in quiz.questions]


def test_the_learner_s_name_is_made_once_and_kept(tmp_path, monkeypatch):
    from alignlearn.progress import learner

    monkeypatch.setattr(learner, "_known", {})
    monkeypatch.setenv("ALIGNLEARN_DATA_DIR", str(tmp_path / "data"))
    name = learner.learner_name()
    assert name.isalnum() and (tmp_path / "data" / "learner").read_text().strip() == name
    monkeypatch.setattr(learner, "_known", {})
    assert learner.learner_name() == name


def finished(quiz: Quiz, *, shuffle: bool = False) -> QuizSession:
    """A sitting of ``quiz`` answered right throughout, in a known order when shuffled."""
    session = QuizSession.start(quiz, shuffle=shuffle, rng=random.Random(7))
    while session.index < session.total:
        for key in right_keys(session):
            session.choose(key)
        session.submit()
        session.go_on()
    return session


def test_a_finished_sitting_regraded_against_the_same_quiz_stands_as_it_was_shown():
    session = finished(small_quiz(), shuffle=True)
    regrade = session.regrade(small_quiz())
    assert regrade.stands and regrade.before is session
    after = regrade.after
    assert after.finished and after.order == session.order and after.choice_order == session.choice_order
    assert (after.score, after.total) == (3, 3)


def test_rewording_a_question_keeps_the_score_and_shows_the_new_words():
    session = finished(small_quiz())
    saved = small_quiz()
    saved.questions[0] = Question("a", "single", "Now pick B", "B it is", "B", ["A", "B", "C"])
    after = session.regrade(saved).after
    assert session.regrade(saved).stands and after.outcomes()[0].question.prompt == "Now pick B"


@pytest.mark.parametrize("change,counts", [
    ("answer", (0, 0, 1)),  # the right answer moved: the learner's is wrong now
    ("choice", (0, 0, 1)),  # the choice the learner picked is gone
    ("removed", (0, 1, 0)),
    ("added", (1, 0, 0)),
])
def test_a_save_that_changes_the_score_says_what_changed(change, counts):
    session = finished(small_quiz())
    saved = small_quiz()
    if change == "answer":
        saved.questions[0] = Question("a", "single", "Pick B", "B it is", "C", ["A", "B", "C"])
    elif change == "choice":
        saved.questions[0] = Question("a", "single", "Pick B", "B it is", "D", ["A", "D", "C"])
    elif change == "removed":
        del saved.questions[2]
    else:
        saved.questions.append(Question("d", "true_false", "Also true?", "Yes", True))
    regrade = session.regrade(saved)
    assert (regrade.added, regrade.removed, regrade.changed) == counts and not regrade.stands
