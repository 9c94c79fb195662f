"""The lesson map: the learning path, the concept cluster and the numbered sections.

A line-API widget like the lesson view: each entry is wrapped once per width (a long
title wraps under itself, not under its number), and only the lines in view are
painted. Moving the mark to another section repaints two entries, not the map, so a
lesson of hundreds of sections scrolls as fast as a short one (an ``OptionList``
re-measured every option on each change). The section being read carries a mark
(``▶``), not only a colour, so it shows in 16 colours and with NO_COLOR too.
Everything shown comes from the lesson and is built as ``Text``, never markup.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from alignlearn.course import Lesson, LessonInfo

MARK = "\u25b6 "  # ▶, the section being read


@dataclass
class Entry:
    """One entry of the map: a heading, a label, or a place in the lesson to go to."""

    id: str
    left: str  # the number column ("3. "), the title wraps beside it
    title: str
    kind: str = "place"  # heading | label | place
    section: int | None = None  # a place: the section it is in
    source_line: int | None = None  # a subsection: its line in the lesson file
    note: str = ""  # dim text after the title ("§3")
    lines: list[list[Segment]] = field(default_factory=list)  # wrapped at the map's width

    @property
    def selectable(self) -> bool:
        return self.kind == "place"


class LessonMap(ScrollView, can_focus=True):
    """Where the learner is in the lesson, and a way to go anywhere in it."""

    HELP_GROUP = "In the lesson map"
    BINDINGS = [
        Binding("down,j", "move(1)", "Next entry", show=False, id="map.down"),
        Binding("up,k", "move(-1)", "Previous entry", show=False, id="map.up"),
        Binding("pagedown", "page(1)", "Entries a page down", show=False, id="map.page_down"),
        Binding("pageup", "page(-1)", "Entries a page up", show=False, id="map.page_up"),
        Binding("home", "first", "First entry", show=False, id="map.first"),
        Binding("end", "last", "Last entry", show=False, id="map.last"),
        Binding("enter", "select", "Go there", id="map.select", tooltip="Go to the highlighted entry"),
    ]
    COMPONENT_CLASSES = {"lesson-map--heading", "lesson-map--label", "lesson-map--cursor", "lesson-map--current"}
    DEFAULT_CSS = """
    LessonMap {
        overflow-x: hidden;
        & > .lesson-map--heading { text-style: bold; }
        & > .lesson-map--label { color: $text-muted; }
        & > .lesson-map--current { text-style: bold reverse; }
        & > .lesson-map--cursor { background: $block-cursor-blurred-background; }
        &:focus > .lesson-map--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    section: var[int] = var(0)
    """The section being read, marked in the map."""
    cursor: var[int] = var(-1)
    """The index of the highlighted entry (-1: none)."""

    class SectionSelected(Message):
        """The learner chose a section, a subsection or a path entry naming a section."""

        def __init__(self, lesson_map: "LessonMap", section: int, source_line: int | None = None) -> None:
            super().__init__()
            self.lesson_map = lesson_map
            self.section = section
            self.source_line = source_line  # a subsection: its line in the lesson file

        @property
        def control(self) -> "LessonMap":
            return self.lesson_map

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[Entry] = []
        self._starts: list[int] = []  # first line of each entry
        self._width = 0

    # --- what the map shows ------------------------------------------------------

    def show(self, info: LessonInfo | None, lesson: Lesson | None, note: str = "Loading\u2026") -> None:
        """Fill the map from the lesson's front matter and, once it is loaded, its sections."""
        entries: list[Entry] = []
        if info is not None and info.path:
            entries.append(Entry("", "", "LEARNING PATH", "heading"))
            for number, name in enumerate(info.path, 1):
                section = lesson.section(name) if lesson is not None else None
                if section is not None:
                    entries.append(Entry(f"path-{number}", f"{number}. ", name, section=section.number,
                                         note=f" \u00a7{section.number}"))
                else:  # a label: it names no section
                    entries.append(Entry("", f"{number}. ", name, "label"))
        if info is not None and info.concepts:
            entries.append(Entry("", "", "CONCEPTS", "heading"))
            entries.append(Entry("", "", " \u00b7 ".join(info.concepts), "label"))
        entries.append(Entry("", "", "SECTIONS", "heading"))
        if lesson is None:
            entries.append(Entry("", "", note, "label"))
        else:
            if lesson.intro:
                entries.append(Entry("sec-0", "  ", "Introduction", section=0))
            for section in lesson.sections:
                entries.append(Entry(f"sec-{section.number}", f"  {section.number}. ", section.title,
                                     section=section.number))
                for number, sub in enumerate(section.subsections):
                    entries.append(Entry(f"sub-{section.number}-{number}", "     \u00b7 ", sub.title, "place",
                                         section=section.number, source_line=sub.line))
        self.entries = entries
        self.cursor = -1
        self._layout()
        self._follow_section()

    def index_of(self, entry_id: str) -> int:
        """The index of the entry with this id (``sec-3``, ``sub-3-0``, ``path-2``); ValueError if none."""
        for index, entry in enumerate(self.entries):
            if entry.id == entry_id:
                return index
        raise ValueError(entry_id)

    def highlight(self, entry_id: str) -> None:
        self.cursor = self.index_of(entry_id)

    def text_of(self, entry_id: str) -> str:
        """The entry as painted (mark included), for tests and screen readers."""
        index = self.index_of(entry_id)
        return "\n".join(strip.text.rstrip() for strip in self._entry_strips(index, Style(), self._width or 40))

    # --- layout and painting ------------------------------------------------------

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        self._width = width
        if width <= 0:
            return
        console = Console(width=width, color_system=None, force_terminal=False, markup=False, emoji=False)
        total, starts = 0, []
        for entry in self.entries:
            entry.lines = _wrap(console, entry, width)
            starts.append(total)
            total += len(entry.lines)
        self._starts = starts
        self.virtual_size = Size(width, total)
        self.refresh()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:
            self._layout()
            self._scroll_to_cursor()

    def _entry_at(self, line: int) -> int:
        return bisect_right(self._starts, line) - 1

    def _entry_strips(self, index: int, base: Style, width: int) -> list[Strip]:
        entry = self.entries[index]
        kind = {"heading": "lesson-map--heading", "label": "lesson-map--label"}.get(entry.kind)
        style = base + self.get_component_rich_style(kind) if kind else base
        current = entry.kind == "place" and entry.source_line is None and entry.section == self.section \
            and entry.id.startswith("sec-")
        if index == self.cursor:
            style += self.get_component_rich_style("lesson-map--cursor")
        strips = []
        for number, segments in enumerate(entry.lines):
            if current:
                segments = _marked(segments, number == 0, len(entry.left),
                                   self.get_component_rich_style("lesson-map--current"))
            strips.append(Strip(segments).crop_extend(0, width, style).apply_style(style))
        return strips

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self._starts or line >= self.virtual_size.height:
            return Strip.blank(width, base)
        index = self._entry_at(line)
        return self._entry_strips(index, base, width)[line - self._starts[index]]

    def _refresh_entry(self, index: int) -> None:
        if 0 <= index < len(self.entries) and self._starts:
            self.refresh_lines(self._starts[index], len(self.entries[index].lines))

    # --- the mark and the cursor ----------------------------------------------------

    def watch_section(self, old: int, new: int) -> None:
        for index, entry in enumerate(self.entries):
            if entry.id in (f"sec-{old}", f"sec-{new}"):
                self._refresh_entry(index)
        self._follow_section()

    def _follow_section(self) -> None:
        """Unless the learner is using the map, its cursor stays on the section being read."""
        if not self.has_focus:
            try:
                self.cursor = self.index_of(f"sec-{self.section}")
            except ValueError:
                pass

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_entry(old)
        self._refresh_entry(new)
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        if not (0 <= self.cursor < len(self.entries)) or not self._starts:
            return
        top = self._starts[self.cursor]
        bottom = top + len(self.entries[self.cursor].lines)
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif bottom > self.scroll_y + height:
            self.scroll_to(y=bottom - height, animate=False)

    def _selectable(self) -> list[int]:
        return [index for index, entry in enumerate(self.entries) if entry.selectable]

    def action_move(self, step: int) -> None:
        choices = self._selectable()
        if not choices:
            return
        if self.cursor not in choices:
            self.cursor = choices[0 if step > 0 else -1]
            return
        at = choices.index(self.cursor) + step
        self.cursor = choices[max(0, min(len(choices) - 1, at))]

    def action_page(self, step: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        if not self._starts or self.cursor < 0:
            self.action_move(step)
            return
        target = self._entry_at(max(0, min(self.virtual_size.height - 1, self._starts[self.cursor] + step * height)))
        choices = self._selectable()
        ahead = [i for i in choices if (i >= target if step > 0 else i <= target)]
        if ahead:
            self.cursor = ahead[0] if step > 0 else ahead[-1]

    def action_first(self) -> None:
        choices = self._selectable()
        if choices:
            self.cursor = choices[0]

    def action_last(self) -> None:
        choices = self._selectable()
        if choices:
            self.cursor = choices[-1]

    def action_select(self) -> None:
        if 0 <= self.cursor < len(self.entries) and self.entries[self.cursor].selectable:
            entry = self.entries[self.cursor]
            self.post_message(self.SectionSelected(self, entry.section or 0, entry.source_line))

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


def _wrap(console: Console, entry: Entry, width: int) -> list[list[Segment]]:
    """The entry's lines: ``left`` then the title wrapped beside it, with a hanging indent."""
    indent = len(entry.left)
    title = Text(entry.title, end="")
    if entry.note:
        title.append(entry.note, style="dim")
    lines = title.wrap(console, max(4, width - indent))
    out = []
    for number, line in enumerate(lines):
        prefix = entry.left if number == 0 else " " * indent
        out.append([Segment(prefix), *line.render(console)])
    return out or [[Segment(entry.left)]]


def _marked(segments: list[Segment], first: bool, indent: int, style: Style) -> list[Segment]:
    """The current section's line: ``▶`` in the margin of its first line, its title in ``style``."""
    prefix, *rest = segments
    text = prefix.text
    if first:
        text = MARK + text[len(MARK):] if len(text) >= len(MARK) else MARK
    return [Segment(text, Style(bold=True)), *(Segment(s.text, (s.style or Style()) + style) for s in rest)]
