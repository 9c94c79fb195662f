"""An mdBook (SPEC section 1a): ``book.toml``, ``SUMMARY.md`` and its chapters, as a course.

Lessons are SUMMARY.md's chapters that have a file, in its order; a lesson's id is
its file's path under the src folder without ``.md``; the course id is the slug of
``[book] title``. Parts and nesting go into each lesson's ``part``, ``depth`` and its
learning path (part, then the chapters it is nested in, then itself).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from alignlearn.course.lesson import Lesson, LessonInfo
from alignlearn.course.problems import LessonError, Problem, Problems
from alignlearn.course.source import KeyLines, parse_toml, read_text, sanitise
from alignlearn.sources import BOOK
from alignlearn.sources.summary import parse_summary

SUMMARY = "SUMMARY.md"
_HINT_MISSING = "create the file, or fix the link in SUMMARY.md (an empty link, [Title](), makes a draft)"


def course_slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:128].strip("-") or "book"


class BookSource:
    """Lists a book's chapters and reads one into a lesson on demand."""

    format = "mdbook"

    def __init__(self, root: Path, src: Path):
        self.root = root
        self.src = src

    def load(self, info: LessonInfo, with_quiz: bool = True) -> Lesson:
        """The chapter as a lesson; raises ``LessonError`` only when its file cannot be read."""
        return read_chapter(info, self.root, with_quiz)

    def kept(self, info: LessonInfo) -> Lesson | None:
        """The chapter as the chapter cache holds it (without its quiz), or None: no parsing."""
        from alignlearn.sources import book_cache

        return book_cache.load(info)

    def lesson_for_link(self, path: str, current: LessonInfo | None) -> str | None:
        """The id of the chapter a link's path names, from the chapter it is in."""
        base = current.file.parent if current is not None else self.src
        target = os.path.normpath(os.path.join(base, path))
        try:
            name = Path(target).relative_to(os.path.normpath(self.src))
        except ValueError:
            return None
        # Books link to chapters by their source (.md) or by the page mdBook makes (.html).
        return name.as_posix().removesuffix(".md").removesuffix(".html")


def read_chapter(info: LessonInfo, root: Path, with_quiz: bool = True) -> Lesson:
    from alignlearn.sources import book_cache
    from alignlearn.sources.chapter_quiz import attach_quiz

    lesson = book_cache.load(info)
    if lesson is None:  # parsed only now: a cached chapter needs neither markdown-it nor the directives
        from alignlearn.sources.chapter import chapter_lesson
        from alignlearn.sources.front_matter import split_yaml

        written = book_cache.now()  # before reading: a change meanwhile shows next time
        problems = Problems(info.file)
        text = sanitise(read_text(info.file, problems), problems)
        front, body, body_line = split_yaml(text)
        lesson = chapter_lesson(info, body, body_line, root, problems, with_quiz=False)
        book_cache.save(lesson, written)
    if with_quiz:
        attach_quiz(lesson, root)
    lesson.quiz_checked = with_quiz
    return lesson


def src_folder(root: Path) -> Path:
    """The book's src folder as ``read_book`` finds it (``[book] src``, default ``src``),
    without its problems: those are ``read_book``'s to report."""
    return _src_in(root, _book_table(root)) or root / "src"


def book_title(root: Path) -> str:
    """The book's ``[book] title`` as ``read_book`` shows it, or '' when book.toml gives none
    (``read_book`` then calls the book by its folder's name), without reading its chapters."""
    title = _book_table(root).get("title")
    return " ".join(sanitise(title).split()) if isinstance(title, str) else ""


def _book_table(root: Path) -> dict:
    """book.toml's ``[book]`` table; empty when the file cannot be read (``read_book`` says why)."""
    found = Problems(root / BOOK)
    try:
        data = parse_toml(sanitise(read_text(root / BOOK, found), found), found)
    except LessonError:
        return {}
    return data.get("book") if isinstance(data.get("book"), dict) else {}


def _src_in(root: Path, book: dict) -> Path | None:
    """The folder ``[book] src`` names (default ``src``); None when it is outside the book."""
    name = book.get("src")
    src = root / (name if isinstance(name, str) and name else "src")
    real_root = os.path.realpath(root)
    return src if os.path.commonpath([os.path.realpath(src), real_root]) == real_root else None


