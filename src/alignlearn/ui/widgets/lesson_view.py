"""The lesson itself: pre-rendered Rich lines, painted a screenful at a time.

Textual's Markdown widget mounts a widget per block, which takes seconds and hundreds
of MiB on a long lesson. Here the lesson is rendered once per width, in a worker
thread, to plain lines (``alignlearn.render.stream``), and ``render_line`` paints
only the lines in view. A re-render (new width, the whole lesson after its sketch)
keeps the learner at the same place in the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import on, work
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from alignlearn.course import Course, Lesson, Problem
from alignlearn.ui.widgets.moving_keys import moving_keys
from alignlearn.render.stream import Page, Sketch, console_for, sketch_page, stream_highlighted

MAX_WIDTH = 100  # longer lines are hard to read; wider terminals get a margin
# The left margin is drawn in each line, in the text's own style, not by CSS padding:
# then most lines go to the terminal as one run of text, and a page down over SSH
# sends about 15% fewer bytes (benchmarks/bench_bandwidth.py). With no padding the
# text stays 76 columns wide at 80, the scrollbar in the last column.
MARGIN = 3
GAP_MARK = [Segment("\u22ef", Style(dim=True))]
MARGIN_SEGMENT = Segment(" " * MARGIN)


@dataclass
class Where:
    """A place to show once it is rendered: a section, a line of the lesson file, or a
    closing part of the lesson by its anchor kind ("terms": the key terms)."""

    section: int | None = None
    source_line: int | None = None
    offset: int = 0  # lines below the start of ``source_line``'s block (a reload keeps the view there)
    kind: str | None = None


class LessonView(ScrollView, can_focus=True):
    """Shows one lesson (or why it could not be opened) and tracks the section in view."""

    HELP_GROUP = "Scrolling the lesson"
    BINDINGS = moving_keys(
        "lesson", ("scroll_down", "scroll_up", "page_down", "page_up", "scroll_home", "scroll_end"),
        ("Scroll down", "Scroll up", "Page down", "Page up", "Top of the lesson", "End of the lesson"),
        more_keys={"page_down": "space"})

    section: var[int] = var(0)
    """The section at the top of the view (0: the introduction)."""

    @dataclass
    class SectionChanged(Message):
        """The section in view changed, by scrolling or by a jump."""

        view: "LessonView"
        section: int
        control = property(lambda self: self.view)

    @dataclass
    class PageShown(Message):
        """New lines are on screen: the first of a lesson, more of it, or all of it."""

        view: "LessonView"
        complete: bool
        control = property(lambda self: self.view)

    class _Rendered(Message, bubble=False):
        def __init__(self, page: Page, generation: int) -> None:
            super().__init__()
            self.page = page
            self.generation = generation

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.course: Course | None = None
        self.lesson: Lesson | None = None
        self.page: Page | None = None
        self._sketch: Sketch | None = None
        self._problems: tuple[str, str, list[Problem]] | None = None  # shown instead of a lesson
        self._generation = 0
        self._wanted: Where | None = None
        self._pinned: tuple[int, int] | None = None  # (section, scroll_y) set by a jump
        self._paint: tuple[Style, int] | None = None
        self._strips: dict[int, tuple[tuple, Strip]] = {}  # painted lines, by line number
        self.best: str | None = None  # the learner's best quiz score, shown on the quiz card

    # --- what to show ----------------------------------------------------------

    def show_lesson(self, lesson: Lesson, course: Course | None, where: Where | None = None) -> None:
        """Show ``lesson`` (rendered in a worker); ``where`` to open at a place."""
        if lesson is self.lesson and self.page is not None:
            if where is not None:
                self._wanted = where
                self._go(where, self.page)
            return
        same = self.lesson is not None and self.lesson.id == lesson.id
        if not same and self._sketch is None:
            self._clear()
        if where is not None:
            self._wanted = where
        self.lesson, self.course, self._sketch = lesson, course, None
        self._start_render()

    def show_best(self, best: str | None) -> None:
        """Show ``best`` on the quiz card at the end of the lesson (drawn again, in place)."""
        if best != self.best:
            self.best = best
            if self.lesson is not None or self._sketch is not None:
                self._start_render()

    def show_sketch(self, draft: Sketch, course: Course | None) -> None:
        """Show the head and tail of a long lesson while the whole of it loads."""
        self._clear()
        self.lesson, self.course, self._sketch = None, course, draft
        self._start_render()

    def show_problems(self, title: str, problems: list[Problem],
                      message: str = "This lesson could not be opened. Its author can fix it:") -> None:
        """Show why a lesson could not be opened: each problem as FILE:LINE:COL."""
        self._clear()
        self.lesson = None
        self._problems = (title, message, problems)
        self._start_render()

    def _problems_page(self, width: int) -> Page:
        from rich.console import Group
        from rich.text import Text

        from alignlearn.render.problems import problem_block

        title, text, problems = self._problems or ("", "", [])
        console = console_for(width)
        message = Text(end="")
        message.append(title, style="bold")
        message.append("\n\n" + text + "\n\n")
        blocks = [problem_block(problem, "bold red" if problem.is_error else "yellow") for problem in problems]
        lines = console.render_lines(Group(message, *blocks), console.options.update_width(width), pad=False)
        return Page(width, lines, [], complete=True)

    def _clear(self) -> None:
        self._generation += 1
        self.page = None
        self._problems = None
        self._strips.clear()
        self._pinned = None
        self._wanted = None
        self.workers.cancel_group(self, "render")
        self.virtual_size = Size(0, 0)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.section = 0
        self.refresh()

    # --- rendering ---------------------------------------------------------------

    def _width(self) -> int:
        return min(self.scrollable_content_region.width - MARGIN, MAX_WIDTH)

    def _start_render(self) -> None:
        width = self._width()
        if width <= 0:
            return  # rendered on the first resize
        if self._problems is not None:
            self._take(self._problems_page(width))  # a few lines: no need for a thread
            return
        if self.lesson is None and self._sketch is None:
            return
        self._generation += 1
        self._render(self.lesson, self._sketch, self.course, width, max(self.size.height * 2, 40),
                     self._generation, self.best)

    @work(thread=True, exclusive=True, group="render", description="render a lesson")  # no repr of the lesson
    def _render(self, lesson: Lesson | None, draft: Sketch | None, course: Course | None,
                width: int, screen: int, generation: int, best: str | None) -> None:
        worker = get_current_worker()
        console = console_for(width, no_color=self.app.no_color)  # NO_COLOR: code not highlighted
        if draft is not None:
            self.post_message(self._Rendered(sketch_page(draft, course, width, console, screen=screen, best=best),
                                             generation))
            return
        assert lesson is not None
        for page in stream_highlighted(lesson, course, width, screen=screen, best=best, console=console):
            if worker.is_cancelled:
                return
            self.post_message(self._Rendered(page, generation))

    def on_resize(self) -> None:
        width = self._width()
        if self.page is None or self.page.width != width:
            self._start_render()

    @on(_Rendered)
    def _rendered(self, message: _Rendered) -> None:
        if message.generation == self._generation:
            self._take(message.page)

    def _take(self, page: Page) -> None:
        """Show ``page`` in place of the current one, keeping the text in view where it was."""
        old, top = self.page, round(self.scroll_y)
        at_end = old is not None and 0 < top >= self.max_scroll_y
        anchor = old.source_at(top) if old is not None and not old.in_gap(top) else 0
        if (old is not None and self._wanted is None and not page.complete and anchor
                and old.covers(anchor) and not page.covers(anchor)):
            return  # this one has not reached the place in view yet: keep showing it
        if (old is not None and old.complete and self._wanted is not None and not page.complete
                and not self._covers(self._wanted, page)):
            return  # a new version of the lesson (a reload) that has not reached the place wanted yet
        self.page = page
        self._strips.clear()
        self.virtual_size = Size(MARGIN + min(page.width, self._width() or page.width), len(page.lines))
        if self._wanted is not None:
            self._go(self._wanted, page)
        elif at_end:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        elif anchor:
            offset = top - old.line_of_source(anchor)
            line = page.line_of_source(anchor)
            if page.source_at(line) == anchor:
                self.scroll_to(y=line + offset, animate=False, immediate=True)
        self.refresh()
        self._update_section()
        self.post_message(self.PageShown(self, page.complete))

    @staticmethod
    def _covers(where: Where, page: Page) -> bool:
        if where.kind is not None:
            return page.kind_start(where.kind) is not None or page.complete
        if where.section is not None:
            return page.section_start(where.section) is not None or where.section == 0 or page.complete
        return page.covers(where.source_line or 0) or page.complete  # complete: as near as this lesson gets

    def _go(self, where: Where, page: Page) -> None:
        if where.kind is not None:
            line = page.kind_start(where.kind)
        elif where.section is not None:
            line = page.section_start(where.section)
        else:
            line = page.line_of_source(where.source_line or 0) + where.offset
        covered = self._covers(where, page)
        if line is None:
            line = 0
        # force: the first page after a cleared view comes before the layout that shows
        # the scroll bar, and without it Textual ignores the scroll (the place was lost).
        self.scroll_to(y=line, animate=False, immediate=True, force=True)
        if covered:
            self._wanted = None
            if where.section is not None:
                self._pin(where.section)

    # --- painting ----------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._paint = (self.rich_style, self.scrollable_content_region.width)  # once per paint, not per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        style, width = self._paint or (self.rich_style, self.scrollable_content_region.width)
        page = self.page
        if page is None or index >= len(page.lines):
            return Strip.blank(width, style)
        cached = self._strips.get(index)
        if cached is not None and cached[0] == (scroll_x, width, style):
            return cached[1]
        segments = page.lines[index]
        if not segments and page.in_gap(index) and index == page.gap_start:
            segments = GAP_MARK
        strip = Strip([MARGIN_SEGMENT, *segments]).crop_extend(scroll_x, scroll_x + width, style)
        strip = strip.apply_style(style).simplify()  # one run per style: fewer bytes to send
        if len(self._strips) > 512:
            self._strips.clear()
        self._strips[index] = ((scroll_x, width, style), strip)
        return strip

    # --- where the learner is ----------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._update_section()

    def sections_in_view(self) -> list[int]:
        """The sections shown on screen now, top to bottom (0: the introduction)."""
        if self.page is None:
            return []
        top = round(self.scroll_y)
        bottom = top + max(self.size.height, 1)
        shown = [self.page.section_at(top), *(anchor.section for start, anchor in self.page.anchors if top < start < bottom)]
        return list(dict.fromkeys(shown))

    def _update_section(self) -> None:
        if self.page is None:
            return
        top = round(self.scroll_y)
        if self._pinned is not None and self._pinned[1] == top:
            self.section = self._pinned[0]
            return
        self._pinned = None
        self.section = self.page.section_at(top)

    def watch_section(self, section: int) -> None:
        self.post_message(self.SectionChanged(self, section))

    def _pin(self, section: int) -> None:
        """Count ``section`` as the one being read, even when the end of the lesson
        stops it from reaching the top of the view."""
        self._pinned = (section, round(self.scroll_y))
        self.section = section

    @property
    def source_line(self) -> int:
        """The line of the lesson file shown at the top of the view."""
        return self.page.source_at(round(self.scroll_y)) if self.page else 0

    @property
    def sections(self) -> int:
        return len(self.lesson.sections) if self.lesson else 0

    def go_to_section(self, number: int) -> bool:
        """Scroll so section ``number`` starts at the top; False if it is not there."""
        if self.page is None:
            return False
        line = self.page.section_start(number)
        if line is None:
            if number == 0:
                line = 0
            elif not self.page.complete and self.lesson and 0 < number <= self.sections:
                self._wanted = Where(section=number)
                return True
            else:
                return False
        self.scroll_to(y=line, animate=False, immediate=True, force=True)  # force: see _go
        self._pin(number)
        return True

    def go_to_source_line(self, source_line: int) -> None:
        """Scroll to the block at (or just before) ``source_line`` of the lesson file."""
        if self.page is None or not self.page.covers(source_line):
            self._wanted = Where(source_line=source_line)
        if self.page is not None:
            self.scroll_to(y=self.page.line_of_source(source_line), animate=False, immediate=True, force=True)

    # --- keys: scrolling is never animated ---------------------------------------

    def action_scroll_down(self) -> None:
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)
