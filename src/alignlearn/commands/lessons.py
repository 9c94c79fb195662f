"""``alignlearn lessons [--json]``: every lesson of the course in order (SPEC section 5).

Its id, its part and depth in the book, the minutes it declares and the minutes its
text and quiz take to read, its questions, and (as text) the learner's progress.
Counting questions and words needs each lesson parsed: the lesson cache holds them, so a
course read before lists at once; the lessons not in it are parsed in processes, one
a CPU core (``course.parallel``), and kept in the cache for next time.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["add_parser", "run"]

from alignlearn.commands.common import EXIT_BAD_INPUT, EXIT_OK, bundled_course_note, counted, open_course_for
WIDTH = 80  # the text table fits a terminal of this many columns
MIN_TITLE = 20  # columns a title keeps however long the ids are (a longer id takes them, and is shown whole)


def add_parser(subparsers: argparse._SubParsersAction, common) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "lessons", parents=[common], help="the course's lessons in order, with minutes, questions and progress",
        description="Every lesson of the course in reading order: its id (what --lesson, cat, ask and quiz "
                    "take), part, minutes (declared, and estimated from its text and quiz), questions and the "
                    "learner's progress.")
    parser.add_argument("path", nargs="?", help="the course: a folder, course.toml or book (default: --course)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.set_defaults(func=run)
    return parser


@dataclass
class Row:
    id: str
    title: str
    part: str
    depth: int
    minutes: int | None
    reading_minutes: float | None
    questions: int | None
    file: str
    sections: list[str]  # section keys, for the progress


def measure(item: tuple[str, str], book=None) -> tuple[float | None, int | None, list[str], list[str]]:
    """(reading minutes, questions, section keys, problems) of the lesson in ``item``'s
    file, from the lesson cache, or parsed and kept there. A ``book`` (or folder) reads its
    lessons itself (directives, includes); a native lesson is read from its file alone."""
    from alignlearn.cache import parsed_lessons as lesson_cache
    from alignlearn.course.lesson import LessonInfo
    from alignlearn.course.problems import LessonError, shown_file
    from alignlearn.authoring.quiz_lint import reading_minutes
    from alignlearn.progress.model import keys_to_read, section_key

    file, lesson_id = item

    class One:  # what lesson_cache.read asks of a native course
        source = None

        @staticmethod
        def info(_: str) -> LessonInfo:
            return LessonInfo(lesson_id, "", Path(file))

    try:
        lesson = lesson_cache.read(book or One(), lesson_id)  # type: ignore[arg-type]
    except LessonError as error:
        return None, None, [], [str(problem) for problem in error.problems]
    except (OSError, KeyError) as error:
        return None, None, [], [f"{shown_file(file)}: {error}"]
    questions = len(lesson.quiz.questions) if lesson.quiz is not None else 0
    problems = [str(p) for p in lesson.problems if p.is_error]
    keys = [section_key(s.title) for s in lesson.sections]
    return reading_minutes(lesson), questions, keys or sorted(keys_to_read(keys)), problems  # none: its text


def rows(course) -> tuple[list[Row], list[str]]:
    from functools import partial

    from alignlearn.parallel import in_processes

    book = course if getattr(course, "source", None) is not None else None
    items = [(str(info.file), info.id) for info in course.lessons]
    found, problems = [], []
    measured = map(partial(measure, book=book), items) if book is not None else in_processes(measure, items)
    for info, (reading, questions, sections, trouble) in zip(course.lessons, measured):
        problems += trouble
        found.append(Row(info.id, info.title, getattr(info, "part", "") or "", getattr(info, "depth", 0) or 0,
                         info.minutes, reading, questions, str(info.file), sections))
    return found, problems


def run(args: argparse.Namespace) -> int:
    if getattr(args, "path", None):
        args.course = args.path  # a chapter: its book (common.named_course)
    bundled_course_note(args, "listing", "lessons")
    course, _ = open_course_for(args)
    found, problems = rows(course)
    problems = [*(str(p) for p in course.problems if p.is_error), *problems]  # lessons that could not be read
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.json:
        import json

        json.dump(document(course, found), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        write_text(course, found, sys.stdout)
    return EXIT_BAD_INPUT if problems else EXIT_OK


def document(course, found: list[Row]) -> dict:
    """SPEC section 5's shape, and each lesson's ``progress`` as the text shows it: sections
    read of its sections, and the best quiz score (null before any attempt)."""
    progress = _progress(course.id)
    return {
        "course": {"id": course.id, "title": course.title, "format": course.format},
        "lessons": [{"id": row.id, "title": row.title, "part": row.part or None, "depth": row.depth,
                     "minutes": row.minutes, "reading_minutes": _tenths(row.reading_minutes),
                     "questions": row.questions, "file": row.file, "progress": _shown(row, progress.get(row.id))}
                    for row in found],
    }


def _shown(row: Row, lesson) -> dict:
    best = lesson.best_attempt() if lesson is not None else None
    return {"sections_read": len(set(row.sections) & lesson.sections_read) if lesson else 0,
            "sections": len(row.sections),
            "best": {"score": best.score, "total": best.total} if best is not None else None}


def _tenths(minutes: float | None) -> float | None:
    return None if minutes is None else round(minutes, 1)


def _progress(course_id: str):
    """The learner's progress in this course (lesson id -> LessonProgress), or {}."""
    try:
        from alignlearn.progress import ProgressStore

        store = ProgressStore()
        store.load()
        for notice in store.take_notices():
            print(f"alignlearn: {notice}", file=sys.stderr)
        course = store.progress.courses.get(course_id)
        return course.lessons if course is not None else {}
    except Exception as error:  # noqa: BLE001  progress is a column here, never a reason to fail
        print(f"alignlearn: progress not shown: {error}", file=sys.stderr)
        return {}