def _check_book_table(data: dict, book: dict, text: str, found: Problems, folder: str) -> None:
    """Warnings for a ``[book]`` that is no table, and for its title, description or src
    that is no string: the book still opens, by its folder's name and from ``src``."""
    keys = KeyLines(text)
    if "book" in data and not isinstance(data["book"], dict):
        found.warning(*keys.find("book"), "'book' must be a table, [book]; it is left out",
                      f'write it as a table: [book] on its own line, then title = "{folder}"')
    for key, meaning in (("title", f"the book is called '{folder}', its folder's name"),
                         ("description", "it is left out"), ("src", "chapters are read from src")):
        if key in book and not isinstance(book[key], str):
            found.warning(*keys.find(key, "book"), f"'{key}' in [book] must be a string; {meaning}",
                          f'put the text in double quotes: {key} = "..."')


def read_book(root: Path) -> tuple[str, str, str, list[LessonInfo], list[Problem], BookSource]:
    """(course id, title, description, lessons, problems, source) of the book at ``root``."""
    problems: list[Problem] = []
    book_file = root / BOOK
    found = Problems(book_file)
    data: dict = {}
    text = ""
    try:
        text = sanitise(read_text(book_file, found), found)
        data = parse_toml(text, found)
    except LessonError as error:
        problems.extend(error.problems)
    book = data.get("book") if isinstance(data.get("book"), dict) else {}
    _check_book_table(data, book, text, found, sanitise(root.resolve().name) or "Book")
    title = book.get("title")
    description = book.get("description")
    real_root = os.path.realpath(root)
    src = _src_in(root, book)
    if src is None:
        found.error(1, 1, "[book] src is outside the book's folder", "src names a folder inside the book")
        src = root / "src"
    problems.extend(found)
    if not isinstance(title, str) or not title.strip():
        title = sanitise(root.resolve().name) or "Book"
    title = " ".join(sanitise(title).split())
    description = sanitise(description) if isinstance(description, str) else ""
    summary_file = src / SUMMARY
    summary_problems = Problems(summary_file)
    try:
        summary = parse_summary(sanitise(read_text(summary_file, summary_problems)))
        chapters = summary.chapters
    except LessonError as error:
        problems.extend(error.problems)
        chapters = []
    infos: list[LessonInfo] = []
    seen: set[str] = set()
    for chapter in chapters:
        if chapter.path is None:
            continue  # a draft
        target = chapter.path.split("#", 1)[0]
        if "://" in target or not target:
            continue
        file = Path(os.path.normpath(src / target))
        lesson_id = target.removesuffix(".md").lstrip("./")
        where = (str(summary_file), chapter.line, chapter.col)
        if _leaves(str(file), str(src), real_root) or ".." in Path(lesson_id).parts:
            problems.append(Problem(*where, "error", f"'{sanitise(target)}' is outside the book's folder",
                                    "chapters must be files under the src folder"))
            continue
        if lesson_id in seen:
            problems.append(Problem(*where, "warning", f"'{sanitise(target)}' is listed twice; the first is kept"))
            continue
        if not file.is_file():
            problems.append(Problem(*where, "error", f"SUMMARY.md links to a missing file '{sanitise(target)}'",
                                    _HINT_MISSING))
            continue
        seen.add(lesson_id)
        info = LessonInfo(id=sanitise(lesson_id), title=chapter.title, file=file)
        info.part, info.depth = chapter.part, chapter.depth
        info.path = [name for name in (chapter.part, *chapter.parents, chapter.title) if name]
        _front_matter(info, problems)
        infos.append(info)
    # A SUMMARY.md that cannot be read raised with its own problems, which summary_problems holds too.
    problems += [problem for problem in summary_problems if problem not in problems]
    return course_slug(title), title, description, infos, problems, BookSource(root, src)


def _leaves(file: str, src: str, real_root: str) -> bool:
    """Whether ``file`` (a normalised path from the src folder) lies outside the book."""
    relative = os.path.relpath(file, src)
    if relative == ".." or relative.startswith(".." + os.sep):
        return True
    part = src
    for name in relative.split(os.sep):  # only a link below src can lead out: resolve just then
        part = os.path.join(part, name)
        if os.path.islink(part):
            return os.path.commonpath([os.path.realpath(file), real_root]) != real_root
    return False


def _front_matter(info: LessonInfo, problems: list[Problem]) -> None:
    """``minutes`` (and the other keys) from a chapter's YAML front matter, if it has any."""
    from alignlearn.sources.front_matter import info_from_yaml, split_yaml

    try:
        with open(info.file, "rb") as handle:
            if handle.read(3) != b"---":
                return
        found = Problems(info.file)
        front, _, _ = split_yaml(sanitise(read_text(info.file, found)))
    except (OSError, LessonError):
        return  # reported when the chapter is read
    if front is None:
        return
    read = info_from_yaml(front, info.file, info.id, info.title, found)
    problems.extend(found)
    for name in ("minutes", "subtitle", "audience", "concepts", "related", "big_idea", "terms"):
        setattr(info, name, getattr(read, name))
    info.title = read.title
