"""``alignlearn check`` of a book or a plain folder: each lesson read as the reader reads it."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from alignlearn.course.catalog import Course
from alignlearn.course.lesson import LessonInfo
from alignlearn.authoring.report import Report, unique_sorted
from alignlearn.course.problems import LessonError, Problem


def check_source(course: Course, progress: Callable[[int, int], None] | None = None,
                 only: LessonInfo | None = None):
    """The report of ``check_course`` for a course that is not native (``course.source``)."""

    infos = [only] if only is not None else course.lessons
    report = Report(list(course.problems) if only is None else
                    [p for p in course.problems if p.file == str(only.file)])
    if only is None:  # a folder's files that could not be read were checked too: counted
        report.lessons += len(course.unreadable)
    for number, info in enumerate(infos, 1):
        report.lessons += 1  # checked, so counted, when it cannot be read too
        try:
            lesson = course.source.load(info)  # type: ignore[union-attr]
        except LessonError as error:
            report.problems.extend(error.problems)
        except OSError as error:
            report.problems.append(Problem(str(info.file), 1, 1, "error", f"cannot read file: {error}"))
        else:
            report.problems.extend(lesson.problems)
            if lesson.quiz is not None:
                report.questions += max(lesson.quiz.written, len(lesson.quiz.questions))  # a bad one too
            from alignlearn.authoring.lint import lint_lesson, lint_markup

            if info.id in getattr(course.source, "native", ()):
                report.problems.extend(lint_lesson(lesson))
            else:
                report.problems.extend(lint_markup(info.file))
        if progress is not None:
            progress(number, len(infos))
    report.problems = unique_sorted(report.problems)
    return report


def check_other_file(path: Path):
    """The report for one file of a book or a plain folder, as ``check_lesson_file``
    gives it for a native lesson; None when the file is in a native course."""
    from alignlearn.course.catalog import open_course, resolve
    from alignlearn.sources.detect import kind_of

    root, _ = resolve(path)
    if kind_of(root) == "native":
        return None
    course = open_course(root)
    info = course.find(str(path))
    if info is None:  # the course could not list it: why, from its problems
        found = [p for p in course.problems if Path(p.file) == Path(path)]
        unreadable = any(Path(file) == Path(path) for file in course.unreadable)  # checked, so counted
        return Report(unique_sorted(found or [Problem(str(path), 1, 1, "error", "not a lesson of this course")]),
                      lessons=int(unreadable))
    return check_source(course, only=info)
