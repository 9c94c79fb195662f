"""The lesson map: the learning path, the concept cluster and the numbered sections.

An ``EntryList``, so a lesson of hundreds of sections moves as fast as a short one:
moving the mark to another section repaints two entries, not the map. The section
being read carries a mark (``▶``), not only a colour, so it shows in 16 colours and
with NO_COLOR too.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.reactive import var

from alignlearn.course import Lesson, LessonInfo
from alignlearn.progress.model import INTRODUCTION, section_key
from alignlearn.ui.widgets.entry_list import Entry, EntryList

MARK = EntryList.MARK
READ = "\u2713"  # ✓ beside a section the learner has read: a mark, not a colour


@dataclass(frozen=True)
class Place:
    """Where an entry of the map goes: a section, or a subsection's line in the lesson file."""

    section: int
    source_line: int | None = None


class LessonMap(EntryList):
    """Where the learner is in the lesson, and a way to go anywhere in it."""

    HELP_GROUP = "In the lesson map"
    BINDINGS = [
        Binding("enter", "select", "Go there", id="map.select", tooltip="Go to the highlighted entry"),
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
        self._keys: tuple[list[Entry], list[tuple[int, str]]] | None = None  # each section entry's key

    def show(self, info: LessonInfo | None, lesson: Lesson | None, note: str = "Loading\u2026") -> None:
        """Fill the map from the lesson's front matter and, once it is loaded, its sections."""
        entries: list[Entry] = []
        read = self._read(info.id) if info is not None else set()
        if info is not None and info.path:
            entries.append(Entry("", "", "LEARNING PATH", "heading"))
            for number, name in enumerate(info.path, 1):
                section = lesson.section(name) if lesson is not None else None
                if section is not None:
                    entries.append(Entry(f"path-{number}", f"{number}. ", name, note=f" \u00a7{section.number}",
                                         value=Place(section.number)))
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
                entries.append(Entry("sec-0", "  ", "Introduction", right=READ if INTRODUCTION in read else "",
                                     value=Place(0)))
            for section in lesson.sections:
                entries.append(Entry(f"sec-{section.number}", f"  {section.number}. ", section.title,
                                     right=READ if read and section_key(section.title) in read else "",
                                     value=Place(section.number)))
                for number, sub in enumerate(section.subsections):
                    entries.append(Entry(f"sub-{section.number}-{number}", "     \u00b7 ", sub.title,
                                         value=Place(section.number, sub.line)))
        self.set_entries(entries)
        self._follow_section()

    def _read(self, lesson_id: str) -> set[str]:
        sections_read = getattr(self.app, "sections_read", None)  # the reader app keeps progress
        return sections_read(lesson_id) if sections_read is not None else set()

    def refresh_read(self, lesson_id: str | None) -> None:
        """Mark the sections read (``READ``) again, keeping the cursor where it is."""
        read = self._read(lesson_id) if lesson_id else set()
        if self._keys is None or self._keys[0] is not self.entries:  # once per lesson shown
            self._keys = (self.entries, [(index, INTRODUCTION if entry.id == "sec-0" else section_key(entry.title))
                                         for index, entry in enumerate(self.entries) if entry.id.startswith("sec-")])
        for index, key in self._keys[1]:
            entry = self.entries[index]
            mark = READ if key in read else ""
            if entry.right != mark:
                entry.right = mark
                self.forget_lines(index)  # the entry's lines are made again, not the map's

    def is_marked(self, entry: Entry) -> bool:
        return entry.id == f"sec-{self.section}"

    def watch_section(self, old: int, new: int) -> None:
        for number in (old, new):
            try:
                self.refresh_entry(self.index_of(f"sec-{number}"))
            except ValueError:
                pass
        self._follow_section()

    def _follow_section(self) -> None:
        """Unless the learner is using the map, its cursor stays on the section being read."""
        if not self.has_focus:
            try:
                self.cursor = self.index_of(f"sec-{self.section}")
            except ValueError:
                pass

    def chosen(self, entry: Entry) -> None:
        place = entry.value
        if isinstance(place, Place):
            self.post_message(self.SectionSelected(self, place.section, place.source_line))
