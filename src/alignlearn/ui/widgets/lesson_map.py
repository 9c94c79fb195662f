"""The lesson map: the learning path, the concept cluster and the numbered sections.

One ``OptionList`` so the whole map moves with the arrow keys. The section being
read carries a mark (``▶``), not only a colour, so it shows in 16 colours and with
NO_COLOR too. Labels, path entries and titles come from the lesson and are built as
``Text``, never markup.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from alignlearn.course import Lesson, LessonInfo

MARK = "\u25b6 "  # ▶, the section being read


def _heading(title: str) -> Option:
    return Option(Text(title.upper(), style="bold"), disabled=True)


def _entry(left: str, title: Text | str, left_style: str = "") -> RenderableType:
    """``left`` in a column of its own, so a long title wraps under itself, not under it."""
    grid = Table.grid()
    grid.add_column(width=len(left), no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(left, style=left_style), title)
    return grid


class LessonMap(OptionList):
    """Where the learner is in the lesson, and a way to go anywhere in it."""

    HELP_GROUP = "In the lesson map"
    BINDINGS = [
        Binding("j", "cursor_down", "Next entry", show=False, id="map.down"),
        Binding("k", "cursor_up", "Previous entry", show=False, id="map.up"),
        Binding("enter", "select", "Go to the entry", id="map.select"),
    ]

    section: var[int] = var(0)
    """The section being read, marked in the map."""

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
        self._titles: dict[int, str] = {}
        self._targets: dict[str, tuple[int, int | None]] = {}

    def show(self, info: LessonInfo | None, lesson: Lesson | None, note: str = "Loading\u2026") -> None:
        """Fill the map from the lesson's front matter and, once it is loaded, its sections."""
        self._titles.clear()
        self._targets.clear()
        options: list[Option | None] = []
        if info is not None and info.path:
            options.append(_heading("Learning path"))
            for number, entry in enumerate(info.path, 1):
                section = lesson.section(entry) if lesson is not None else None
                title = Text(entry)
                if section is not None:
                    title.append(f" \u00a7{section.number}", style="dim")
                    self._targets[f"path-{number}"] = (section.number, None)
                    options.append(Option(_entry(f"{number}. ", title), id=f"path-{number}"))
                else:  # a label: names no section
                    options.append(Option(_entry(f"{number}. ", title), disabled=True))
        if info is not None and info.concepts:
            options.append(_heading("Concepts"))
            options.append(Option(Text(" \u00b7 ".join(info.concepts)), disabled=True))
        options.append(_heading("Sections"))
        if lesson is None:
            options.append(Option(Text(note, style="italic"), disabled=True))
        else:
            if lesson.intro:
                self._titles[0] = "Introduction"
                self._targets["sec-0"] = (0, None)
                options.append(Option(self._section_prompt(0), id="sec-0"))
            for section in lesson.sections:
                self._titles[section.number] = section.title
                self._targets[f"sec-{section.number}"] = (section.number, None)
                options.append(Option(self._section_prompt(section.number), id=f"sec-{section.number}"))
                for number, sub in enumerate(section.subsections):
                    key = f"sub-{section.number}-{number}"
                    self._targets[key] = (section.number, sub.line)
                    options.append(Option(_entry("     \u00b7 ", Text(sub.title, style="dim")), id=key))
        self.set_options(options)
        self._mark(self.section, None)

    def _section_prompt(self, number: int) -> RenderableType:
        title = Text(self._titles.get(number, ""))
        left = f"{number}. " if number else ""
        if number == self.section:
            title.stylize("bold reverse")
            return _entry(MARK + left, title, "bold")
        return _entry("  " + left, title)

    def watch_section(self, old: int, new: int) -> None:
        self._mark(new, old)

    def _mark(self, new: int, old: int | None) -> None:
        for number in (old, new):
            if number is not None and number in self._titles:
                self.replace_option_prompt(f"sec-{number}", self._section_prompt(number))
        if new in self._titles and not self.has_focus:
            self.highlighted = self.get_option_index(f"sec-{new}")

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self._targets.get(event.option.id or "")
        if target is not None:
            self.post_message(self.SectionSelected(self, *target))
