"""A lesson's problems as blocks: what wraps of a message or its hint stays indented
under it, so each problem reads as one block however narrow the screen."""

from __future__ import annotations

from pathlib import Path

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


def left_out(course, detail: bool = True) -> str | None:
    """What to tell a learner of the lessons the course could not list (bad front matter,
    a SUMMARY.md link to no file), which are left out of it: else they see "Lesson 1 of 1"
    and wonder. A lesson listed with errors (a folder's YAML front matter with a bad key)
    is said to have them, not to be left out. The first problem's message too with
    ``detail``. None when there are none, or when the course has no lessons at all (its
    problems are listed on the page itself then)."""
    errors = [problem for problem in course.problems if problem.is_error]
    if not errors or not course.lessons:
        return None
    # A lesson left out is what the learner misses; course.toml's "order names unknown
    # lesson" about it is the same fault, so lesson files are counted when there are any.
    lessons = [p for p in errors if Path(p.file).name not in ("course.toml", "book.toml", "SUMMARY.md")]
    listed = {Path(info.file) for info in course.lessons}
    missing = [p for p in lessons if Path(p.file) not in listed]
    picked = missing or lessons or errors
    first, files = picked[0], {p.file for p in picked}
    many = len(files) != 1
    if missing:
        said = (f"{len(files)} lesson file{'s' if many else ''} could not be read and "
                f"{'are' if many else 'is'} left out")
    elif lessons:
        said = f"{len(files)} lesson file{'s' if many else ''} {'have' if many else 'has'} errors"
    else:
        said = "This course's own files have errors"
    where = f"{Path(first.file).name} line {first.line}" + (f": {first.message}" if detail else "")
    return (f"{said}: {where}. "
            f"alignlearn check {course.root} lists every problem.")
