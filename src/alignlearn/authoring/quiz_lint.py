"""Warnings for a quiz that can be passed without reading, and for a lesson's minutes.

A learner who notices that the answer is usually the first choice, or the longest one,
or that every true/false statement is false, scores well without learning anything;
these patterns are easy to fall into when writing questions one at a time and easy to
see across the whole quiz, so ``check`` points them out. Small quizzes are left alone:
with a handful of questions such a pattern is as likely to be chance as habit.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from alignlearn.course.problems import Problem, Problems

if TYPE_CHECKING:
    from alignlearn.course.lesson import Lesson
    from alignlearn.course.quiz import Question, Quiz

WORDS_PER_MINUTE = 200
MINUTES_PER_QUESTION = 0.5
MINUTES_FACTOR = 2  # declared minutes further than this from the estimate, either way, are warned about
# Below this estimate a lesson is a stub or a short page (a new lesson's template is one),
# where reading speeds differ most and a few minutes either way misleads nobody.
MIN_ESTIMATE = 5

# The fewest questions of a kind for a pattern among them to be worth a warning.
MIN_SINGLE = 5
MIN_MULTIPLE = 3
MIN_TRUE_FALSE = 4
MOST = 0.5  # "most": more than this share of the single-answer questions

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def reading_minutes(lesson: "Lesson") -> float:
    """Minutes to read the lesson at 200 words a minute, plus half a minute a quiz question."""
    return _estimate(lesson)[0]


def shown_minutes(declared: int | None, estimate: float | None, unknown: str = "?") -> str:
    """A lesson's minutes in a list of lessons (``alignlearn lessons``, the reader's list):
    as declared, else "~N" from ``reading_minutes``, else ``unknown``."""
    if declared is not None:
        return str(declared)
    return unknown if estimate is None else f"~{max(1, round(estimate))}"


def _estimate(lesson: "Lesson") -> tuple[float, int]:
    from alignlearn.authoring.lesson_words import body_text

    words = len(body_text(lesson).split())
    questions = len(lesson.quiz.questions) if lesson.quiz is not None else 0
    return words / WORDS_PER_MINUTE + questions * MINUTES_PER_QUESTION, words


def minutes_problem(lesson: "Lesson", line: int, col: int, found: Problems) -> None:
    """Warn when the declared ``minutes`` is more than twice, or less than half, the estimate."""
    declared = lesson.minutes
    if declared is None:
        return
    estimate, words = _estimate(lesson)
    if estimate < MIN_ESTIMATE:
        return
    if declared > MINUTES_FACTOR * max(estimate, 1) or declared * MINUTES_FACTOR < estimate:
        shown = max(1, round(estimate))
        quiz = f", plus {MINUTES_PER_QUESTION:g} a quiz question" if lesson.quiz is not None else ""
        found.warning(line, col, f"'minutes' is {declared} but the lesson takes about {shown} "
                      f"({words} words at {WORDS_PER_MINUTE} a minute{quiz})",
                      f"set minutes = {shown}, or near it, so that a learner can plan the time")


def guessable(quiz: "Quiz") -> list[Problem]:
    """Each pattern that gives a quiz's answers away, at its first question of the kind."""
    found = Problems(quiz.file)
    singles = [q for q in quiz.questions if q.kind == "single" and q.answer in q.choices]
    multiples = [q for q in quiz.questions if q.kind == "multiple" and isinstance(q.answer, list)
                 and 0 < len(set(q.answer)) < len(q.choices)]  # all choices right says nothing of order
    true_false = [q for q in quiz.questions if q.kind == "true_false" and isinstance(q.answer, bool)]
    _positions(singles, found)
    _longest(singles, found)
    _first_listed(multiples, found)
    _one_way(true_false, found)
    return list(found)


def _positions(singles: list["Question"], found: Problems) -> None:
    if len(singles) < MIN_SINGLE:
        return
    counts = Counter(q.choices.index(q.answer) for q in singles)
    position, count = counts.most_common(1)[0]
    if count > MOST * len(singles):
        name = ORDINALS[position] if position < len(ORDINALS) else f"number {position + 1}"
        found.warning(singles[0].line, 1,
                      f"guessable quiz: the answer is the {name} choice in {count} of "
                      f"{len(singles)} single-answer questions",
                      "move right answers to other positions so that none holds most of them "
                      "(the quiz screen may shuffle, but a printed quiz and a first glance do not)")


def _longest(singles: list["Question"], found: Problems) -> None:
    if len(singles) < MIN_SINGLE:
        return
    count = sum(1 for q in singles if _strictly_longest(q))
    if count > MOST * len(singles):
        found.warning(singles[0].line, 1,
                      f"guessable quiz: the answer is the longest choice in {count} of "
                      f"{len(singles)} single-answer questions",
                      "make the wrong choices as specific and as long as the right one, "
                      "or shorten the right one")


def _strictly_longest(question: "Question") -> bool:
    size = len(question.answer.strip())
    return all(len(choice.strip()) < size for choice in question.choices if choice != question.answer)


def _first_listed(multiples: list["Question"], found: Problems) -> None:
    if len(multiples) < MIN_MULTIPLE:
        return
    if all(set(q.choices[:len(set(q.answer))]) == set(q.answer) for q in multiples):
        found.warning(multiples[0].line, 1,
                      f"guessable quiz: in all {len(multiples)} multiple-answer questions the "
                      "right choices are listed first",
                      "mix the right choices in among the wrong ones")


def _one_way(true_false: list["Question"], found: Problems) -> None:
    if len(true_false) < MIN_TRUE_FALSE:
        return
    answers = {q.answer for q in true_false}
    if len(answers) == 1:
        way = "true" if answers.pop() else "false"
        found.warning(true_false[0].line, 1,
                      f"guessable quiz: all {len(true_false)} true/false statements are {way}",
                      f"rewrite some as {'false' if way == 'true' else 'true'} statements, "
                      "so that neither answer can be assumed")


__all__ = ["MINUTES_FACTOR", "guessable", "minutes_problem", "reading_minutes", "shown_minutes"]
