"""A lesson rendered a piece at a time, so the first screen shows before the rest.

The reader renders in a worker thread. ``stream()`` yields ``Page`` snapshots as the
work goes on: the first screen comes at once, then (for a long lesson) the last
sections, so ``end`` has something to show, then the middle in batches. ``sketch()``
reads only the head and the tail of a very long lesson file, so they can be shown
while markdown-it is still parsing the whole of it. Plain Rich; no Textual.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

from rich.console import Console, RenderableType
from rich.segment import Segment

from alignlearn.course.catalog import Course
from alignlearn.course.lesson import Lesson, parse_sections, read_info
from alignlearn.course.problems import LessonError, Problems
from alignlearn.course.source import read_text, sanitise
from alignlearn.render.lesson import Anchor, Rendered, parts

GAP_LINE: list[Segment] = []  # a line not rendered yet
LONG_LESSON = 1500  # source lines past which the last sections are rendered early
SKETCH_LINES = 2000  # body lines past which a lesson file is sketched before it is parsed


@dataclass
class Page(Rendered):
    """A lesson rendered at one width, perhaps still in progress.

    Lines ``gap_start`` to ``gap_start + gap`` stand for the part not rendered yet
    (an estimate of its height); the lines after the gap are the end of the lesson.
    """

    gap_start: int = 0
    gap: int = 0
    complete: bool = True
    rendered_to: int = 0  # the source line up to which the lines before the gap go
    tail_from: int = 0  # the first source line of the lines after the gap (0: none)

    def covers(self, source_line: int) -> bool:
        """Whether the block at ``source_line`` is rendered (not in the gap)."""
        if self.complete or source_line <= self.rendered_to:
            return True
        return bool(self.tail_from) and source_line >= self.tail_from

    def in_gap(self, line: int) -> bool:
        return self.gap_start <= line < self.gap_start + self.gap


def console_for(width: int, no_color: bool = False) -> Console:
    """The console lines are rendered with; ``no_color``: code is not highlighted."""
    return Console(width=width, color_system=None, force_terminal=False, markup=False,
                   highlight=False, emoji=False, no_color=no_color)


class _Lines:
    """Lines and anchors being rendered, in reading order."""

    def __init__(self, console: Console, width: int):
        self.console = console
        self.options = console.options.update_width(width)
        self.lines: list[list[Segment]] = []
        self.anchors: list[tuple[int, Anchor]] = []
        self.source = 0

    def add(self, anchor: Anchor, renderable: RenderableType) -> None:
        if not self.anchors or self.anchors[-1][1] != anchor:
            self.anchors.append((len(self.lines), anchor))
        if anchor.source_line:
            self.source = max(self.source, anchor.source_line)
        self.lines.extend(self.console.render_lines(renderable, self.options, pad=False))

    def extend(self, pieces: Iterable[tuple[Anchor, RenderableType]]) -> "_Lines":
        for anchor, renderable in pieces:
            self.add(anchor, renderable)
        return self


def _join(width: int, head: _Lines, tail: _Lines | None, gap: int, complete: bool) -> Page:
    lines = head.lines + [GAP_LINE] * gap
    anchors = list(head.anchors)
    tail_from = 0
    if tail is not None:
        base = len(lines)
        lines += tail.lines
        anchors += [(base + start, anchor) for start, anchor in tail.anchors]
        tail_from = next((a.source_line for _, a in tail.anchors if a.source_line), 0)
    return Page(width, lines, anchors, gap_start=len(head.lines), gap=gap, complete=complete,
                rendered_to=head.source, tail_from=tail_from)


def _last_line(lesson: Lesson) -> int:
    blocks = lesson.sections[-1].blocks if lesson.sections else lesson.intro
    if blocks:
        return blocks[-1].line
    return lesson.sections[-1].line if lesson.sections else 0


def _estimate(head: _Lines, first_source: int, upto: int) -> int:
    """Lines the source from ``head.source`` to ``upto`` will take, at the rate so far."""
    done = max(1, head.source - first_source)
    return max(0, round((upto - head.source) * len(head.lines) / done))


def _tail_start(lesson: Lesson, screen: int) -> int | None:
    """Index of the first of the last sections worth rendering early, or None."""
    sections = lesson.sections
    if len(sections) < 3 or _last_line(lesson) - sections[0].line < LONG_LESSON:
        return None
    end = _last_line(lesson)
    for index in range(len(sections) - 1, 0, -1):
        if end - sections[index].line >= 2 * screen:
            return index
    return None


def tail_lesson(lesson: Lesson, index: int) -> Lesson:
    """The lesson from section ``index`` (0-based) on: those sections and the closing parts."""
    return Lesson(lesson.info, [], lesson.sections[index:])


def stream(lesson: Lesson, course: Course | None, width: int, *, screen: int = 60,
           every: float = 0.15, console: Console | None = None,
           with_header: bool = False, best: str | None = None) -> Iterator[Page]:
    """Pages of ``lesson`` at ``width``: the first screen, the end, then more every ``every`` s.

    The last page yielded is complete. ``best``: the learner's best score, for the quiz card.
    """
    console = console or console_for(width)
    head = _Lines(console, width)
    tail: _Lines | None = None
    split = _tail_start(lesson, screen)
    stop = lesson.sections[split].line if split is not None else None
    upto = stop or _last_line(lesson)
    first_source = lesson.intro[0].line if lesson.intro else (lesson.sections[0].line if lesson.sections else 0)
    shown, last = False, 0.0
    for anchor, renderable in parts(lesson, course, width, with_header, best):
        if stop is not None and anchor.kind == "section-title" and anchor.source_line == stop:
            break
        head.add(anchor, renderable)
        if not shown and len(head.lines) >= screen:
            shown = True
            if split is not None:
                yield _join(width, head, None, _estimate(head, first_source, upto), False)
                tail = _Lines(console, width).extend(parts(tail_lesson(lesson, split), course, width, False, best))
            yield _join(width, head, tail, _estimate(head, first_source, upto), False)
            last = time.monotonic()
        elif shown and time.monotonic() - last >= every:
            yield _join(width, head, tail, _estimate(head, first_source, upto), False)
            last = time.monotonic()
    if split is not None and tail is None:
        tail = _Lines(console, width).extend(parts(tail_lesson(lesson, split), course, width, False, best))
    yield _join(width, head, tail, 0, True)


def stream_highlighted(lesson: Lesson, course: Course | None, width: int, *, console: Console,
                       **options) -> Iterator[Page]:
    """``stream()``, the first screen first: when the lesson's code needs lexers not loaded
    yet, a first page with that code plain, then the lexers are loaded and the lesson is
    streamed again in colour (``render.code``)."""
    from alignlearn.render import code

    missing: set[str] = set()
    if code.HIGHLIGHT and not console.no_color:
        missing = code.missing_lexers(code.code_languages([*lesson.intro, *(b for s in lesson.sections
                                                                           for b in s.blocks)]))
    if missing:
        with code.loaded_lexers_only():
            pages = stream(lesson, course, width, console=console, **options)
            first = next(pages, None)
            pages.close()
        if first is not None:
            yield replace(first, complete=False)  # the coloured pages follow
        code.load_lexers(missing)
    yield from stream(lesson, course, width, console=console, **options)


# --- sketching a long file before it is parsed ----------------------------------

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def section_cuts(rows: list[str], blank: bool = False) -> list[int]:
    """Indices of the rows that start a section: ``## `` at column 0, outside code fences
    (with ``blank``: the blank rows outside code fences instead)."""
    cuts: list[int] = []
    fence = ""
    for number, row in enumerate(rows):
        match = _FENCE.match(row)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not row[match.end():].strip():
                fence = ""
        elif match:
            fence = match.group(1)
        elif (not row.strip()) if blank else (row.startswith("## ") or row.rstrip() == "##"):
            cuts.append(number)
    return cuts


@dataclass
class Sketch:
    """The head and the tail of a long lesson, parsed without the middle."""

    head: Lesson  # the introduction and first sections, without the closing parts
    tail: Lesson  # the last sections and the closing parts (key terms, big idea, related)
    middle: int  # source lines between the two


def sketch(file: Path | str, *, head_rows: int = 60, tail_rows: int = 80) -> Sketch | None:
    """The head and tail of the lesson in ``file``, or None when it is short or unreadable.

    Section numbers in the tail are counted from ``## `` lines, which is right for
    every lesson but one that also uses setext (underlined) section headings; the
    whole lesson, parsed properly, replaces the sketch a moment later anyway.
    """
    file = Path(file)
    problems = Problems(file)
    try:
        text = sanitise(read_text(file, problems), problems)
        info, body, body_line = read_info(file, problems, text)
    except LessonError:
        return None
    rows = body.split("\n")
    if len(rows) < SKETCH_LINES:
        return None
    cuts = section_cuts(rows)
    if not cuts:  # one long introduction (issue 15): its first screenful, cut at a blank line
        head_end = next((cut for cut in section_cuts(rows, blank=True) if cut >= head_rows), None)
        if head_end is None:
            return None
        intro, _ = parse_sections("\n".join(rows[:head_end]), body_line)
        bare = replace(info, terms={}, big_idea="", related=[])
        return Sketch(Lesson(bare, intro, []), Lesson(info, [], []), len(rows) - head_end)
    head_end = next((cut for cut in cuts if cut >= head_rows), None)
    tail_start = next((cut for cut in reversed(cuts) if cut <= len(rows) - tail_rows), None)
    if head_end is None or tail_start is None or tail_start <= head_end:
        return None
    intro, head_sections = parse_sections("\n".join(rows[:head_end]), body_line)
    _, tail_sections = parse_sections("\n".join(rows[tail_start:]), body_line + tail_start)
    before = sum(1 for cut in cuts if cut < tail_start)
    tail_sections = [replace(section, number=section.number + before) for section in tail_sections]
    bare = replace(info, terms={}, big_idea="", related=[])
    return Sketch(Lesson(bare, intro, head_sections), Lesson(info, [], tail_sections), tail_start - head_end)


def sketch_page(draft: Sketch, course: Course | None, width: int, console: Console | None = None,
                screen: int = 60, best: str | None = None) -> Page:
    """The sketch rendered: a screenful of its head, a gap as tall as the rest should be,
    and its tail."""
    from alignlearn.render.code import loaded_lexers_only

    with loaded_lexers_only():  # a first frame: no waiting for lexers (the whole lesson follows in colour)
        return _sketch_page(draft, course, width, console or console_for(width), screen, best)


def _sketch_page(draft: Sketch, course: Course | None, width: int, console: Console, screen: int,
                 best: str | None) -> Page:
    head = _Lines(console, width)
    for anchor, renderable in parts(draft.head, course, width, False):
        head.add(anchor, renderable)
        if len(head.lines) >= screen:
            break
    tail = _Lines(console, width).extend(parts(draft.tail, course, width, False, best))
    first = head.anchors[0][1].source_line if head.anchors else 0
    rate = len(head.lines) / max(1, head.source - first)
    middle = draft.tail.sections[0].line - head.source if draft.tail.sections else draft.middle
    return _join(width, head, tail, round(middle * rate), False)
