"""A lesson's problems as blocks: what wraps of a message or its hint stays indented
under it, so each problem reads as one block however narrow the screen."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import StyleType
from rich.text import Text

from alignlearn.course import Problem

HINT = "hint: "


class Hanging:
    """``text`` starting ``first`` cells in, its wrapped lines ``rest`` cells in."""

    def __init__(self, text: Text, first: int, rest: int) -> None:
        self.text = text
        self.first = first
        self.rest = rest

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        # Wrapped at the narrower width, so the first line is never longer than the rest
        # could be: the block keeps a straight right edge.
        inner = max(1, width - max(self.first, self.rest))
        for number, line in enumerate(self.text.wrap(console, inner, overflow="fold")):
            indent = min(self.first if number == 0 else self.rest, max(0, width - 1))
            line.rstrip()
            yield Segment(" " * indent)
            yield from line.render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def problem_block(problem: Problem, style: StyleType = "") -> Group:
    """FILE:LINE:COL: SEVERITY: MESSAGE, then its hint, each wrapped under itself."""
    # Problem's own first line (never markup: it quotes the author's file).
    head = Text(str(problem).split("\n", 1)[0], style=style, end="")
    parts = [Hanging(head, 0, 2)]
    if problem.hint:
        parts.append(Hanging(Text(HINT + problem.hint, style=style, end=""), 2, 2 + len(HINT)))
    return Group(*parts)