def _fit(text: str, width: int) -> str:
    from rich.cells import cell_len, set_cell_size

    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "\u2026"


def write_text(course, found: list[Row], out) -> None:
    """A table 80 columns wide (a wider terminal's width; in a pipe, as wide as its titles): part titles as
    lines of their own, nested lessons indented.

    Each lesson's id comes first and whole: it is what ``--lesson``, ``cat``, ``ask`` and
    ``quiz`` take. The title gets the columns left and is cut short when it must be.
    """
    from rich.cells import cell_len, set_cell_size

    from alignlearn.authoring.quiz_lint import shown_minutes
    from alignlearn.untrusted import printable

    import shutil

    progress = _progress(course.id)
    number_width = len(str(len(found)))
    tail = f" {'min':>4} {'qs':>3} {'read':>5} {'best':>5}"
    ids = [printable(row.id, one_line=True) for row in found]
    # On a terminal wider than 80 columns the titles take the room (ids leave them little at 80);
    # in a pipe nothing is cut: the table is as wide as its longest id and title.
    if getattr(out, "isatty", lambda: False)():
        width = max(WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns)
    else:
        longest = max([cell_len("title"), *(2 * min(row.depth, 6) + cell_len(printable(row.title, one_line=True))
                                            for row in found)])
        width = max(WIDTH, number_width + 2 + max(map(cell_len, ids), default=2) + 2 + longest + len(tail))
    both = width - number_width - 2 - len(tail)  # the id, two spaces, the title
    id_width = min(max([cell_len("id"), *(cell_len(shown) for shown in ids)]), both - 2 - MIN_TITLE)
    out.write(_fit(printable(f"{course.title} \u00b7 {counted(len(found), 'lesson')}", one_line=True), width) + "\n")
    out.write(f"{'':>{number_width}}  {set_cell_size('id', id_width)}  "
              f"{set_cell_size('title', both - id_width - 2)}{tail}\n")
    part = ""
    for number, (row, shown_id) in enumerate(zip(found, ids), 1):
        if row.part and row.part != part:
            part = row.part
            out.write(_fit(printable(part, one_line=True), width) + "\n")
        shown_id = set_cell_size(shown_id, max(id_width, cell_len(shown_id)))  # a longer id: its title gives way
        title_width = max(both - cell_len(shown_id) - 2, 0)
        title = "  " * min(row.depth, 6) + printable(row.title, one_line=True)
        minutes = shown_minutes(row.minutes, row.reading_minutes)
        questions = "?" if row.questions is None else str(row.questions)
        done = _shown(row, progress.get(row.id))
        read = f"{done['sections_read']}/{done['sections']}"
        shown = f"{done['best']['score']}/{done['best']['total']}" if done["best"] is not None else "-"
        out.write(f"{number:>{number_width}}  {shown_id}  {set_cell_size(_fit(title, title_width), title_width)}"
                  f" {minutes:>4} {questions:>3} {read:>5} {shown:>5}\n")
