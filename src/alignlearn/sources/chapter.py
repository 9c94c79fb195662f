"""One chapter of a book (or a file of a plain folder) read into a ``Lesson``.

The text's directives are resolved first (``directives.py``), then it is parsed as
any lesson is; every ``#`` and ``##`` heading starts a section, since books use
both for their chapters' main parts. Broken parts become dim notes where they were,
and each ``{{#quiz}}`` a quiz card there; the lesson's quiz is all of them in order.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from alignlearn.course.body import Block, Heading, Paragraph, Truncated, spans_text
from alignlearn.course.markdown import parse_blocks
from alignlearn.course.lesson import Lesson, LessonInfo, Section, Subsection, section_key_of
from alignlearn.course.problems import Problems
from alignlearn.sources.directives import MARKER_LINE, Expanded, Marker, expand
from alignlearn.sources.marks import QuizMark


def chapter_lesson(info: LessonInfo, body: str, body_line: int, root: Path, problems: Problems,
                   with_quiz: bool = True, directives: bool = True) -> Lesson:
    """The lesson from a chapter's ``body`` (its text after any front matter, starting at
    line ``body_line`` of ``info.file``), in the book at ``root``. Never raises."""
    if directives:
        expanded = expand(body, info.file, root, problems, body_line)
        text, first = expanded.text, 1
    else:
        expanded = Expanded(body, [])
        text, first = body, body_line
    parsed = Problems(info.file)
    blocks = parse_blocks(text, first, parsed)
    lines = expanded.lines

    def line_of(number: int) -> int:
        if not lines:
            return number
        return lines[min(max(number, 1), len(lines)) - 1]

    for problem in parsed:
        problems.append(dataclasses.replace(problem, line=line_of(problem.line)))
    blocks = _resolve(blocks, expanded.markers, line_of)
    intro, sections = split_sections(blocks)
    lesson = Lesson(info, intro, sections, problems=problems)
    lesson.files = expanded.files  # type: ignore[attr-defined]
    lesson.quiz_checked = True
    if with_quiz:
        from alignlearn.sources.chapter_quiz import attach_quiz

        attach_quiz(lesson, root)
    return lesson


def _resolve(blocks: list[Block], markers: list[Marker], line_of) -> list[Block]:
    """Lines mapped back into the chapter, and marker paragraphs made notes or quiz marks."""
    out: list[Block] = []
    for block in blocks:
        block.line = line_of(block.line)
        if isinstance(block, Paragraph):
            match = MARKER_LINE.match(spans_text(block.spans).strip())
            if match and int(match.group(1)) < len(markers):
                marker = markers[int(match.group(1))]
                if marker.kind == "quiz":
                    mark = QuizMark(block.line, 0)
                    mark.marker = marker  # type: ignore[attr-defined]
                    out.append(mark)
                else:
                    out.append(Truncated(block.line, marker.text))
                continue
        for name in ("blocks", "items"):
            inner = getattr(block, name, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], list):
                setattr(block, name, [_resolve(item, markers, line_of) for item in inner])
            elif isinstance(inner, list):
                setattr(block, name, _resolve(inner, markers, line_of))
        out.append(block)
    return out


def section_level(blocks: list[Block]) -> int:
    """The deepest heading level that starts a section: 2 (``#`` and ``##``), or 3 when the
    chapter's one top heading is a ``##`` (its title, as in the Rust Book, whose parts,
    and the quizzes closing them, are ``###``)."""
    levels = [block.level for block in blocks if isinstance(block, Heading)]
    if levels and min(levels) == 2 and levels.count(2) == 1 and 3 in levels:
        return 3
    return 2


def split_sections(blocks: list[Block]) -> tuple[list[Block], list[Section]]:
    """The introduction and the sections, each started by a ``#`` or ``##`` heading
    (or ``###``: see ``section_level``)."""
    intro: list[Block] = []
    sections: list[Section] = []
    seen: dict[str, int] = {}
    deepest = section_level(blocks)
    for block in blocks:
        if isinstance(block, Heading) and block.level <= deepest:
            title = " ".join(spans_text(block.spans).split()) or f"Section {len(sections) + 1}"
            sections.append(Section(len(sections) + 1, title, block.line, [], section_key_of(title, seen)))
        elif sections:
            sections[-1].blocks.append(block)
            if isinstance(block, Heading) and block.level == deepest + 1:
                sections[-1].subsections.append(Subsection(" ".join(spans_text(block.spans).split()), block.line))
        else:
            intro.append(block)
    return intro, sections
