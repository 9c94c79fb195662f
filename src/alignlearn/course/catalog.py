"""A course on disk (SPEC section 1): the manifest, the reading order, the lessons.

Opening a course reads each lesson's front matter only, and only for files changed
since the last open (the rest comes from the catalog cache, ``cache.py``); a
lesson's body is read when it is opened, and kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from alignlearn.course.lesson import ID_PATTERN, Lesson, LessonInfo, load_lesson, read_info
from alignlearn.course.problems import LessonError, Problem, Problems
from alignlearn.course.source import KeyLines, parse_toml, read_text, sanitise, sanitise_value

MANIFEST = "course.toml"
FORMAT_VERSION = 1
MANIFEST_KEYS = {"format_version", "id", "title", "description", "order"}


@dataclass(eq=False, repr=False)
class Course:
    id: str
    title: str
    root: Path
    description: str = ""
    lessons: list[LessonInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _loaded: dict[str, Lesson] = field(default_factory=dict, repr=False)
    # What the catalog scan saw: file name -> stamp, and the names changed too recently to
    # trust a stamp. The search index uses them to know which lessons to index again.
    stamps: dict[str, tuple] = field(default_factory=dict, repr=False)
    racy: set[str] = field(default_factory=set, repr=False)
    # Where lessons come from when they are not native files: an mdBook's or a plain
    # folder's reader (alignlearn.sources), with load(info, with_quiz) -> Lesson.
    source: object = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._index = {info.id: number for number, info in enumerate(self.lessons)}

    def __len__(self) -> int:
        return len(self.lessons)

    def __repr__(self) -> str:
        # Short on purpose: Textual's @work puts repr() of its arguments in the worker's
        # description, and every lesson's repr cost 40 ms at 2,116 lessons.
        return f"Course(id={self.id!r}, root={str(self.root)!r}, lessons={len(self.lessons)})"

    def info(self, lesson_id: str) -> LessonInfo | None:
        number = self._index.get(lesson_id)
        return None if number is None else self.lessons[number]

    def position(self, lesson_id: str) -> int:
        """1-based place in the reading order ("Lesson N of M"); 0 when unknown."""
        number = self._index.get(lesson_id)
        return 0 if number is None else number + 1

    def neighbour(self, lesson_id: str, step: int) -> LessonInfo | None:
        number = self._index.get(lesson_id)
        if number is None or not 0 <= number + step < len(self.lessons):
            return None
        return self.lessons[number + step]

    def lesson(self, lesson_id: str, with_quiz: bool = True) -> Lesson:
        """The whole lesson, read on first use; raises ``LessonError`` or ``KeyError``."""
        loaded = self._loaded.get(lesson_id)
        if loaded is None or (with_quiz and loaded.quiz is None and not loaded.quiz_checked):
            info = self.info(lesson_id)
            if info is None:
                raise KeyError(lesson_id)
            loaded = self._loaded[lesson_id] = (load_lesson(info.file, with_quiz=with_quiz) if self.source is None
                                                else self.source.load(info, with_quiz))
        return loaded

    def forget(self, lesson_id: str) -> None:
        """Drop a loaded lesson so the next ``lesson()`` reads the file again."""
        self._loaded.pop(lesson_id, None)
        info = self.info(lesson_id)
        if info is not None:
            self.racy.add(info.file.name)  # changed under us: the search index must read it again
        self.__dict__.pop("search_index", None)

    def find(self, name: str) -> LessonInfo | None:
        """A lesson by id, or by the path of its file."""
        info = self.info(name)
        if info is not None:
            return info
        try:
            wanted = Path(name).resolve()
        except (OSError, ValueError):
            return None
        return next((i for i in self.lessons if i.file.resolve() == wanted), None)


def lesson_files(root: Path) -> list[Path]:
    from alignlearn.course.cache import is_lesson_name

    return sorted(p for p in root.glob("*.md") if is_lesson_name(p.name))


def _folder_id(root: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", root.resolve().name.lower()).strip("-") or "course"


def read_manifest(root: Path, problems: list[Problem]) -> tuple[str, str, str, list[str], int]:
    """Return id, title, description, order and the order key's line."""
    manifest = root / MANIFEST
    default = (_folder_id(root), sanitise(root.resolve().name) or "Course", "", [], 1)
    if not manifest.exists():
        return default
    found = Problems(manifest)
    try:
        text = sanitise(read_text(manifest, found), found)
        data = parse_toml(text, found)
    except LessonError as error:
        problems.extend(error.problems)
        return default
    keys = KeyLines(text)
    for key in data:
        if key not in MANIFEST_KEYS:
            found.warning(*keys.find(key), f"unknown key '{key}' in course.toml",
                          "known keys: " + ", ".join(sorted(MANIFEST_KEYS)))
    version = data.get("format_version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        found.error(*keys.find("format_version"), f"format_version {version!r} is not supported (this alignlearn reads {FORMAT_VERSION})")
    course_id = data.get("id", default[0])
    if not isinstance(course_id, str) or not ID_PATTERN.match(course_id):
        found.error(*keys.find("id"), f"bad course id {course_id!r}: use lowercase letters, digits and '-'")
        course_id = default[0]
    title = data.get("title", default[1])
    if not isinstance(title, str):
        found.error(*keys.find("title"), "'title' must be a string")
        title = default[1]
    description = data.get("description", "")
    if not isinstance(description, str):
        found.error(*keys.find("description"), "'description' must be a string")
        description = ""
    order = data.get("order", [])
    if not isinstance(order, list) or not all(isinstance(item, str) for item in order):
        found.error(*keys.find("order"), "'order' must be a list of lesson ids")
        order = []
    title = sanitise_value(title, found, keys, keys.find("title"))
    description = sanitise_value(description, found, keys, keys.find("description"))
    problems.extend(found)
    return course_id, title, description, order, keys.find("order")[0]


def read_lesson_info(file: Path) -> tuple[LessonInfo | None, list[Problem]]:
    """One lesson's front matter and the problems reading it found (None when it cannot be read)."""
    found = Problems(file)
    try:
        info, _, _ = read_info(file, found, sanitise(read_text(file, found)))
    except LessonError as error:
        return None, list(error.problems)
    return info, list(found)


def open_course(root: Path | str, *, strict_order_warnings: bool = True, cache: bool = True,
                progress: Callable[[int, int], None] | None = None) -> Course:
    """Open the course in folder ``root``: the manifest and every lesson's front matter.

    With ``cache`` (the default) only files changed since the last open are read; the
    rest comes from the catalog cache. ``progress(number, total)`` is called for each
    file read from disk.
    """
    from alignlearn.course.catalog_cache import collector_held
    from alignlearn.sources.detect import open_other

    other = open_other(Path(root))  # an mdBook or a plain folder of Markdown
    if other is not None:
        return other
    # Thousands of lessons' records are made here and none is garbage: collecting would
    # walk them again and again (a third of the time, measured).
    with collector_held():
        return _open_course(Path(root), cache, progress)


def _open_course(root: Path, cache: bool, progress: Callable[[int, int], None] | None) -> Course:
    from alignlearn.course.catalog_cache import list_course

    listing = list_course(root, read_manifest, read_lesson_info, use_cache=cache, progress=progress)
    problems: list[Problem] = list(listing.manifest_problems)
    course_id, title, description, order, order_line = listing.manifest
    infos: dict[str, LessonInfo] = {}
    for name, info, found in listing.lessons:
        problems.extend(found)
        if info is None:
            continue
        if info.id in infos:
            file = root / name
            line = KeyLines(read_text(file, Problems(file))).find("id")
            problems.append(Problem(str(file), line[0], line[1], "error",
                                    f"duplicate lesson id '{info.id}' (also in {infos[info.id].file.name})"))
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
    if cache:  # without stamps, the search index is built in memory too
        course.stamps, course.racy = listing.stamps, listing.racy
    return course


def resolve(target: Path | str) -> tuple[Path, Path | None]:
    """Where a command's PATH points: (course folder, lesson file or None)."""
    from alignlearn.sources.detect import book_root_for

    target = Path(target)
    if target.is_dir():
        return target, None
    if target.name == MANIFEST:
        return target.parent, None
    book = book_root_for(target)  # a chapter of an mdBook: the course is the book
    return (book if book is not None else target.parent), target
