"""Previewing a book's chapter: the chapter, every file it includes and its quizzes are
watched, so a change to any of them reloads the preview (``alignlearn preview``)."""

from __future__ import annotations

from pathlib import Path

from alignlearn.course.lesson import Lesson
from alignlearn.authoring.watch import LessonWatch


class BookWatch(LessonWatch):
    """A chapter and the files it read last time (includes, quizzes)."""

    def __init__(self, chapter: Path, **kwargs) -> None:
        super().__init__(chapter, **kwargs)
        self.files = (Path(chapter),)
        self.seen = self._look()

    def follow(self, files) -> None:
        """Watch ``files`` too from now on (those the chapter read this time)."""
        wanted = (self.files[0], *sorted(Path(f) for f in files if Path(f) != self.files[0]))
        if wanted == self.files:
            return
        old = dict(zip(self.files, zip(self.seen.stamps, self.seen.digests)))
        self.files = wanted
        fresh = self._look()
        # Files watched before keep what was seen of them, so a change made meanwhile still shows.
        stamps = tuple(old[f][0] if f in old else s for f, s in zip(wanted, fresh.stamps))
        digests = tuple(old[f][1] if f in old else d for f, d in zip(wanted, fresh.digests))
        self.seen = type(self.seen)(stamps, digests)


def reread(course, file: Path) -> Lesson | None:
    """The chapter at ``file`` read again as the book shows it; None when the course is
    native (its lessons are read by ``load_lesson``). Raises ``LessonError`` or ``OSError``."""
    if getattr(course, "source", None) is None:
        return None
    info = course.find(str(file))
    if info is None:
        from alignlearn.course.problems import LessonError, Problem

        raise LessonError([Problem(str(file), 1, 1, "error", "SUMMARY.md does not list this chapter")])
    return course.source.load(info)
