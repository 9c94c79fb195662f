"""`check` warns about a quiz that can be passed without reading, and about dishonest minutes."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignlearn.course import open_course
from alignlearn.render.measure import table_width
from alignlearn.authoring.check import check_course, check_lesson_file
from alignlearn.course.quiz import Question, Quiz
from alignlearn.authoring.quiz_lint import guessable, reading_minutes

LESSONS = Path(__file__).resolve().parents[2] / "lessons"
CHOICES = ["Alpha is right", "Beta is right", "Gamma is right", "Delta is right"]


def single(number: int, answer: int, choices: list[str] = CHOICES) -> Question:
    return Question(id=f"s{number}", kind="single", prompt="?", explanation=".", answer=choices[answer],
                    choices=list(choices), line=10 * number + 1)


def multiple(number: int, answer: list[int]) -> Question:
    return Question(id=f"m{number}", kind="multiple", prompt="?", explanation=".",
                    answer=[CHOICES[i] for i in answer], choices=list(CHOICES), line=100 + 10 * number)


def true_false(number: int, answer: bool) -> Question:
    return Question(id=f"t{number}", kind="true_false", prompt="?", explanation=".", answer=answer,
                    line=200 + 10 * number)


def warnings(*questions: Question) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in guessable(Quiz(Path("x.quiz.toml"), list(questions)))]


def test_answer_in_one_position_in_most_single_questions():
    found = warnings(*(single(n, answer) for n, answer in enumerate([0, 0, 0, 1, 2], 1)))
    assert found == [(11, "guessable quiz: the answer is the first choice in 3 of 5 single-answer questions")]


def test_answers_spread_over_the_positions_are_fine():
    assert warnings(*(single(n, answer) for n, answer in enumerate([0, 1, 2, 3, 1, 2], 1))) == []


def test_a_small_quiz_is_not_nagged_about_positions():
    assert warnings(*(single(n, 0) for n in range(1, 5))) == []


def test_answer_the_longest_choice_in_most_single_questions():
    def padded(answer: int) -> list[str]:
        return [c + " and a good deal more besides" if i == answer else c for i, c in enumerate(CHOICES)]

    questions = [single(n, answer, padded(answer)) for n, answer in enumerate([0, 1, 2, 3, 0], 1)]
    questions[4] = single(5, 0, CHOICES)  # equal lengths: not the longest
    found = warnings(*questions)
    assert found == [(11, "guessable quiz: the answer is the longest choice in 4 of 5 single-answer questions")]


def test_right_choices_always_listed_first():
    found = warnings(multiple(1, [0, 1]), multiple(2, [0]), multiple(3, [0, 1, 2]))
    assert found == [(110, "guessable quiz: in all 3 multiple-answer questions the right choices are listed first")]


def test_right_choices_mixed_in_once_are_fine():
    assert warnings(multiple(1, [0, 1]), multiple(2, [0]), multiple(3, [1, 3])) == []


def test_all_choices_right_says_nothing_about_order():
    assert warnings(multiple(1, [0, 1]), multiple(2, [0]), multiple(3, [0, 1, 2, 3])) == []


@pytest.mark.parametrize("answer, way", [(True, "true"), (False, "false")])
def test_true_false_all_one_way(answer, way):
    found = warnings(*(true_false(n, answer) for n in range(1, 5)))
    assert found == [(210, f"guessable quiz: all 4 true/false statements are {way}")]


def test_true_false_both_ways_or_few_are_fine():
    assert warnings(true_false(1, True), true_false(2, False), true_false(3, False), true_false(4, False)) == []
    assert warnings(*(true_false(n, False) for n in range(1, 4))) == []


LESSON = """\
+++
id = "one"
title = "A lesson"
minutes = {minutes}
+++

## Only part

{words}
"""


def lesson_file(folder: Path, minutes: int, words: int) -> Path:
    path = folder / "one.md"
    path.write_text(LESSON.format(minutes=minutes, words=" ".join(["word"] * words)), encoding="utf-8")
    return path


@pytest.mark.parametrize("minutes, warned", [(6, False), (12, False), (3, False), (13, True), (2, True)])
def test_minutes_more_than_twice_off_the_estimate_are_warned_about(tmp_path, minutes, warned):
    path = lesson_file(tmp_path, minutes, words=1198)  # 6.0 minutes with the heading
    found = [(p.line, p.message, p.hint) for p in check_lesson_file(path, table_width).problems]
    if warned:
        assert found == [(4, f"'minutes' is {minutes} but the lesson takes about 6 (1200 words at 200 a minute)",
                          "set minutes = 6, or near it, so that a learner can plan the time")]
    else:
        assert found == []


@pytest.mark.parametrize("minutes", [1, 10, 40])
def test_a_short_lesson_is_not_nagged_about_minutes(tmp_path, minutes):
    path = lesson_file(tmp_path, minutes, words=898)  # 4.5 minutes
    assert check_lesson_file(path, table_width).problems == []


def test_a_quiz_question_counts_half_a_minute(tmp_path):
    path = lesson_file(tmp_path, 4, words=1198)
    (tmp_path / "one.quiz.toml").write_text(
        "".join(f'[[questions]]\nid = "q{n}"\nkind = "true_false"\nprompt = "?"\nanswer = {str(n % 2 == 0).lower()}\n'
                f'explanation = "."\nsection = "Only part"\n' for n in range(12)), encoding="utf-8")
    problems = check_lesson_file(path, table_width).problems
    assert [p.message for p in problems] == [
        "'minutes' is 4 but the lesson takes about 12 (1200 words at 200 a minute, plus 0.5 a quiz question)"]


def test_the_bundled_lessons_have_honest_minutes_and_unguessable_quizzes():
    course = open_course(LESSONS)
    report = check_course(course, workers=1, table_width=table_width)
    assert [str(p) for p in report.problems] == []
    for info in course.lessons:
        lesson = course.lesson(info.id)
        estimate = reading_minutes(lesson)
        assert estimate / 1.5 <= lesson.minutes <= estimate * 1.5, (info.id, lesson.minutes, estimate)
