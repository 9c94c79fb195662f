"""Lists drawn as a marker column beside their items, without nesting Rich tables.

A list used to be a ``Table.grid`` per level, and Rich measures a table inside a
table again at each step of its layout: nested lists took time exponential in their
depth. ``ListView`` lays out the same two columns itself, so each item is measured
once per width (remembered) and rendered once: the work is linear in the lesson.
The lines are the grid's own, segment for segment, for any list whose marker column
fits the width; past that (a width narrower than the markers) the markers are cut.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text


class ListView:
    """A marker column (right-aligned, then one space) and a column of item contents."""

    def __init__(self, markers: list[str], cells: list[RenderableType]):
        self.markers = markers
        self.cells = [Padding(cell, 0) for cell in cells]  # as the grid wrapped each cell
        self.marker_width = max((len(m) for m in markers), default=1)
        self._measures: dict[int, Measurement] = {}

    def _content(self, console: Console, options: ConsoleOptions, width: int) -> Measurement:
        """The content column's measure at ``width``, as the grid's column measure was."""
        if width < 1:
            return Measurement(0, 0)
        found = [Measurement.get(console, options.update_width(width), cell) for cell in self.cells]
        if not found:
            return Measurement(1, width)
        return Measurement(max(m.minimum for m in found), max(m.maximum for m in found)).with_maximum(width)

    def _widths(self, console: Console, options: ConsoleOptions, width: int) -> tuple[int, int]:
        """The marker column (with its space) and the content column, at ``width``."""
        marker = min(self.marker_width + 1, width)
        content = self._content(console, options, width).maximum or 1
        if marker + content > width:
            content = self._content(console, options, max(width - marker, 0)).maximum
        return marker, content

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = options.max_width
        known = self._measures.get(width)
        if known is not None:
            return known
        if width < 0:
            return Measurement(0, 0)
        total = sum(self._widths(console, options, width))
        marker = min(self.marker_width + 1, total)
        content = self._content(console, options, total)
        measure = Measurement(marker + content.minimum, marker + content.maximum)
        self._measures[width] = measure  # a width is asked for again and again, deeper down
        return measure

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        marker_width, content_width = self._widths(console, options, options.max_width)
        plain = Style.null()
        marker_options = options.update(width=marker_width, justify="right", no_wrap=False,
                                        overflow="ellipsis", height=None, highlight=False)
        content_options = marker_options.update(width=content_width, justify="left")
        new_line = Segment.line()
        for marker, cell in zip(self.markers, self.cells):
            left = console.render_lines(_Gap(Text(marker, style="bold")), marker_options, style=plain)
            right = console.render_lines(cell, content_options, style=plain) if content_width else [[]]
            height = max(len(left), len(right))
            left = Segment.set_shape(Segment.align_top(left, marker_width, height, plain), marker_width, height)
            right = Segment.set_shape(Segment.align_top(right, content_width, height, plain), content_width, height)
            for one, two in zip(left, right):
                yield from one
                yield from two
                yield new_line


class _Gap:
    """The marker and the space after it, as the grid's padded cell drew them."""

    def __init__(self, marker: Text):
        self.marker = marker

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Padding(self.marker, (0, 1, 0, 0)) if options.max_width > 1 else self.marker
