"""A course on disk (SPEC section 1): the manifest, the reading order, the lessons.

Opening a course reads each lesson's front matter only, and only for files changed
since the last open (the rest comes from the catalog cache, ``cache/course_listing.py``); a
lesson's body is read when it is opened, and kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from alignlearn.course.lesson import LessonInfo, read_lesson_info
from alignlearn.course.problems import Problem, Problems
from alignlearn.course.course import Course  # here too: the catalog is where callers look for it
from alignlearn.course.manifest import MANIFEST, read_manifest
from alignlearn.course.source import KeyLines, read_text



def open_course(root: Path | str, *, cache: bool = True,
                progress: Callable[[int, int], None] | None = None) -> Course:
    """Open the course in folder ``root``: the manifest and every lesson's front matter.

    With ``cache`` (the default) only files changed since the last open are read; the
    rest comes from the catalog cache. ``progress(number, total)`` is called for each
    file read from disk.
    """
    from alignlearn.cache.course_listing import collector_held
    from alignlearn.sources.detect import open_other

    other = open_other(Path(root))  # an mdBook or a plain folder of Markdown
    if other is not None:
        return other
    # Thousands of lessons' records are made here and none is garbage: collecting would
    # walk them again and again (a third of the time, measured).
    with collector_held():
        return _open_course(Path(root), cache, progress)


def _open_course(root: Path, cache: bool, progress: Callable[[int, int], None] | None) -> Course:
    from alignlearn.cache.course_listing import list_course

    listing = list_course(root, read_manifest, read_lesson_info, use_cache=cache, progress=progress)
    problems: list[Problem] = list(listing.manifest_problems)
    course_id, title, description, order, order_line = listing.manifest
    infos: dict[str, LessonInfo] = {}
    unreadable: list[Path] = []
    duplicates: list[Path] = []
    for name, info, found in listing.lessons:
        problems.extend(found)
        if info is None:
            unreadable.append(root / name)
            continue
        if info.id in infos:
            file = root / name
            line = KeyLines(read_text(file, Problems(file))).find("id")
            problems.append(Problem(str(file), line[0], line[1], "error",
                                    f"duplicate lesson id '{info.id}' (also in {infos[info.id].file.name})"))
            duplicates.append(file)
            continue
        infos[info.id] = info
    ordered: list[LessonInfo] = []
    placed: set[str] = set()
    manifest = str(root / MANIFEST)
    for lesson_id in order:
        if lesson_id not in infos:
            problems.append(Problem(manifest, order_line, 1, "error",
                                    f"'order' names unknown lesson '{lesson_id}'"))
        elif lesson_id not in placed:
            placed.add(lesson_id)
            ordered.append(infos[lesson_id])
    rest = [info for lesson_id, info in infos.items() if lesson_id not in placed]
    if order:
        for info in rest:
            problems.append(Problem(manifest, order_line, 1, "warning",
                                    f"lesson '{info.id}' is not listed in 'order'; it comes after the listed ones"))
    ordered += rest  # in file-name order already, as listing.lessons is
    course = Course(course_id, title, root, description, ordered, problems)
    course.unreadable, course.duplicates = unreadable, duplicates
    if cache:  # without stamps, the search index is built in memory too
        course.stamps, course.racy = listing.stamps, listing.racy
    return course


def resolve(target: Path | str) -> tuple[Path, Path | None]:
    """Where a command's PATH points: (course folder, lesson file or None). A course.toml
    or book.toml names its folder's course or book, as the folder does; so does a book's
    SUMMARY.md, its table of contents (read as a chapter, it was "not a lesson of this course")."""
    from alignlearn.sources import BOOK
    from alignlearn.sources.detect import book_of_summary, book_root_for

    target = Path(target)
    if target.is_dir():
        return target, None
    if target.name in (MANIFEST, BOOK):
        return target.parent, None
    book = book_of_summary(target)
    if book is not None:
        return book, None
    target = lesson_of_quiz(target)
    book = book_root_for(target)  # a chapter of an mdBook: the course is the book
    return (book if book is not None else target.parent), target


def lesson_of_quiz(path: Path) -> Path:
    """The lesson a quiz file ("first.quiz.toml") belongs to, when that lesson is there; else ``path``."""
    if path.name.endswith(".quiz.toml"):
        lesson = path.with_name(path.name.removesuffix(".quiz.toml") + ".md")
        if lesson.is_file():
            return lesson
    return path


def not_a_course(target: Path | str) -> str | None:
    """Why the file at ``target`` names no course, or None when it may name one.

    A PATH may be a folder, a course.toml or book.toml, or a Markdown file (a lesson,
    or a book's chapter). Any other file (``/etc/passwd``, a quiz's .toml) would open as
    a lesson of its folder that cannot be read, so commands refuse it and say why.
    A path that is not there is left to the command, which says "no course at".
    """
    from alignlearn.sources import BOOK

    path = Path(target)
    try:
        if (not path.exists() or path.is_dir() or path.name in (MANIFEST, BOOK) or path.suffix.lower() == ".md"
                or lesson_of_quiz(path) != path):
            return None
    except OSError:
        return None
    return (f"{target} is a file, not a course, a lesson or a book: name a course's folder or its "
            "course.toml, an mdBook's folder or book.toml, or a lesson's .md file")


def not_a_lesson(named: str) -> str | None:
    """Why ``named`` is no lesson when it names a course or a book as a whole (its folder,
    course.toml, book.toml or SUMMARY.md) where one lesson was wanted, and how to list its
    lessons; else None."""
    from shlex import quote

    from alignlearn.sources import BOOK
    from alignlearn.sources.detect import book_of_summary

    path, what = Path(named), None
    try:
        if path.is_dir():
            what = "a folder"
        elif path.is_file() and path.name == MANIFEST:
            what = "the course's manifest (course.toml)"
        elif path.is_file() and path.name == BOOK:
            what = "the mdBook's settings (book.toml)"
        elif path.is_file() and book_of_summary(path) is not None:
            what = "the mdBook's table of contents (SUMMARY.md)"
    except OSError:
        return None
    if what is None:
        return None
    return (f"{named} is {what}, not a lesson: name one of its lessons (its id or its file); "
            f"to list them: alignlearn lessons {quote(named)}")
