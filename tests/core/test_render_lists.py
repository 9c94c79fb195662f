"""Lists (issue 15): drawn in time linear in the lesson, and as the Rich grid drew them."""

from __future__ import annotations

import time

import pytest
from rich.console import Group
from rich.measure import Measurement
from rich.table import Table as RichTable
from rich.text import Text

from alignlearn.course.body import ListBlock
from alignlearn.course.markdown import parse_blocks
from alignlearn.render import blocks as render_blocks
from alignlearn.render.stream import console_for
from corpus_cases import CORPUS


def lines(renderable, width: int):
    console = console_for(width)
    return console.render_lines(renderable, console.options.update_width(width), pad=False)


def grid_block(item, width: int):
    """How lists were drawn before: a Rich grid per level (the reference for the look)."""
    if not isinstance(item, ListBlock):
        return render_blocks.block(item, width)
    grid = RichTable.grid(padding=(0, 1))
    markers = [f"{item.start + n}." if item.ordered else "\u2022" for n in range(len(item.items))]
    grid.add_column(width=max(len(m) for m in markers) if markers else 1, justify="right")
    grid.add_column()
    for marker, content in zip(markers, item.items):
        parts = [grid_block(sub, width - len(marker) - 1) for sub in content]
        grid.add_row(Text(marker, style="bold"), Group(*parts) if parts else Text(""))
    return grid


LISTS = [
    "- one\n- two words here\n- three",
    "1. First item with quite a lot of words so that it wraps around at the edge of a narrow terminal\n"
    "2. Second\n   - nested bullet that is also long enough to wrap at forty columns or so\n   - another\n\n"
    "     with a second paragraph\n10. tenth",
    "- a\n  1. b\n     > quote in a list\n     > more\n  2. c\n\n  ```\n  code in a list\n  ```",
    "98. **bold** and `code` and [a link](http://example.com)\n99. x\n100. y\n\n     | a | b |\n"
    "     |---|---|\n     | c | d |",
    "- # heading in a list\n- ---\n-\n- last " + "longword" * 12,
    "1. 1. 1. deep at once with words to wrap around the edge of the screen once or twice at least",
]


@pytest.mark.parametrize("width", [30, 40, 80, 120])
@pytest.mark.parametrize("markdown", LISTS)
def test_a_list_looks_as_the_grid_drew_it(markdown, width):
    for item in parse_blocks(markdown):
        assert lines(render_blocks.block(item, width), width) == lines(grid_block(item, width), width)


def test_the_hostile_nested_lesson_renders_in_well_under_a_second_of_work():
    """Twelve items each opening nine lists (tests/corpus/nested-lists.md): 16 to 65 s with a
    grid per level, each level three times the work of the one inside it."""
    text = (CORPUS / "nested-lists.md").read_text(encoding="utf-8").split("+++", 2)[2]
    measure, calls = Measurement.get.__func__, 0

    def counted(cls, console, options, renderable):
        nonlocal calls
        calls += 1
        return measure(cls, console, options, renderable)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Measurement, "get", classmethod(counted))
        started = time.process_time()
        for item in parse_blocks(text):
            lines(render_blocks.block(item, 80), 80)
        spent = time.process_time() - started
    assert calls < 12 * 1000  # 12 * 88,542 with the grid
    assert spent < 3.0


def test_each_level_adds_about_the_same_work():
    def work(depth: int) -> int:
        measure, calls = Measurement.get.__func__, 0

        def counted(cls, console, options, renderable):
            nonlocal calls
            calls += 1
            return measure(cls, console, options, renderable)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Measurement, "get", classmethod(counted))
            for item in parse_blocks("1. " * depth + "word " * 60):
                lines(render_blocks.block(item, 80), 80)
        return calls

    # Quadratic in the depth at most (each level is measured at a width per level above
    # it), and markdown-it stops lists at ten levels; the grid tripled the work per level.
    assert work(8) < 2 * work(6)
