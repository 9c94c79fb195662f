"""A lesson cut into passages the tutor can quote, each knowing its section and line.

Two sizes: a *whole* (a paragraph, a list item, a table row read as a sentence, a
key-term definition, the big idea, a code block) and the *sentences* of a whole that
has more than one. Sentences are what an answer quotes; wholes give each sentence
its context when ranking.

Key terms and the big idea live in the front matter, which the reader shows apart
from the body. A term is attached to the section that uses it most (section 0, the
introduction, when none does), and its line is where that section first uses it, so
"jump to the source" lands on the term in context. The big idea belongs to the
introduction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from alignlearn.course.body import Block, Code, Heading, ListBlock, Paragraph, Quote, Table
from alignlearn.course.lesson import Lesson
from alignlearn.tutor.words import fold, sentences, stems, words

WHOLE_KINDS = ("paragraph", "item", "row", "code", "term", "big_idea")
LABEL_WORDS = 3  # a "sentence" this short is a label for the one after it
MAX_PASSAGE_CHARS = 4000  # a pasted essay in a lesson is still quoted, in part
_SPACE = re.compile(r"\s+")
_STEP_LINE = re.compile(r"^\s*\d{1,2}[.)]\s", re.MULTILINE)  # "1. The model answers a prompt."


@dataclass
class Passage:
    number: int  # place in ``Passages.all``
    kind: str  # one of WHOLE_KINDS, or "sentence"
    section: int  # 0: the introduction
    line: int  # line in the lesson file where the passage starts
    text: str
    whole: int  # number of the whole it belongs to (itself, for a whole)
    sentences: tuple[int, ...] = ()  # for a whole cut into sentences: their numbers
    term: str = ""  # for a key-term definition: the term
    group: int = -1  # for a list's item, or a code block of numbered steps: the list (a number)
    marker: str = ""  # an ordered list's item: "3."; a code block of steps: its own lines
    leads: int = -1  # for the paragraph just before a list: that list
    shown: str = ""  # how an answer quotes it, when not as ``text``: a table row as "header: cell"

    @property
    def is_whole(self) -> bool:
        return self.kind != "sentence"

    @property
    def quotable(self) -> bool:
        """Quoted in answers: a sentence, or a whole that was not cut into sentences."""
        return not self.sentences


def flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()[:MAX_PASSAGE_CHARS]


class LineFinder:
    """Where a sentence starts in the lesson file (block lines only give where its block starts)."""

    def __init__(self, file: Path | None):
        self.lines: list[str] = []
        if file is not None:
            from alignlearn.course.problems import LessonError, Problems
            from alignlearn.course.source import read_text

            try:  # the loader's reader: a file swapped for a FIFO since loading must not hang us
                self.lines = read_text(Path(file), Problems(file)).split("\n")
            except LessonError:
                self.lines = []

    def find(self, text: str, first: int, after: int = 0) -> tuple[int, int]:
        """(line, offset to search from next) of ``text`` within a few lines of ``first``."""
        head = words(text)[:4]
        if not self.lines or not head:
            return first, after
        window = "\n".join(self.lines[max(first - 1, 0) : first + 60])
        # Between two words of the text the file may hold a link's target, "](https://...)".
        pattern = r"(?:\]\([^)\s]*\)|\W)+".join(re.escape(word) for word in head)
        match = re.compile(pattern, re.IGNORECASE).search(window, after)
        if match is None:
            return first, after
        return first + window.count("\n", 0, match.start()), match.end()


class PassageBuilder:
    def __init__(self, lesson: Lesson):
        self.lesson = lesson
        self.finder = LineFinder(getattr(lesson, "file", None))
        self.all: list[Passage] = []
        self.groups = 0
        self._before: Passage | None = None  # the last paragraph, while nothing else came after it

    def add(self, kind: str, section: int, line: int, text: str, whole: int | None = None) -> Passage:
        number = len(self.all)
        passage = Passage(number, kind, section, line, text, number if whole is None else whole)
        self.all.append(passage)
        return passage

    def whole(self, kind: str, section: int, line: int, text: str, split: bool = True,
              by_line: bool = False) -> Passage | None:
        """A whole passage, and its sentences when ``split`` (``by_line``: its lines, a line
        indented under another joined to it: a code block's steps, not its full stops)."""
        lines = _code_lines(text) if by_line else []
        text = flat(text)
        if not any(char.isalnum() for char in text):
            return None
        passage = self.add(kind, section, line, text)
        pieces = lines if by_line else _merge_fragments([piece for _, piece in sentences(text)]) if split else [text]
        if len(pieces) < 2:
            return passage
        numbers, after = [], 0
        for piece in pieces:
            piece_line, after = self.finder.find(piece, line, after)
            numbers.append(self.add("sentence", section, piece_line, piece, passage.number).number)
        passage.sentences = tuple(numbers)
        return passage

    def new_group(self) -> int:
        self.groups += 1
        if self._before is not None:
            self._before.leads = self.groups
        return self.groups

    def blocks(self, section: int, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                self._before = self.whole("paragraph", section, block.line, block.plain())
                continue
            if isinstance(block, ListBlock):
                group = self.new_group()
                self._before = None
                for at, item in enumerate(block.items):
                    count = len(self.all)
                    self.item(section, item, block.line)
                    if len(self.all) > count and self.all[count].kind == "item":
                        self.all[count].group = group
                        self.all[count].marker = f"{block.start + at}." if block.ordered else "-"
            elif isinstance(block, Quote):
                self.blocks(section, block.blocks)
            elif isinstance(block, Code):
                steps = len(_STEP_LINE.findall(block.text)) >= 2
                group = self.new_group() if steps else -1
                code = self.whole("code", section, block.line, block.text if steps else block.text.replace("\n", " \n"),
                                  by_line=steps)  # steps are lines, not sentences
                if steps and code is not None:
                    code.group = group
                    code.marker = block.text.strip("\n")[:MAX_PASSAGE_CHARS]
            elif isinstance(block, Table):
                self.table(section, block)
            self._before = None
            # Headings below "##" are a section's signposts, ranked through the
            # section; rules and truncation markers say nothing.

    def item(self, section: int, item: list[Block], line: int) -> None:
        prose = [block for block in item if isinstance(block, (Paragraph, Heading))]
        if prose:
            self.whole("item", section, prose[0].line, " ".join(block.plain() for block in prose))
        self.blocks(section, [block for block in item if not isinstance(block, (Paragraph, Heading))])

    def table(self, section: int, table: Table) -> None:
        header = table.header_text()
        for number, row in enumerate(table.rows_text()):
            if not row:
                continue
            cells = [(name.casefold(), cell) for name, cell in zip(header[1:], row[1:]) if cell.strip()]
            text = f"{row[0]}: " + "; ".join(f"{name} {cell}".strip() for name, cell in cells) if cells else row[0]
            # A GFM table has a header line and a delimiter line, then one line a row.
            passage = self.whole("row", section, table.line + 2 + number, text, split=False)
            if passage is not None and cells:  # quoted "reward given: Points from targets", read as words without
                passage.shown = flat(f"{row[0]}: " + "; ".join(f"{name}: {cell}" if name else cell for name, cell in cells))


def _code_lines(text: str) -> list[str]:
    """A code block's lines with words in them, each flattened; an indented line goes on the one
    above it ("2. The model critiques ...,\n   for example: ...")."""
    found: list[str] = []
    for line in text.splitlines():
        if not any(char.isalnum() for char in line):
            continue
        if found and line[:1].isspace():
            found[-1] = flat(f"{found[-1]} {line}")
        else:
            found.append(flat(line))
    return found


def _merge_fragments(pieces: list[str]) -> list[str]:
    """Glue a "sentence" with no word in it (a list number, "2.") or a label of a few words
    ("Sycophancy.", "Reward hacking.") onto the next one."""
    merged: list[str] = []
    carry = ""
    for piece in pieces:
        if not any(len(word) > 1 and word.isalpha() for word in words(piece)) or len(piece.split()) <= LABEL_WORDS:
            carry = f"{carry} {piece}".strip()
            continue
        merged.append(f"{carry} {piece}".strip())
        carry = ""
    if carry:
        if merged:
            merged[-1] = f"{merged[-1]} {carry}"
        else:
            merged.append(carry)
    return merged


def defines(term: str, text: str, item: bool = False) -> bool:
    """Whether ``text`` teaches ``term``: "alignment means ...", "... is called reward hacking",
    or a list item labelled by it ("Sycophancy. Models learn ...", "RLHF, reinforcement ...")."""
    patterns = _teaching(term)
    if patterns is None:
        return False
    says, label = patterns
    text = fold(text)
    return bool(says.search(text) or item and label.match(text))


@lru_cache(maxsize=256)
def _teaching(term: str) -> tuple[re.Pattern, re.Pattern] | None:
    name = r"[\s-]+".join(re.escape(word) for word in fold(term).split())
    if not name:
        return None
    aside = r"(?:\s*\([^)]{0,80}\))?"
    says = re.compile(rf"\b{name}s?\b{aside},?\s+(?:means|is|are|refers to|describes)\b"
                      rf"|\b(?:called|known as|termed)\s+(?:an?\s+|the\s+)?{name}\b")
    return says, re.compile(rf"{name}s?{aside}\s*[,.:]")


def lesson_passages(lesson: Lesson, mentions: Callable[[str, str], int]) -> list[Passage]:
    """Every passage of ``lesson`` in reading order, key terms and big idea last.

    ``mentions(term, text)`` counts the uses of a term in a text (the thesaurus
    knows a term's other names), to attach each term where it is used most.
    """
    builder = PassageBuilder(lesson)
    builder.blocks(0, lesson.intro)
    for section in lesson.sections:
        builder._before = None
        builder.blocks(section.number, section.blocks)
    body = [p for p in builder.all if p.is_whole]
    first_line = body[0].line if body else (lesson.sections[0].line if lesson.sections else 1)
    title_weight = 3  # a term in a section's title belongs to that section
    for term, definition in lesson.terms.items():
        counts: dict[int, int] = {s.number: title_weight * mentions(term, s.title) for s in lesson.sections}
        counts = {number: count for number, count in counts.items() if count}
        first_use: dict[int, int] = {}
        for passage in body:
            used = mentions(term, passage.text)
            if used:
                counts[passage.section] = counts.get(passage.section, 0) + used
                first_use.setdefault(passage.section, passage.line)
        section = max(counts, key=lambda number: (counts[number], -number)) if counts else 0
        teaching = next((p for p in body if p.kind in ("paragraph", "item")
                         and defines(term, p.text, p.kind == "item")), None)
        if teaching is not None:  # the section that teaches the term, over the one that uses it most
            section = teaching.section
            first_use[section] = teaching.line
        line = first_use.get(section) or next((s.line for s in lesson.sections if s.number == section), first_line)
        builder.whole("term", section, line, f"{term}: {definition}", split=False)
        builder.all[-1].term = term
    if lesson.big_idea:
        builder.whole("big_idea", 0, first_line, lesson.big_idea, split=False)
    return builder.all


def overlaps(one: Passage, other: Passage) -> bool:
    """Whether quoting both would say the same thing twice: one inside the other, or
    nearly the same words."""
    if one.whole == other.whole:
        return one.number == other.number or one.is_whole or other.is_whole
    a, b = set(stems(one.text)), set(stems(other.text))
    return bool(a and b) and len(a & b) / min(len(a), len(b)) > 0.8


@dataclass
class Ranked:
    """A passage ranked for a question."""

    passage: Passage
    score: float
    coverage: float  # share of the question this passage (read in its context) meets
    confidence: float = 0.0  # coverage mixed with the share the lesson as a whole meets
