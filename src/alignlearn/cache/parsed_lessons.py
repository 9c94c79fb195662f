"""Parsed lessons kept between runs, so the reader opens a lesson it has read before
without markdown-it: importing and running it is a third of the reader's time to its
first frame.

One cache file per lesson file (``cache.cache_file(lesson_file, "lesson")``), in the
format of ``alignlearn.cache.disk``: a checked header and a ``marshal`` payload of
plain tuples (which, unlike pickle, cannot run code). The payload holds the stamps
(size, mtime, ctime, inode) of the lesson file and of its quiz file; a lesson is
taken from the cache only when both still match and were not changed within
``cache.RACY_NS`` of the cache being written. Anything else means: parse the file.

``alignlearn check`` reads lessons through it too, so the cached lesson must be all
that ``load_lesson`` gives: its problems, each quiz's count of questions written. The
problems name the file as it was named when parsed, so a lesson named another way
(``lessons/a.md``, then ``/home/me/course/lessons/a.md``) is parsed again.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from alignlearn.cache import disk as cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alignlearn.course.catalog import Course
from alignlearn.course.body import (
    Block, Callout, Code, Heading, ListBlock, Notes, Paragraph, Quote, Rule, Span, Table, Truncated,
)
from alignlearn.course.lesson import Lesson, LessonInfo, Section, Subsection, load_lesson
from alignlearn.course.problems import Problem
from alignlearn.course.quiz import Question, Quiz, Tracing, quiz_path

KIND = "lesson"
VERSION = 8  # of the payload below: bump it when a dataclass it mirrors, or what parsing makes, changes
# (2: character references made placeholders, truncated notes, parse budgets; issue 9)
# (4: a question's alternatives, program, lead and keep_order; a tracing answer; issue 17)
# (5: HTML made text and notes; issue 17)
# (6: the file's name as parsed, and Quiz.written, for check)
# (7: a quiz's hint for a section no heading has lists the headings)


def read(course: Course, lesson_id: str) -> Lesson:
    """The lesson, from the cache when its files are unchanged, else parsed (and kept).

    On a miss the file itself is parsed, not ``Course.lesson``'s copy in memory, which
    may be older than the file. Raises ``LessonError``, ``OSError`` or ``KeyError``.
    """
    info = course.info(lesson_id)
    if info is None:
        raise KeyError(lesson_id)
    if course.source is not None:  # a book's chapter: its includes and quizzes are not stamped here
        return course.source.load(info)
    return read_lesson(info)


def read_lesson(info: LessonInfo) -> Lesson:
    """The native lesson ``info`` names, from the cache or parsed (and then kept)."""
    kept = load(info.file)
    if kept is not None and kept.id == info.id:
        return kept
    return parse(info.file)


def read_file(file: Path) -> Lesson:
    """The lesson in ``file`` (whatever its id), from the cache or parsed (and then kept):
    ``load_lesson(file)``, without markdown-it when the file and its quiz are unchanged.
    Raises ``LessonError`` as ``load_lesson`` does."""
    kept = load(file)
    return kept if kept is not None else parse(file)


def parse(file: Path) -> Lesson:
    """``load_lesson(file)``, kept for next time unless a file changed too recently to trust."""
    written = time.time_ns()
    stamps = _stamps(file, written)  # before parsing: a change meanwhile shows next time
    lesson = load_lesson(file)
    if stamps is not None:
        try:
            cache.save(cache.cache_file(file, KIND), KIND, (VERSION, written, str(file), stamps, _lesson_data(lesson)))
        except (TypeError, ValueError):  # a block with no cache form, or nested past marshal's depth
            pass  # parsed each time, as before there was a cache
    return lesson


def load(file: Path) -> Lesson | None:
    """The lesson in ``file`` as it was parsed last time, or None if it may have changed
    (or was parsed under another name: its problems would name the file as it was)."""
    loaded = cache.load(cache.cache_file(file, KIND), KIND)
    try:
        version, written, name, stamps, data = loaded.payload  # type: ignore[union-attr]
        if version != VERSION or name != str(file) or stamps != _stamps(file, written):
            return None
        return _lesson(data, file)
    except (AttributeError, TypeError, ValueError, IndexError, KeyError):
        return None


def _stamps(file: Path, written: int) -> tuple | None:
    """The lesson's and its quiz's stamps; None when either changed too close to ``written``."""
    return stamps_of([file, quiz_path(file)], written)


def stamps_of(paths: list[Path], written: int) -> tuple | None:
    """Each file's stamp (None if missing); None when one changed too close to ``written``
    to trust, or cannot be looked at."""
    found = []
    for path in paths:
        try:
            result = os.stat(path)
        except FileNotFoundError:
            try:  # a symlink to nothing is a quiz that cannot be read, an error: not "no quiz"
                result = os.lstat(path)
            except FileNotFoundError:
                found.append(None)
                continue
            except OSError:
                return None
        except OSError:
            return None
        if result.st_mtime_ns > written - cache.RACY_NS:
            return None
        found.append((result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino))
    return tuple(found)


# --- lessons as plain tuples ---------------------------------------------------------


def _spans(spans: list[Span]) -> list:
    return [(span.text, sorted(span.styles), span.href) for span in spans]


def _from_spans(data: list) -> list[Span]:
    return [Span(text, frozenset(styles), href) for text, styles, href in data]


def _block(block: Block) -> tuple:
    if isinstance(block, Paragraph):
        return ("p", block.line, _spans(block.spans))
    if isinstance(block, Heading):
        return ("h", block.line, block.level, _spans(block.spans))
    if isinstance(block, ListBlock):
        return ("l", block.line, block.ordered, block.start, [_blocks(item) for item in block.items])
    if isinstance(block, Callout):
        return ("a", block.line, _blocks(block.blocks), block.kind)
    if isinstance(block, Notes):
        return ("n", block.line, _blocks(block.blocks), _spans(block.title))
    if isinstance(block, Quote):
        return ("q", block.line, _blocks(block.blocks))
    if isinstance(block, Code):
        return ("c", block.line, block.text, block.language)
    if isinstance(block, Table):
        return ("t", block.line, [_spans(c) for c in block.header],
                [[_spans(c) for c in row] for row in block.rows], list(block.align), _spans(block.caption))
    if isinstance(block, Rule):
        return ("r", block.line)
    if isinstance(block, Truncated):
        return ("x", block.line, block.reason)
    raise TypeError(f"no cache form for {type(block).__name__}")


def _blocks(blocks: list[Block]) -> list:
    return [_block(block) for block in blocks]


def _from_block(data: tuple) -> Block:
    kind, line = data[0], data[1]
    if kind == "p":
        return Paragraph(line, _from_spans(data[2]))
    if kind == "h":
        return Heading(line, _from_spans(data[3]), level=data[2])
    if kind == "l":
        return ListBlock(line, data[2], data[3], [_from_blocks(item) for item in data[4]])
    if kind == "q":
        return Quote(line, _from_blocks(data[2]))
    if kind == "a":
        return Callout(line, _from_blocks(data[2]), data[3])
    if kind == "n":
        return Notes(line, _from_blocks(data[2]), _from_spans(data[3]))
    if kind == "c":
        return Code(line, data[2], data[3])
    if kind == "t":
        return Table(line, [_from_spans(c) for c in data[2]], [[_from_spans(c) for c in row] for row in data[3]],
                     list(data[4]), _from_spans(data[5]))
    if kind == "r":
        return Rule(line)
    if kind == "x":
        return Truncated(line, data[2])
    raise ValueError(f"unknown block {kind!r}")


def _from_blocks(data: list) -> list[Block]:
    return [_from_block(item) for item in data]


_INFO = ("id", "title", "subtitle", "audience", "minutes", "path", "concepts", "related", "big_idea")
_QUESTION = ("id", "kind", "prompt", "explanation", "answer", "choices", "section", "line",
             "alternatives", "program", "lead", "keep_order")
_PROBLEM = ("file", "line", "col", "severity", "message", "hint")


def _lesson_data(lesson: Lesson) -> tuple:
    info = tuple(getattr(lesson.info, name) for name in _INFO) + (list(lesson.info.terms.items()),)
    sections = [(s.number, s.title, s.line, _blocks(s.blocks), s.key, [(sub.title, sub.line) for sub in s.subsections])
                for s in lesson.sections]
    quiz = None
    if lesson.quiz is not None:
        quiz = (str(lesson.quiz.file), [tuple(_plain(getattr(q, name)) for name in _QUESTION)
                                        for q in lesson.quiz.questions], lesson.quiz.written)
    problems = [tuple(getattr(p, name) for name in _PROBLEM) for p in lesson.problems]
    return (info, _blocks(lesson.intro), sections, quiz, problems, getattr(lesson, "quiz_checked", True))


def _plain(value):
    """A tracing answer as a tuple marshal can keep (it keeps no dataclass)."""
    return ("tracing", value.compiles, value.stdout, value.line) if isinstance(value, Tracing) else value


def _question(data: tuple) -> Question:
    fields = dict(zip(_QUESTION, data))
    answer = fields["answer"]
    if isinstance(answer, tuple) and answer[:1] == ("tracing",):
        fields["answer"] = Tracing(*answer[1:])
    return Question(**fields)


def _lesson(data: tuple, file: Path) -> Lesson:
    info_data, intro, sections_data, quiz_data, problems_data, quiz_checked = data
    *fields, terms = info_data
    info = LessonInfo(file=file, terms=dict(terms), **dict(zip(_INFO, fields)))
    sections = [Section(number, title, line, _from_blocks(blocks), key, [Subsection(t, at) for t, at in subs])
                for number, title, line, blocks, key, subs in sections_data]
    quiz = None
    if quiz_data is not None:
        quiz_file, questions, written = quiz_data
        quiz = Quiz(Path(quiz_file), [_question(q) for q in questions], written)
    problems = [Problem(*p) for p in problems_data]
    lesson = Lesson(info, _from_blocks(intro), sections, quiz, problems)
    lesson.quiz_checked = quiz_checked
    return lesson
