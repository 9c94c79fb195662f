"""A list of entries to move through and choose from, fast at any length.

A line-API widget like the lesson view: each entry is wrapped once per width (a long
title wraps under itself, not under its number, with an optional right-hand column
on its first line), when it first comes into view (``entry_layout``), and only the
lines in view are painted, so a list of thousands of entries opens and scrolls as
fast as a short one (an ``OptionList`` of rich prompts
re-measures every option when one changes, and took ten seconds for 2,000 lessons).
Everything shown is built as ``Text``, never markup. The lesson map and the lesson
list are made of it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from alignlearn.ui.widgets.entry_layout import EntryLayout
from alignlearn.ui.widgets.moving_keys import moving_keys


@dataclass
class Entry:
    """A heading, a label, or something to choose (``kind`` "item")."""

    id: str
    left: str  # the number column ("3. "); the title wraps beside it
    title: str
    kind: str = "item"  # heading | label | item
    note: str = ""  # dim text after the title
    right: str = ""  # a column on the right of the first line (minutes, done)
    value: object = None  # what choosing it means, for whoever listens
    most_lines: int = 0  # a title longer than this many lines is cut, with "…" (0: never)
    lines: list[list[Segment]] = field(default_factory=list, repr=False)  # at the list's width

    @property
    def selectable(self) -> bool:
        return self.kind == "item"


class EntryList(ScrollView, can_focus=True):
    """Entries with a cursor; ``enter`` or a click chooses one."""

    BINDINGS = [
        *moving_keys("entries", ("move(1)", "move(-1)", "page(1)", "page(-1)", "first", "last"),
                     ("Next entry", "Previous entry", "A page down", "A page up", "First entry", "Last entry")),
        Binding("enter", "select", "Choose", id="entries.select", tooltip="Choose the highlighted entry"),
    ]
    COMPONENT_CLASSES = {"entry-list--heading", "entry-list--label", "entry-list--cursor", "entry-list--marked"}
    DEFAULT_CSS = """
    EntryList {
        overflow-x: hidden;
        & > .entry-list--heading { text-style: bold; }
        & > .entry-list--label { color: $text-muted; }
        & > .entry-list--marked { text-style: bold reverse; }
        & > .entry-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .entry-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    MARK = "\u25b6 "  # ▶ in the margin of a marked entry (the margin is the start of ``left``)
    KIND_STYLES = {"heading": "entry-list--heading", "label": "entry-list--label"}
    """The component class that styles each kind of entry; a subclass may add kinds (others: unstyled)."""

    cursor: var[int] = var(-1)
    """The index of the highlighted entry (-1: none)."""

    @dataclass
    class EntryChosen(Message):
        entry_list: "EntryList"
        entry: Entry
        control = property(lambda self: self.entry_list)

    def __init__(self, entries: list[Entry] | None = None, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[Entry] = entries or []
        # The layout: each entry's first line in ``_starts`` (``_lay.starts``) and its
        # ``lines`` once in view, made together at ``_width`` for these entries. Entries that
        # change while the list has no width (hidden) leave it empty until the list has one
        # again, never half old, half new.
        self._lay: EntryLayout | None = None
        self._starts: list[int] = []
        self._width = 0
        self._paint: tuple | None = None
        self._index: tuple[list[Entry], int, dict[str, int], list[int]] | None = None  # ids, selectable

    def set_entries(self, entries: list[Entry], cursor: int = -1) -> None:
        self.entries = entries
        self.set_reactive(EntryList.cursor, -1)
        self._layout()
        self.cursor = cursor

    def _indexed(self) -> tuple[dict[str, int], list[int]]:
        """Each id's first index, and the selectable indices: made once per list of entries,
        so that moving through thousands of them costs no walk through them all."""
        if self._index is None or self._index[0] is not self.entries or self._index[1] != len(self.entries):
            ids: dict[str, int] = {}
            for index, entry in enumerate(self.entries):
                ids.setdefault(entry.id, index)
            selectable = [index for index, entry in enumerate(self.entries) if entry.selectable]
            self._index = (self.entries, len(self.entries), ids, selectable)
        return self._index[2], self._index[3]

    def index_of(self, entry_id: str) -> int:
        """The index of the entry with this id; ValueError if there is none."""
        index = self._indexed()[0].get(entry_id)
        if index is None or self.entries[index].id != entry_id:
            raise ValueError(entry_id)
        return index

    def highlight(self, entry_id: str) -> None:
        self.cursor = self.index_of(entry_id)

    @property
    def highlighted(self) -> Entry | None:
        return self.entries[self.cursor] if 0 <= self.cursor < len(self.entries) else None

    def text_of(self, entry_id: str) -> str:
        """The entry as painted (its mark included)."""
        index = self.index_of(entry_id)
        if not self._laid_out():  # hidden: as it would show at 40 columns
            self._layout(40)
        self._ensure(index, index)
        return "\n".join(s.text.rstrip() for s in self._entry_strips(index, Style(), self._width))

    def is_marked(self, entry: Entry) -> bool:
        """Whether an entry carries the mark; the lesson map marks the section being read."""
        return False

    # --- layout and painting ------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """For ``height: auto``: the lines of every entry at this width."""
        if self.styles.scrollbar_gutter == "stable":
            width -= self.styles.scrollbar_size_vertical
        if width != self._width:
            self._layout(width)
        self._ensure(0, len(self.entries) - 1)  # its height is every entry's, exactly
        return self.virtual_size.height

    def _layout(self, width: int | None = None) -> None:
        width = self.scrollable_content_region.width if width is None else width
        self._width = width
        if width <= 0:  # hidden: laid out when it has a width again (_laid_out)
            self._lay, self._starts = None, []
            self.virtual_size = Size(0, 0)
            return
        self._lay = EntryLayout(self.entries, width)
        self._starts = self._lay.starts
        self.virtual_size = Size(width, self._lay.total)
        self.refresh()

    def _laid_out(self) -> bool:
        """Lay the entries out if the list's width is not the one they were laid out at
        (shown again at the same size, a hidden list gets no resize); whether it has lines."""
        width = self.scrollable_content_region.width
        if width > 0 and (width != self._width or self._lay is None or self._lay.entries is not self.entries
                          or len(self._starts) != len(self.entries)):
            self._layout(width)
        return bool(self._starts)

    def _ensure(self, first: int, last: int) -> bool:
        """Make the lines of entries ``first`` to ``last``; whether the entries moved."""
        if self._lay is None or not self._lay.ensure(first, last):
            return False
        self.virtual_size = Size(self._width, self._lay.total)
        self.refresh()
        return True

    def _ensure_in_view(self) -> None:
        """Make the lines of the entries in view and a screen either side, keeping the entry
        at the top where it is when a guessed height above it turns out wrong."""
        height = max(1, self.scrollable_content_region.height)
        for _ in range(8):  # each round makes at least one chunk: a few at most are in view
            if not self._starts or self._lay is None:
                return
            top = round(self.scroll_y)
            first = self._entry_at(max(0, top - height))
            last = self._entry_at(min(self._lay.total - 1, top + 2 * height))
            if self._lay.is_laid(first, last):
                return
            anchor = self._entry_at(top)
            offset = top - self._starts[anchor]
            if self._ensure(first, last) and self._starts[anchor] + offset != top:
                self.scroll_to(y=self._starts[anchor] + offset, animate=False, immediate=True, force=True)

    def forget_lines(self, index: int) -> None:
        """Entry ``index`` has changed: make its lines again before it is next painted."""
        if self._lay is not None and self._lay.entries is self.entries:
            self._lay.forget(index)
            self.refresh_entry(index)

    def on_show(self) -> None:
        if self._laid_out():
            self.call_after_refresh(self._scroll_to_cursor)

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:
            self._layout()
        # Also on the first resize, when the map is mounted on `m` at a narrow width:
        # its entries were laid out before it had a size, and the mark must show.
        # After the refresh, once the scroll range knows the new size.
        self.call_after_refresh(self._scroll_to_cursor)

    def in_view(self, margin: int = 0) -> range:
        """The indices of the entries in view, with ``margin`` screens of them either side."""
        if not self._starts or self._lay is None:
            return range(0)
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        first = self._entry_at(max(0, top - margin * height))
        last = self._entry_at(min(self._lay.total - 1, top + (1 + margin) * height - 1))
        return range(first, last + 1)

    def _entry_at(self, line: int) -> int:
        return bisect_right(self._starts, line) - 1

    def _styles(self) -> dict[str, Style]:
        return {name: self.get_component_rich_style(name) for name in self.COMPONENT_CLASSES}

    def _entry_strips(self, index: int, base: Style, width: int, styles: dict[str, Style] | None = None) -> list[Strip]:
        styles = styles or self._styles()
        entry = self.entries[index]
        kind = self.KIND_STYLES.get(entry.kind)
        style = base + styles[kind] if kind else base
        if index == self.cursor:
            style += styles["entry-list--cursor"]
        marked = self.is_marked(entry)
        strips = []
        for number, segments in enumerate(entry.lines):
            if marked:
                segments = _marked(segments, number == 0, self.MARK, styles["entry-list--marked"])
            strips.append(Strip(segments).crop_extend(0, width, style).apply_style(style))
        return strips

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles looked up once per paint, not per line; an entry's lines made once per paint.
        if self._laid_out():
            self._ensure_in_view()
        self._paint = (self.rich_style, self.scrollable_content_region.width, self._styles(), {})
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        paint = self._paint or (self.rich_style, self.scrollable_content_region.width, self._styles(), {})
        base, width, styles, made = paint
        if not self._laid_out() or line >= self.virtual_size.height:
            return Strip.blank(width, base)
        index = self._entry_at(line)
        if index not in made:
            for _ in range(4):  # not made yet (past the screen's margin): making it may move it
                if not self._ensure(index, index):
                    break
                index = self._entry_at(line)
            made[index] = self._entry_strips(index, base, width, styles)
        strips = made[index]
        at = line - self._starts[index]
        return strips[at] if 0 <= at < len(strips) else Strip.blank(width, base)

    def refresh_entry(self, index: int) -> None:
        if 0 <= index < len(self._starts) and self._lay is not None:
            self.refresh_lines(self._starts[index], self._lay.heights[index])

    # --- the cursor -----------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_entry(old)
        self.refresh_entry(new)
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        if not (0 <= self.cursor < len(self.entries)) or not self._starts or self._lay is None:
            return
        height = self.scrollable_content_region.height
        # Its lines and a screen of entries either side, so that what is shown around it
        # is where it will be painted.
        self._ensure(self.cursor - max(1, height), self.cursor + max(1, height))
        top = self._starts[self.cursor]
        bottom = top + self._lay.heights[self.cursor]
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif bottom > self.scroll_y + height:
            self.scroll_to(y=bottom - height, animate=False)

    def _selectable(self) -> list[int]:
        """The indices of the entries that can be chosen, in order (not to be changed)."""
        return self._indexed()[1]

    def action_move(self, step: int) -> None:
        choices = self._selectable()
        if not choices:
            return
        at = bisect_left(choices, self.cursor)
        if at == len(choices) or choices[at] != self.cursor:
            self.cursor = choices[0 if step > 0 else -1]
            return
        self.cursor = choices[max(0, min(len(choices) - 1, at + step))]

    def action_page(self, step: int) -> None:
        if not self._starts or self.cursor < 0:
            self.action_move(step)
            return
        height = max(1, self.scrollable_content_region.height - 1)
        line = max(0, min(self.virtual_size.height - 1, self._starts[self.cursor] + step * height))
        target = self._entry_at(line)
        choices = self._selectable()
        at = bisect_left(choices, target) if step > 0 else bisect_right(choices, target) - 1
        if 0 <= at < len(choices):
            self.cursor = choices[at]

    def action_first(self) -> None:
        choices = self._selectable()
        if choices:
            self.cursor = choices[0]

    def action_last(self) -> None:
        choices = self._selectable()
        if choices:
            self.cursor = choices[-1]

    def action_select(self) -> None:
        entry = self.highlighted
        if entry is not None and entry.selectable:
            self.chosen(entry)

    def chosen(self, entry: Entry) -> None:
        """Say that ``entry`` was chosen (a subclass may say it in its own words)."""
        self.post_message(self.EntryChosen(self, entry))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._starts:
            return
        line = offset.y + round(self.scroll_y)
        if line < self.virtual_size.height:
            index = self._entry_at(line)
            if self.entries[index].selectable:
                self.cursor = index
                self.action_select()


def _marked(segments: list[Segment], first: bool, mark: str, style: Style) -> list[Segment]:
    """A marked entry's line: the mark in the margin of its first line, its title in ``style``."""
    prefix, *rest = segments
    text = prefix.text
    if first:
        text = mark + text[len(mark):] if len(text) >= len(mark) else mark
    return [Segment(text, Style(bold=True)), *(Segment(s.text, (s.style or Style()) + style) for s in rest)]
