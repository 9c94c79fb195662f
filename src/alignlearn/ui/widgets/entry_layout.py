"""Where each entry of an ``EntryList`` goes, its lines made only when they are needed.

Wrapping every entry of a long list (the map of a lesson of 15,000 sections) took most
of a second before the first of them could be painted (issue 15). Here every entry
first gets a height guessed from its length (exact for a title that fits its line,
which is most), and an entry's lines are made, a chunk of entries at a time, when the
list paints it or moves its cursor to it. Making them may correct the guess: the
entries after it move, and the list keeps what was at its top in place (``EntryList``).
"""

from __future__ import annotations

from itertools import accumulate
from typing import TYPE_CHECKING

from rich.console import Console
from rich.segment import Segment
from rich.text import Text

if TYPE_CHECKING:
    from alignlearn.ui.widgets.entry_list import Entry

CHUNK = 64  # entries whose lines are made together
EAGER = 4 * CHUNK  # a list this short is laid out whole at once: every height exact from the start


class EntryLayout:
    """The lines of ``entries`` at ``width``: each entry's height and first line (``starts``),
    its ``lines`` made a chunk at a time (``ensure``)."""

    def __init__(self, entries: list[Entry], width: int) -> None:
        self.entries = entries
        self.width = width
        self.console = Console(width=width, color_system=None, force_terminal=False, markup=False, emoji=False)
        self.heights = [_guess(entry, width) for entry in entries]
        self.starts = list(accumulate(self.heights, initial=0))
        self.total = self.starts.pop()
        self._laid = bytearray(-(-len(entries) // CHUNK))
        self.made = 0  # entries whose lines were made, for tests of how lazy this is
        if len(entries) <= EAGER:
            self.ensure(0, len(entries) - 1)

    def is_laid(self, first: int, last: int) -> bool:
        first, last = max(0, first), min(len(self.entries) - 1, last)
        return first > last or all(self._laid[first // CHUNK:last // CHUNK + 1])

    def ensure(self, first: int, last: int) -> bool:
        """Make the lines of entries ``first`` to ``last`` (and the rest of their chunks);
        whether any height changed (then ``starts`` and ``total`` have too)."""
        first, last = max(0, first), min(len(self.entries) - 1, last)
        moved = -1  # the first entry whose height changed
        for chunk in range(first // CHUNK, last // CHUNK + 1) if first <= last else ():
            if self._laid[chunk]:
                continue
            self._laid[chunk] = 1
            for index in range(chunk * CHUNK, min(len(self.entries), (chunk + 1) * CHUNK)):
                entry = self.entries[index]
                entry.lines = wrap(self.console, entry, self.width)
                self.made += 1
                if len(entry.lines) != self.heights[index]:
                    self.heights[index] = len(entry.lines)
                    moved = index if moved < 0 else moved
        if moved < 0:
            return False
        self.starts[moved:] = accumulate(self.heights[moved:-1], initial=self.starts[moved])
        self.total = self.starts[-1] + self.heights[-1]
        return True

    def forget(self, index: int) -> None:
        """Make the lines of entry ``index`` again when next needed (it has changed)."""
        if 0 <= index < len(self.entries):
            self._laid[index // CHUNK] = 0


def _guess(entry: Entry, width: int) -> int:
    """An entry's height before its lines are made: exact for a title that fits its line."""
    room = max(4, width - len(entry.left) - (len(entry.right) + 1 if entry.right else 0))
    lines = max(1, -(-(len(entry.title) + len(entry.note)) // room))
    return min(lines, entry.most_lines) if entry.most_lines else lines


def wrap(console: Console, entry: Entry, width: int) -> list[list[Segment]]:
    """``left``, the title wrapped beside it with a hanging indent, and ``right`` on the first line."""
    indent = len(entry.left)
    right = len(entry.right)
    title = Text(entry.title, end="")
    if entry.note:
        title.append(entry.note, style="dim")
    room = max(4, width - indent - (right + 1 if right else 0))
    # Most titles fit on one line: wrapping them all was most of opening the map of a
    # lesson of thousands of sections (issue 15), and a line that fits wraps to itself.
    plain = title.plain
    fits = title.cell_len <= room and "\n" not in plain and "\t" not in plain and not plain[-1:].isspace()
    out = []
    for number, line in enumerate([title] if fits else _cut(title.wrap(console, room), room, entry.most_lines)):
        prefix = entry.left if number == 0 else " " * indent
        segments = [Segment(prefix), *line.render(console)]
        if number == 0 and right:
            segments.append(Segment(" " * (room - line.cell_len + 1)))
            segments.append(Segment(entry.right))
        out.append(segments)
    return out


def _cut(lines: list[Text], room: int, most: int) -> list[Text]:
    """The wrapped lines, at most ``most`` of them (0: all), the last of those ending in "…"
    if any were left out."""
    if not lines:
        return [Text("")]
    if not most or len(lines) <= most:
        return list(lines)
    last = lines[most - 1].copy()
    last.rstrip()
    last.truncate(room - 1)
    while last.plain.endswith((" ", "\u00b7")):  # no note's dot left hanging before the "…"
        last.right_crop(1)
    last.append("\u2026")
    return [*lines[:most - 1], last]
