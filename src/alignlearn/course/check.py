"""``alignlearn check``: every problem of a course or a lesson, in one list, each with a hint."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from alignlearn.course.catalog import Course, open_course
from alignlearn.course.lesson import Lesson, load_lesson
from alignlearn.course.lint import lint_lesson
from alignlearn.course.parallel import in_processes
from alignlearn.course.problems import LessonError, Problem, Problems
from alignlearn.course.source import KeyLines, closest, read_text


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


def check_course(course: Course, progress: Callable[[int, int], None] | None = None,
                 workers: int | None = None) -> Report:
    """Check every lesson of ``course``, in order, calling ``progress(done, total)`` as each is done.

    Loading and linting a lesson is nearly all markdown-it and TOML, in Python: a large
    course is checked in ``workers`` processes (default: one a CPU core), each with a
    share of the lessons, and their findings are gathered in the course's order.
    """
    if course.source is not None:  # an mdBook or a plain folder
        from alignlearn.sources.checking import check_source

        return check_source(course, progress)
    report = Report(list(course.problems))
    known = {info.id for info in course.lessons}
    files = [info.file for info in course.lessons]
    for number, (problems, lessons, questions) in enumerate(_checked(files, known, workers), 1):
        report.problems.extend(problems)
        report.lessons += lessons
        report.questions += questions
        if progress is not None:
            progress(number, len(files))
    report.problems = _unique_sorted([with_hint(p, known) for p in report.problems])
    return report


def _checked(files: list[Path], known: set[str], workers: int | None):
    """Each file's ``_check_file`` result, in order; in processes when there are many files."""
    return in_processes(_check_known, files, workers, initializer=_set_known, initargs=(known,))


_known: set[str] = set()


def _set_known(known: set[str]) -> None:
    global _known
    _known = known


def _check_known(file: Path) -> tuple[list[Problem], int, int]:
    return _check_file(file, _known)


def _check_file(file: Path, known: set[str]) -> tuple[list[Problem], int, int]:
    """One lesson's problems, and how many lessons (0 or 1) and questions were checked."""
    try:
        lesson = load_lesson(file)
    except LessonError as error:
        return list(error.problems), 0, 0
    report = Report(list(lesson.problems))
    _check_lesson(lesson, known, report)
    return report.problems, report.lessons, report.questions


def check_lesson_file(path: Path) -> Report:
    """Check one lesson file, with its course's other lessons known for ``related``."""
    from alignlearn.sources.checking import check_other_file

    other = check_other_file(path)  # a book's chapter, or a file of a plain folder
    if other is not None:
        return other
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
    report.problems = _unique_sorted([with_hint(p, known or set()) for p in report.problems])
    return report


def _check_lesson(lesson: Lesson, known: set[str] | None, report: Report) -> None:
    report.lessons += 1
    if lesson.quiz is not None:
        report.questions += len(lesson.quiz.questions)
    report.problems.extend(lint_lesson(lesson))
    if known is None:
        return
    bad = [lesson_id for lesson_id in lesson.related if lesson_id not in known]
    if bad:
        keys = KeyLines(read_text(lesson.file, Problems(lesson.file)).split("\n+++", 1)[0])
        line, col = keys.find("related")
        for lesson_id in bad:
            report.problems.append(Problem(str(lesson.file), line, col, "error",
                                           f"'related' names unknown lesson '{lesson_id}'"))


# Hints for the problems the course manifest and catalogue report without one; they
# are matched on the message so the catalogue's own code need not know about them.
_COURSE_HINTS: tuple[tuple[re.Pattern, Callable[[re.Match, set[str]], str]], ...] = (
    (re.compile(r"'(?:order|related)' names unknown lesson '(.*)'"),
     lambda m, known: _id_hint(m.group(1), known)),
    (re.compile(r"lesson '(.*)' is not listed in 'order'"),
     lambda m, known: f'add "{m.group(1)}" to order in course.toml, where it belongs in the reading order'),
    (re.compile(r"duplicate lesson id '(.*)'"),
     lambda m, known: "give each lesson its own id: the learner's progress is kept by it"),
    (re.compile(r"format_version .* is not supported"),
     lambda m, known: "write format_version = 1, or update alignlearn to read newer courses"),
    (re.compile(r"bad course id"),
     lambda m, known: 'for example: id = "my-course" (it keys the learner\'s progress: keep it stable)'),
    (re.compile(r"'(title|description)' must be a string"),
     lambda m, known: f'put the text in double quotes: {m.group(1)} = "..."'),
    (re.compile(r"'order' must be a list of lesson ids"),
     lambda m, known: 'for example: order = ["first-lesson", "second-lesson"]'),
)


def with_hint(problem: Problem, known: set[str]) -> Problem:
    """The problem, with a hint added when it has none and we know one."""
    if problem.hint:
        return problem
    for pattern, hint in _COURSE_HINTS:
        match = pattern.search(problem.message)
        if match:
            return dataclasses.replace(problem, hint=hint(match, known))
    return problem


def _id_hint(lesson_id: str, known: set[str]) -> str:
    guess = closest(lesson_id, sorted(known))
    if guess:
        return f"did you mean '{guess}'? (a lesson's id is the id key in its front matter)"
    return f"no lesson in this course has id = \"{lesson_id}\": remove it, or write that lesson"


def _unique_sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.col, p.message))
