"""``alignlearn check``: every problem of a course or a lesson, in one list."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from alignlearn.course.catalog import Course, open_course
from alignlearn.course.lesson import Lesson, load_lesson
from alignlearn.course.problems import LessonError, Problem
from alignlearn.course.source import KeyLines, read_text
from alignlearn.course.problems import Problems


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    lessons: int = 0
    questions: int = 0

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    def as_dict(self) -> dict:
        return {
            "problems": [p.as_dict() for p in self.problems],
            "lessons": self.lessons,
            "questions": self.questions,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def check_course(course: Course, progress: Callable[[int, int], None] | None = None) -> Report:
    report = Report(list(course.problems))
    known = {info.id for info in course.lessons}
    for number, info in enumerate(course.lessons, 1):
        try:
            lesson = load_lesson(info.file)
        except LessonError as error:
            report.problems.extend(error.problems)
            continue
        report.problems.extend(p for p in lesson.problems if p not in report.problems)
        _check_lesson(lesson, known, report)
        if progress is not None:
            progress(number, len(course.lessons))
    report.problems = _unique_sorted(report.problems)
    return report


def check_lesson_file(path: Path) -> Report:
    """Check one lesson file, with its course's other lessons known for ``related``."""
    report = Report()
    try:
        lesson = load_lesson(path)
    except LessonError as error:
        report.problems = _unique_sorted(error.problems)
        return report
    report.problems.extend(lesson.problems)
    known = None
    if (path.parent / "course.toml").exists():
        known = {info.id for info in open_course(path.parent).lessons}
    _check_lesson(lesson, known, report)
    report.problems = _unique_sorted(report.problems)
    return report


def _check_lesson(lesson: Lesson, known: set[str] | None, report: Report) -> None:
    report.lessons += 1
    if lesson.quiz is not None:
        report.questions += len(lesson.quiz.questions)
    if known is None:
        return
    bad = [lesson_id for lesson_id in lesson.related if lesson_id not in known]
    if bad:
        keys = KeyLines(read_text(lesson.file, Problems(lesson.file)).split("\n+++", 1)[0])
        line, col = keys.find("related")
        for lesson_id in bad:
            report.problems.append(Problem(str(lesson.file), line, col, "error",
                                           f"'related' names unknown lesson '{lesson_id}'"))


def _unique_sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.col, p.message))
