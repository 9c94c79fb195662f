"""How wide a table is when drawn, for ``check``'s warning about tables wider than a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.measure import Measurement

from alignlearn.course.body import Table
from alignlearn.render.blocks import table as draw


def table_width(table: Table) -> int:
    """How many columns the table takes when drawn with room to spare."""
    console = Console(width=10_000, color_system=None, force_terminal=False, file=_Nowhere())
    return Measurement.get(console, console.options, draw(table, 10_000)).maximum


class _Nowhere:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass
