"""Book chapters kept between runs, as native lessons are (``course/lesson_cache.py``),
so the reader shows a chapter read before without markdown-it.

One cache file per chapter, holding the stamps of the chapter and of every file it
included (a missing one as None): the chapter is taken from the cache only when all
still match and none changed within ``cache.RACY_NS`` of the cache being written.
Quizzes are not kept: they are read again each time, so a quiz file's change always
shows. The lesson's info (title, part, path) is the course's current one.
"""

from __future__ import annotations

import time
from pathlib import Path

from alignlearn.cache import disk as cache
from alignlearn.course.body import Block, Truncated
from alignlearn.course.lesson import Lesson, LessonInfo
from alignlearn.sources.marks import QuizMark

KIND = "book-lesson"
VERSION = 3  # bump when what a chapter is parsed into changes (2: ### sections under a lone ## title; 3: @Perm)


def _version() -> tuple[int, int]:
    # A chapter is stored as the lesson cache stores a lesson: a change there is one here too.
    from alignlearn.cache.parsed_lessons import VERSION as LESSONS

    return VERSION, LESSONS
_MARK = "\ue000quiz-mark\ue000"  # a QuizMark kept as a Truncated block


def _stamps(files: list[Path], written: int) -> tuple | None:
    from alignlearn.cache.parsed_lessons import stamps_of

    return stamps_of(files, written)


def _swap(blocks: list, keep: bool) -> list:
    """QuizMarks as Truncated blocks (``keep``), or back."""
    out = []
    for block in blocks:
        if keep and isinstance(block, QuizMark):
            marker = block.marker  # type: ignore[attr-defined]
            block = Truncated(block.line, _MARK + "\n".join((marker.text, str(marker.path or ""), str(marker.line))))
        elif not keep and isinstance(block, Truncated) and block.reason.startswith(_MARK):
            from alignlearn.sources.marks import Marker

            text, path, line = block.reason[len(_MARK):].split("\n")
            mark = QuizMark(block.line, 0)
            mark.marker = Marker("quiz", text, int(line), Path(path) if path else None)  # type: ignore[attr-defined]
            block = mark
        for name in ("blocks", "items"):
            inner = getattr(block, name, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], list):
                setattr(block, name, [_swap(item, keep) for item in inner])
            elif isinstance(inner, list) and (not inner or isinstance(inner[0], Block)):
                setattr(block, name, _swap(inner, keep))
        out.append(block)
    return out


def load(info: LessonInfo) -> Lesson | None:
    """The chapter as read last time (without its quiz), or None if anything it read changed."""
    from alignlearn.cache import parsed_lessons as lesson_cache

    loaded = cache.load(cache.cache_file(info.file, KIND), KIND)
    try:
        version, written, names, stamps, data = loaded.payload  # type: ignore[union-attr]
        files = [Path(name) for name in names]
        if version != _version() or files[0] != info.file or stamps != _stamps(files, written):
            return None
        lesson = lesson_cache._lesson(data, info.file)
    except (AttributeError, TypeError, ValueError, IndexError, KeyError):
        return None
    lesson.info = info
    lesson.intro = _swap(lesson.intro, keep=False)
    for section in lesson.sections:
        section.blocks = _swap(section.blocks, keep=False)
    lesson.files = set(files[1:])  # type: ignore[attr-defined]
    lesson.quiz_checked = False
    return lesson


def save(lesson: Lesson, written: int) -> None:
    """Keep the chapter (read without its quiz, at ``written``) unless a file it read is too new."""
    from alignlearn.cache import parsed_lessons as lesson_cache

    files = [lesson.info.file, *sorted(getattr(lesson, "files", ()))]
    stamps = _stamps(files, written)
    if stamps is None:
        return
    try:
        lesson.intro = _swap(lesson.intro, keep=True)
        for section in lesson.sections:
            section.blocks = _swap(section.blocks, keep=True)
        data = lesson_cache._lesson_data(lesson)
    except (TypeError, ValueError):
        return  # a block the native cache cannot keep: read the chapter each time
    finally:  # back as they were (blocks nested in lists were swapped in place)
        lesson.intro = _swap(lesson.intro, keep=False)
        for section in lesson.sections:
            section.blocks = _swap(section.blocks, keep=False)
    cache.save(cache.cache_file(lesson.info.file, KIND), KIND,
               (_version(), written, [str(f) for f in files], stamps, data))


def now() -> int:
    return time.time_ns()
