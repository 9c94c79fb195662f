"""A chapter's quizzes: the questions of each ``{{#quiz}}`` mark, read after the chapter
itself (which may come from the cache), so that a cached chapter's start needs neither
markdown-it nor the directive reader."""

from __future__ import annotations

from pathlib import Path

from alignlearn.course.body import Block
from alignlearn.course.lesson import Lesson
from alignlearn.course.problems import Problem
from alignlearn.sources.marks import Marker, QuizMark


def _read_quiz():
    try:
        from alignlearn.sources.mdbook_quiz import read_quiz
    except ImportError:  # the mdbook-quiz reader is written on another branch
        return None
    return read_quiz


def attach_quiz(lesson: Lesson, root: Path) -> None:
    """Every quiz mark's questions, in order, each question's section the one its mark closes."""
    from alignlearn.course.quiz import Quiz

    places = [(section, block) for section, blocks in
              [(None, lesson.intro)] + [(s, s.blocks) for s in lesson.sections]
              for block in _walk(blocks) if isinstance(block, QuizMark)]
    if not places:
        return
    read_quiz = _read_quiz()
    questions = []
    first_file = None
    seen: set[str] = set()
    for section, mark in places:
        marker: Marker = mark.marker  # type: ignore[attr-defined]
        mark.section = section.number if section is not None else 0
        if read_quiz is None or marker.path is None:
            continue
        try:
            quiz, found = read_quiz(marker.path, root)
        except Exception as error:  # noqa: BLE001 - another branch's reader: never a traceback
            quiz, found = None, [Problem(str(marker.path), 1, 1, "error", f"quiz could not be read: {error}")]
        lesson.problems.extend(found)
        if quiz is None:
            lesson.problems.append(Problem(str(lesson.file), marker.line, 1, "error",
                                           f"the quiz {marker.text} could not be read"))
            mark.broken = found[0].message if found else "could not be read"  # type: ignore[attr-defined]
            continue
        first_file = first_file or quiz.file
        for question in quiz.questions:
            question.section = section.title if section is not None else ""
            base, number = question.id, 1
            while question.id in seen:
                number += 1
                question.id = f"{base}-{number}"
            seen.add(question.id)
            questions.append(question)
        mark.questions = len(quiz.questions)
    if first_file is not None:
        lesson.quiz = Quiz(first_file, questions)


def _walk(blocks: list[Block]):
    for block in blocks:
        yield block
        for name in ("blocks", "items"):
            inner = getattr(block, name, None)
            if isinstance(inner, list):
                for item in inner:
                    if isinstance(item, list):
                        yield from _walk(item)
                    elif isinstance(item, Block):
                        yield from _walk([item])
