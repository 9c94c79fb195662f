"""A whole lesson as Rich renderables, and as rendered lines for the reader.

Both ``alignlearn cat`` and the reader's lesson view go through ``parts()``, so a
lesson looks the same on a pipe and on screen. ``stream.py`` turns the parts into
lines (a ``Rendered``), remembering where each section and source line starts, so the
reader can paint only what is visible and jump to any place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from rich.console import RenderableType
from rich.segment import Segment
from rich.text import Text

from alignlearn.course.body import Heading
from alignlearn.course.catalog import Course
from alignlearn.course.lesson import Lesson, LessonInfo
from alignlearn.render import blocks as render_blocks


@dataclass(frozen=True)
class Anchor:
    """What a run of rendered lines shows: its kind, section (0: introduction) and source line."""

    kind: str  # header | intro | section-title | block | terms | big-idea | cards | related
    section: int = 0
    source_line: int = 0


def place(lesson: Lesson, course: Course | None) -> str:
    """ "Lesson N of M", "Creators", "40 min" joined with dots."""
    bits = []
    if course is not None and course.position(lesson.id):
        bits.append(f"Lesson {course.position(lesson.id)} of {len(course)}")
    if lesson.audience:
        bits.append(lesson.audience)
    if lesson.minutes is not None:
        bits.append(f"{lesson.minutes} min")
    return " \u00b7 ".join(bits)


def header(lesson: Lesson, course: Course | None) -> RenderableType:
    text = Text()
    if course is not None:
        text.append(course.title + "\n", style="dim")
    text.append(lesson.title, style="bold")
    if lesson.subtitle:
        text.append("\n" + lesson.subtitle, style="italic")
    where = place(lesson, course)
    if where:
        text.append("\n" + where, style="dim")
    return text


def section_title(number: int, title: str) -> Text:
    text = Text()
    text.append(f"Section {number}", style="bold reverse")
    text.append(" ")
    text.append(title, style="bold underline")
    return text


def related_infos(lesson: Lesson, course: Course | None) -> list[LessonInfo]:
    if course is None:
        return []
    return [info for info in (course.info(i) for i in lesson.related) if info is not None]


def related_entry(info: LessonInfo, key: str = "") -> Text:
    text = Text()
    if key:
        text.append(f"[{key}] ", style="bold")
    text.append(info.title, style="bold")
    meta = " \u00b7 ".join(b for b in (info.audience, f"{info.minutes} min" if info.minutes is not None else "") if b)
    if meta:
        text.append(f"  {meta}", style="dim")
    if info.subtitle:
        text.append("\n" + info.subtitle)
    return text


def cards(lesson: Lesson, best: str | None = None) -> list[RenderableType]:
    """The end of a lesson: its quiz ("15 questions · best 9/15 · x") and the tutor ("t")."""
    from rich import box
    from rich.panel import Panel

    found = []
    questions = len(lesson.quiz.questions) if lesson.quiz is not None else 0
    if questions:
        line = Text(f"{questions} question{'s' if questions != 1 else ''}")
        line.append(f" \u00b7 best {best}" if best else " \u00b7 not taken yet", style="dim")
        line.append(" \u00b7 ")
        line.append("x", style="bold reverse")
        found.append(Panel(line, title=Text("Quiz: check what stuck", style="bold"), title_align="left",
                           box=box.ROUNDED, expand=False, padding=(0, 1)))
    line = Text("Ask about this lesson, answered from its own text \u00b7 ")
    line.append("t", style="bold reverse")
    found.append(Panel(line, title=Text("Tutor", style="bold"), title_align="left", box=box.ROUNDED,
                       expand=False, padding=(0, 1)))
    return found


def parts(lesson: Lesson, course: Course | None, width: int, with_header: bool = True,
          best: str | None = None, keys: bool = True) -> Iterator[tuple[Anchor, RenderableType]]:
    """Every piece of the lesson in reading order, each with the anchor it starts;
    ``best``: the learner's best quiz score, for the quiz card; ``keys``: the quiz and tutor
    cards, which name the reader's keys (``cat`` prints none: no key works on paper)."""
    blank = Text("")

    if with_header:
        yield Anchor("header"), header(lesson, course)
        yield Anchor("header"), blank
    if not lesson.intro and not lesson.sections:  # an empty file: a blank page looked like a fault
        yield Anchor("intro", 0), Text("This lesson has no text yet.", style="italic")
        yield Anchor("intro", 0), blank
    for number, item in enumerate(lesson.intro):
        yield Anchor("intro", 0, item.line), render_blocks.block(item, width, keys)
        yield Anchor("intro", 0, item.line), blank
    for section in lesson.sections:
        yield Anchor("section-title", section.number, section.line), section_title(section.number, section.title)
        yield Anchor("section-title", section.number, section.line), blank
        for item in section.blocks:
            if isinstance(item, Heading):
                heading = Text(item.plain(), style="bold")
                yield Anchor("block", section.number, item.line), heading
            else:
                yield Anchor("block", section.number, item.line), render_blocks.block(item, width, keys)
            yield Anchor("block", section.number, item.line), blank
    last = lesson.sections[-1].number if lesson.sections else 0
    if lesson.terms:
        yield Anchor("terms", last), Text("Key terms", style="bold underline")
        for term, definition in lesson.terms.items():
            entry = Text()
            entry.append(term, style="bold")
            entry.append(": " + definition)
            yield Anchor("terms", last), entry
        yield Anchor("terms", last), blank
    if lesson.big_idea:
        yield Anchor("big-idea", last), Text("The big idea", style="bold underline")
        yield Anchor("big-idea", last), Text(lesson.big_idea, style="italic")
        yield Anchor("big-idea", last), blank
    if keys and (lesson.sections or lesson.intro):
        for card in cards(lesson, best):
            yield Anchor("cards", last), card
            yield Anchor("cards", last), blank
    related = related_infos(lesson, course)
    if related:
        yield Anchor("related", last), Text("Keep going", style="bold underline")
        for number, info in enumerate(related, 1):
            yield Anchor("related", last), related_entry(info)
            yield Anchor("related", last), blank


