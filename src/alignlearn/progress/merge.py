"""Combine two progress states so that neither loses anything.

Two readers open at once, or an export carried from another machine, each hold part of
what the learner did. :func:`merge` keeps all of it: the union of sections read, every
attempt, and the newest of what can only have one value (the reading position, the
last lesson opened, the quiz draft).

It is commutative, associative and idempotent (on merged states), so the order in
which copies meet does not matter; ties are broken by content, never by argument order.
Attempts come out deduplicated and sorted by time.
"""

from __future__ import annotations

from typing import Any

from .model import FORMAT_VERSION, Answer, Attempt, CourseProgress, LessonProgress, Position, Progress, QuizDraft

__all__ = ["merge", "merge_lesson", "opened_order", "attempt_identity"]


def merge(a: Progress, b: Progress) -> Progress:
    """A new Progress holding everything in ``a`` and ``b``; neither is changed."""
    courses: dict[str, CourseProgress] = {}
    for course_id in a.courses.keys() | b.courses.keys():
        courses[course_id] = _merge_course(a.courses.get(course_id), b.courses.get(course_id))
    return Progress(
        format_version=max(a.format_version, b.format_version, FORMAT_VERSION),
        courses=dict(sorted(courses.items())),
    )


def _merge_course(a: CourseProgress | None, b: CourseProgress | None) -> CourseProgress:
    if a is None or b is None:
        return _copy_course(a if b is None else b)  # type: ignore[arg-type]
    newest = max(a, b, key=opened_order)
    lessons: dict[str, LessonProgress] = {}
    for lesson_id in a.lessons.keys() | b.lessons.keys():
        lessons[lesson_id] = merge_lesson(a.lessons.get(lesson_id), b.lessons.get(lesson_id))
    return CourseProgress(
        last_lesson=newest.last_lesson,
        last_opened=newest.last_opened,
        lessons=dict(sorted(lessons.items())),
    )


def opened_order(course: CourseProgress) -> tuple[Any, ...]:
    opened = (0,) if course.last_opened is None else (1, course.last_opened)
    lesson = (0, "") if course.last_lesson is None else (1, course.last_lesson)
    return (opened, lesson)


def merge_lesson(a: LessonProgress | None, b: LessonProgress | None) -> LessonProgress:
    if a is None or b is None:
        return _copy_lesson(a if b is None else b)  # type: ignore[arg-type]
    return LessonProgress(
        sections_read=a.sections_read | b.sections_read,
        position=_newest(a.position, b.position, _position_order),
        attempts=_merge_attempts(a.attempts + b.attempts),
        draft=_newest(a.draft, b.draft, _draft_order),
    )


def _newest(a, b, order):
    if a is None:
        return _copy_value(b)
    if b is None:
        return _copy_value(a)
    return _copy_value(max(a, b, key=order))


def _position_order(position: Position) -> tuple[Any, ...]:
    return (position.updated, position.section, position.line)


def _draft_order(draft: QuizDraft) -> tuple[Any, ...]:
    return (draft.updated, _answers_identity(draft.answers))


def _merge_attempts(attempts: list[Attempt]) -> list[Attempt]:
    unique: dict[tuple[Any, ...], Attempt] = {}
    for attempt in attempts:
        unique.setdefault(attempt_identity(attempt), attempt)
    return [_copy_attempt(unique[key]) for key in sorted(unique)]


def attempt_identity(attempt: Attempt) -> tuple[Any, ...]:
    """What makes two attempts the same attempt: all of it, time first.

    The same attempt seen in two copies is equal in every field; two attempts that
    differ in any field are both kept, so nothing is dropped by a coincidence of time.
    The tuple sorts by time, then by content, which gives merged lists one order.
    """
    return (
        attempt.when,
        attempt.score,
        attempt.total,
        _answers_identity(attempt.answers),
        tuple(sorted(attempt.correct.items())),
    )


def _answers_identity(answers: dict[str, Answer]) -> tuple[Any, ...]:
    return tuple(sorted((key, _answer_identity(value)) for key, value in answers.items()))


def _answer_identity(value: Answer) -> tuple[Any, ...]:
    if isinstance(value, bool):
        return (0, value)
    if isinstance(value, str):
        return (1, value)
    return (2, tuple(value))


# Copies, so that a merged state shares no mutable part with its inputs.

def _copy_value(value):
    if value is None or isinstance(value, Position):
        return None if value is None else Position(value.section, value.line, value.updated)
    return QuizDraft(_copy_answers(value.answers), value.updated)


def _copy_answers(answers: dict[str, Answer]) -> dict[str, Answer]:
    return {k: (list(v) if isinstance(v, list) else v) for k, v in answers.items()}


def _copy_attempt(attempt: Attempt) -> Attempt:
    return Attempt(attempt.when, attempt.score, attempt.total,
                   _copy_answers(attempt.answers), dict(attempt.correct))


def _copy_lesson(lesson: LessonProgress) -> LessonProgress:
    return LessonProgress(
        sections_read=set(lesson.sections_read),
        position=_copy_value(lesson.position),
        attempts=_merge_attempts(lesson.attempts),
        draft=_copy_value(lesson.draft),
    )


def _copy_course(course: CourseProgress) -> CourseProgress:
    lessons = {k: _copy_lesson(v) for k, v in sorted(course.lessons.items())}
    return CourseProgress(course.last_lesson, course.last_opened, lessons)
