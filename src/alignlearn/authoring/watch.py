"""Noticing that a lesson changed on disk, and keeping the reader's place across the change.

For ``alignlearn preview``. No file-system events (that would be a new dependency and
a thread per platform): a ``stat`` of the lesson file and of its quiz file a few times
a second costs microseconds. A stamp is (mtime in ns, size, inode, ctime in ns), so
an editor's write-to-a-temporary-file-then-rename shows as a new inode even when the
size and the time come out the same.

Two saves within one tick of the file system's clock, of the same size, written in
place, keep the same stamp. So while a file's mtime is too recent to trust
(``RACY_NS``, as the caches use) its content's digest is kept too and compared at
each look; past that window a further change must move the mtime.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from alignlearn.cache.disk import RACY_NS
from alignlearn.course.lesson import Lesson, Section
from alignlearn.course.quiz import quiz_path
from alignlearn.plain_file import open_plain

MAX_DIGEST = 8 << 20  # bytes: past this (8 times the largest lesson read) the stamp alone decides

Stamp = tuple[int, int, int, int]  # (mtime_ns, size, inode, ctime_ns)


def stamp_of(path: Path) -> Stamp | None:
    """The file's stamp, or None when it is not there (or cannot be looked at)."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return (found.st_mtime_ns, found.st_size, found.st_ino, found.st_ctime_ns)


def digest_of(path: Path) -> bytes | None:
    """A digest of a plain file's content; None for anything else. Never a plain
    ``open``: this runs on the app's thread, and opening a named pipe put there (as the
    quiz, say) would wait for a writer for good, ``q`` included."""
    try:
        with open_plain(path) as file:
            data = file.read(MAX_DIGEST + 1)
    except (OSError, ValueError):
        return None
    return None if len(data) > MAX_DIGEST else hashlib.blake2b(data, digest_size=16).digest()


@dataclass(frozen=True)
class Look:
    """The files as seen at one moment: stamps, and digests of those too recent to trust."""

    stamps: tuple[Stamp | None, ...]
    digests: tuple[bytes | None, ...]


class LessonWatch:
    """A lesson file and its quiz file, as last seen.

    ``changed()`` is cheap enough to call five times a second. Its look is taken
    before the caller reads the files again, so a change made while they are being
    read is seen at the next call, never lost.
    """

    def __init__(self, lesson_file: Path, clock: Callable[[], int] = time.time_ns) -> None:
        self.files = (Path(lesson_file), quiz_path(Path(lesson_file)))
        self.clock = clock
        self.seen = self._look()

    def _look(self) -> Look:
        now = self.clock()
        stamps = tuple(stamp_of(file) for file in self.files)
        digests = tuple(digest_of(file) if stamp is not None and stamp[0] > now - RACY_NS else None
                        for file, stamp in zip(self.files, stamps))
        return Look(stamps, digests)

    @property
    def missing(self) -> bool:
        """Whether the lesson file is not there (an editor between its rename and its write)."""
        return self.seen.stamps[0] is None

    def changed(self) -> bool:
        """Whether the lesson or its quiz changed since the last call (or since the watch began)."""
        stamps = tuple(stamp_of(file) for file in self.files)
        if stamps != self.seen.stamps:
            self.seen = self._look()
            return True
        digests = list(self.seen.digests)
        now = self.clock()
        for number, (file, kept) in enumerate(zip(self.files, digests)):
            if kept is None:
                continue
            if digest_of(file) != kept:
                self.seen = self._look()
                return True
            if stamps[number][0] <= now - RACY_NS:  # type: ignore[index]
                digests[number] = None  # old enough: a further change will move the mtime
        self.seen = Look(stamps, tuple(digests))
        return False


# --- keeping the place ---------------------------------------------------------------


def follow(old: Lesson, new: Lesson, source_line: int) -> int:
    """The line of ``new`` that shows what ``source_line`` of ``old`` showed.

    In the same section (see ``matching_section``), as far into it as before but not
    past its end; at the start of the section that took its place if it was removed.
    """
    section = old.section_at_line(source_line)
    if section is None:  # the introduction: its lines, up to the first section
        first = new.sections[0].line if new.sections else None
        return source_line if first is None else max(1, min(source_line, first - 1))
    target, same = matching_section(old, new, section)
    if target is None:
        return source_line
    if not same:
        return target.line
    line = target.line + (source_line - section.line)
    after = next((s.line for s in new.sections if s.number == target.number + 1), None)
    return min(line, after - 1) if after is not None else line


def matching_section(old: Lesson, new: Lesson, section: Section) -> tuple[Section | None, bool]:
    """``section`` of ``old`` in ``new``, and whether it is the same section.

    By its key (its title); else, when there are as many sections as before and
    the one at its number has a new title, that one; else the one after the nearest earlier section
    still there: the same section renamed if its title is new, or if it was removed,
    the one that took its place (not the same).
    """
    by_key = {s.key: s for s in new.sections}
    if section.key in by_key:
        return by_key[section.key], True
    if not new.sections:
        return None, False
    old_keys = {s.key for s in old.sections}
    if len(new.sections) == len(old.sections) and new.sections[section.number - 1].key not in old_keys:
        return new.sections[section.number - 1], True
    index = 0  # of the section after the nearest earlier section still there
    for earlier in reversed(old.sections[: section.number - 1]):
        if earlier.key in by_key:
            index = by_key[earlier.key].number
            break
    target = new.sections[min(index, len(new.sections) - 1)]
    return target, target.key not in old_keys