@dataclass(eq=False)
class Rendered:
    """A lesson rendered at one width: its lines and where each anchor starts."""

    width: int
    lines: list[list[Segment]] = field(default_factory=list)
    anchors: list[tuple[int, Anchor]] = field(default_factory=list)  # (first line, anchor)

    def section_start(self, number: int) -> int | None:
        for line, anchor in self.anchors:
            if anchor.section == number and anchor.kind in ("section-title", "intro"):
                return line
        return None

    def section_lines(self) -> dict[int, tuple[int, int]]:
        """Each section's rendered lines, first and last (0: the introduction), the lesson's
        closing parts (key terms, cards, related lessons) left out."""
        found: dict[int, tuple[int, int]] = {}
        starts = self.anchors + [(len(self.lines), Anchor("end"))]
        for (start, anchor), (after, _) in zip(starts, starts[1:]):
            if anchor.kind in ("intro", "section-title", "block") and after > start:
                first = found.get(anchor.section, (start, start))[0]
                found[anchor.section] = (first, after - 1)
        return found

    def kind_start(self, kind: str) -> int | None:
        """The first line of the lesson's closing part of that kind ("terms": its key terms)."""
        return next((line for line, anchor in self.anchors if anchor.kind == kind), None)

    def _shown_by(self, line: int):
        """The anchors of the blocks that start at or before rendered line ``line``."""
        for start, anchor in self.anchors:
            if start > line:
                return
            yield anchor

    def section_at(self, line: int) -> int:
        """The section shown at rendered line ``line`` (0 for the introduction)."""
        return next((a.section for a in reversed(list(self._shown_by(line)))), 0)

    def line_of_source(self, source_line: int) -> int:
        """The first rendered line of the block at (or just before) a line of the file."""
        best = 0
        for start, anchor in self.anchors:
            if anchor.source_line and anchor.source_line <= source_line:
                best = start
        return best

    def source_at(self, line: int) -> int:
        """The source line of the block shown at rendered line ``line``."""
        return next((a.source_line for a in reversed(list(self._shown_by(line))) if a.source_line), 0)


