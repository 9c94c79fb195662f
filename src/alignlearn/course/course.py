"""A course in memory: its lessons' records in reading order, each lesson read on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from alignlearn.course.lesson import Lesson, LessonInfo, load_lesson
from alignlearn.course.problems import Problem


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
    format: str = "alignlearn"  # or "mdbook", "folder" (SPEC section 5, lessons --json)
    unreadable: list[Path] = field(default_factory=list, repr=False)  # lesson files that could not be read
    duplicates: list[Path] = field(default_factory=list, repr=False)  # left out: another lesson has their id

    def __post_init__(self) -> None:
        self._index = {info.id: number for number, info in enumerate(self.lessons)}

    def __len__(self) -> int:
        return len(self.lessons)

    def __repr__(self) -> str:
        # Short on purpose: Textual's @work puts repr() of its arguments in the worker's
        # description, and a repr of every lesson is slow for a large course.
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
