"""The command palette (ctrl+p): every lesson, and every section of every lesson.

Lessons come from the catalog at once; sections are gathered once per course in a
thread (from the lesson cache, or parsed), and the palette offers them as they
arrive, so it opens at once. A course of more than ``MAX_COURSE`` lessons would
mean tens of thousands of sections to fuzzy-match at each key: there the palette
offers every lesson and the sections of the lesson being read, and ``/`` searches
the rest. Titles come from lessons, so they are shown as ``Content`` built from
plain text (Textual's own ``Matcher.highlight`` would parse them as markup). So is
the help line under each hit: the palette passes a ``str`` help through
``Content.from_markup``, and ``textual.markup.escape`` misses ``[ @click=...]`` (a
space after the bracket), which is still an action link; a ``Content`` is taken as is.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from alignlearn.course import Course, Lesson, LessonError
from alignlearn.cache import parsed_lessons as lesson_cache

MAX_COURSE = 200  # lessons; past this, sections of the lesson being read only


@dataclass
class Entry:
    text: str
    lesson_id: str
    section: int | None
    help: str


class _Sections:
    """Every section of a course, gathered once, in a thread, and kept with the course."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.started = False
        self.lock = threading.Lock()

    def start(self, course: Course) -> None:
        with self.lock:
            if self.started:
                return
            self.started = True
        threading.Thread(target=self._gather, args=(course,), name="palette-sections", daemon=True).start()

    def _gather(self, course: Course) -> None:
        for info in course.lessons:
            try:
                lesson = lesson_cache.read(course, info.id)
            except (LessonError, OSError, KeyError):
                continue
            self.entries.extend(section_entries(lesson))


def section_entries(lesson: Lesson) -> list[Entry]:
    return [Entry(f"{lesson.title} \u203a {section.number}. {section.title}", lesson.id, section.number,
                  f"Section {section.number} of {len(lesson.sections)}") for section in lesson.sections]


_sections: dict[int, tuple[Course, _Sections]] = {}  # by id(course); the course is kept alive with it


def plain_highlight(matcher: Matcher, text: str) -> Content:
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class LessonCommands(Provider):
    """Open any lesson of the course, or any of its sections."""

    async def startup(self) -> None:
        from alignlearn.render.lesson import place

        course: Course = self.app.course
        self.lessons = [Entry(f"Lesson: {info.title}", info.id, None, place(info, course)) for info in course.lessons]
        if len(course.lessons) <= MAX_COURSE:
            self.sections = _sections.setdefault(id(course), (course, _Sections()))[1]
            self.sections.start(course)
        else:
            self.sections = _Sections()
            reading = self.app.lesson_screen.lesson
            self.sections.entries = section_entries(reading) if reading is not None else []

    def _command(self, entry: Entry):
        return partial(self.app.open_lesson, entry.lesson_id, entry.section)

    async def discover(self) -> Hits:
        for entry in self.lessons:
            yield DiscoveryHit(Content(entry.text), self._command(entry), text=entry.text, help=Content(entry.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in [*self.lessons, *list(self.sections.entries)]:
            score = matcher.match(entry.text)
            if score > 0:
                yield Hit(score, plain_highlight(matcher, entry.text), self._command(entry),
                          text=entry.text, help=Content(entry.help))
