"""``alignlearn check``: every problem of a course or a lesson, in one list, each with a hint."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Callable

from alignlearn.course.catalog import Course, open_course
from alignlearn.cache.parsed_lessons import read_file
from alignlearn.course.lesson import Lesson
from alignlearn.authoring.lint import TableWidth, lint_lesson
from alignlearn.authoring.report import Report, unique_sorted
from alignlearn.parallel import in_processes
from alignlearn.course.problems import LessonError, Problem, Problems
from alignlearn.course.source import KeyLines, closest, read_text


def check_course(course: Course, progress: Callable[[int, int], None] | None = None,
                 workers: int | None = None, table_width: TableWidth | None = None) -> Report:
    """Check every lesson of ``course``, in order, calling ``progress(done, total)`` as each is done.

    Loading and linting a lesson is nearly all markdown-it and TOML, in Python: a large
    course is checked in ``workers`` processes (default: one a CPU core), each with a
    share of the lessons, and their findings are gathered in the course's order.
    ``table_width`` measures a table as drawn (``render.measure.table_width``); without
    it, tables too wide for a terminal are not looked for.
    """
    if course.source is not None:  # an mdBook or a plain folder
        from alignlearn.authoring.check_books import check_source

        report = check_source(course, progress)
    else:
        report = _check_native(course, progress, workers, table_width)
    if report.lessons == 0 and not report.errors:  # else its errors already say why none was read
        report.problems.append(no_lessons(course))
    return report


def no_lessons(course: Course) -> Problem:
    """A course with nothing in it: an error, so that ``check`` of a wrong or empty folder fails.

    The folder is the FILE of SPEC's ``FILE:LINE:COL`` (at 1:1), as editors and CI read it.
    """
    if course.format == "mdbook":
        why = "SUMMARY.md lists no chapter with a file"
    else:
        why = "a lesson is a Markdown file (*.md) in this folder"
    return Problem(str(course.root), 1, 1, "error", f"no lessons found: {why}")


def _check_native(course: Course, progress: Callable[[int, int], None] | None, workers: int | None,
                  table_width: TableWidth | None) -> Report:
    report = Report(list(course.problems))
    for file in course.unreadable:  # checked, so counted, with their quizzes' own problems and questions
        problems, questions = _quiz_alone(file)
        report.problems.extend(problems)
        report.lessons += 1
        report.questions += questions
    known = {info.id for info in course.lessons}
    # A lesson left out for another's id is checked too, its quiz with it: its problems now,
    # not once the id is fixed. It is not one of the course's lessons, nor counted as one.
    files = [info.file for info in course.lessons] + course.duplicates
    listed = len(course.lessons)
    for number, (problems, lessons, questions) in enumerate(_checked(files, known, workers, table_width), 1):
        report.problems.extend(problems)
        if number <= listed:
            report.lessons += lessons
            report.questions += questions
        if progress is not None:
            progress(number, len(files))
    report.problems = unique_sorted([with_hint(p, known) for p in report.problems])
    return report


def _checked(files: list[Path], known: set[str], workers: int | None, table_width: TableWidth | None):
    """Each file's ``_check_file`` result, in order; in processes when there are many files."""
    return in_processes(_check_known, files, workers, initializer=_set_known, initargs=(known, table_width))


_known: set[str] = set()
_table_width: TableWidth | None = None


def _set_known(known: set[str], table_width: TableWidth | None) -> None:
    global _known, _table_width
    _known, _table_width = known, table_width


def _check_known(file: Path) -> tuple[list[Problem], int, int]:
    return _check_file(file, _known, _table_width)


def _check_file(file: Path, known: set[str], table_width: TableWidth | None) -> tuple[list[Problem], int, int]:
    """One lesson's problems, and how many lessons (1) and questions were checked (a lesson
    that cannot be read is counted too, and its quiz is checked and its questions counted).

    The lesson comes from the lesson cache when neither it nor its quiz has changed
    since it was last parsed (by ``check`` or the reader): parsing is most of a check,
    and a cached lesson is ``load_lesson``'s, problems and all. The lint reads the file.
    """
    try:
        lesson = read_file(file)
    except LessonError as error:
        problems, questions = _unreadable(file, error)
        return problems, 1, questions
    report = Report(list(lesson.problems))
    _check_lesson(lesson, known, report, table_width)
    return report.problems, report.lessons, report.questions


def check_lesson_file(path: Path, table_width: TableWidth | None = None) -> Report:
    """Check one lesson file, with its course's other lessons known for ``related``."""
    from alignlearn.authoring.check_books import check_other_file

    other = check_other_file(path)  # a book's chapter, or a file of a plain folder
    if other is not None:
        return other
    report = Report()
    try:
        lesson = read_file(path)
    except LessonError as error:
        problems, report.questions = _unreadable(path, error)
        report.problems, report.lessons = unique_sorted(problems), 1
        return report
    report.problems.extend(lesson.problems)
    # The lesson's folder is its course (with or without course.toml), as for ``check .``.
    known = {info.id for info in open_course(path.parent).lessons} | {lesson.id}
    _check_lesson(lesson, known, report, table_width)
    report.problems = unique_sorted([with_hint(p, known) for p in report.problems])
    return report


def _unreadable(file: Path, error: LessonError) -> tuple[list[Problem], int]:
    """A lesson that cannot be read, and its quiz's own problems: the author fixes both in one
    go. With the number of questions the quiz holds: checked, so counted, as the lesson is."""
    problems, questions = _quiz_alone(file)
    return list(error.problems) + problems, questions


def _quiz_alone(lesson_file: Path) -> tuple[list[Problem], int]:
    """The problems of a quiz checked without its lesson (its references to sections wait
    until the lesson reads), and its questions, a bad one too, as ``_check_lesson`` counts them."""
    from alignlearn.course.quiz import load_quiz, quiz_path

    quiz_file = quiz_path(lesson_file)
    if not quiz_file.is_file():
        return [], 0
    quiz, problems = load_quiz(quiz_file)
    return problems, max(quiz.written, len(quiz.questions)) if quiz is not None else 0


def _check_lesson(lesson: Lesson, known: set[str] | None, report: Report, table_width: TableWidth | None) -> None:
    report.lessons += 1
    if lesson.quiz is not None:
        report.questions += max(lesson.quiz.written, len(lesson.quiz.questions))  # a bad one too
    report.problems.extend(lint_lesson(lesson, table_width=table_width))
    if known is None:
        return
    bad = [lesson_id for lesson_id in lesson.related if lesson_id not in known or lesson_id == lesson.id]
    if bad:
        keys = KeyLines(read_text(lesson.file, Problems(lesson.file)).split("\n+++", 1)[0])
        line, col = keys.find("related")
        # A lesson is never the one to read after itself, nor one 'related' already names.
        others = known - {lesson.id} - set(lesson.related)
        for lesson_id in bad:
            if lesson_id == lesson.id:
                report.problems.append(Problem(str(lesson.file), line, col, "warning",
                                               f"'related' names the lesson itself ('{lesson_id}')",
                                               "list the lessons to read after this one"))
            else:
                report.problems.append(Problem(str(lesson.file), line, col, "error",
                                               f"'related' names unknown lesson '{lesson_id}'",
                                               _id_hint(lesson_id, others)))


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


