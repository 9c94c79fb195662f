"""The command palette (ctrl+p): every lesson, every section of every lesson, and the themes.

Lessons come from the catalog at once; sections are gathered once per course by a
worker (from the lesson cache, or parsed), and the palette offers them as they
arrive, so it opens at once. A course of more than ``MAX_COURSE`` lessons would
mean tens of thousands of sections to fuzzy-match at each key: there the palette
offers every lesson and the sections of the lesson being read, and ``/`` searches
the rest. Titles come from lessons, so they are shown as ``Content`` built from
plain text (Textual's own ``Matcher.highlight`` would parse them as markup). So is
the help line under each hit: the palette passes a ``str`` help through
``Content.from_markup``, and ``textual.markup.escape`` misses ``[ @click=...]`` (a
space after the bracket), which is still an action link; a ``Content`` is taken as is.
Each theme is a command of its own, the one in use marked, so that "theme" lists them
first and says which is on (Textual's "Theme" command, which the app leaves out of
the palette, and its list do not).
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from functools import partial

from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from alignlearn.course import Course, Lesson, LessonError
from alignlearn.cache import parsed_lessons as lesson_cache

MAX_COURSE = 200  # lessons; past this, sections of the lesson being read only


@dataclass
class Destination:
    text: str
    lesson_id: str
    section: int | None
    help: str


class SectionList:
    """Every section of a course, gathered once by a worker and kept by the app."""

    def __init__(self) -> None:
        self.entries: list[Destination] = []
        self.started = False

    def gather(self, course: Course) -> None:
        for info in course.lessons:
            try:
                lesson = lesson_cache.read(course, info.id)
            except (LessonError, OSError, KeyError):
                continue
            self.entries.extend(section_entries(lesson))


def section_entries(lesson: Lesson) -> list[Destination]:
    return [Destination(f"{lesson.title} \u203a {section.number}. {section.title}", lesson.id, section.number,
                  f"Section {section.number} of {len(lesson.sections)}") for section in lesson.sections]


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
        self.lessons = [Destination(f"Lesson: {info.title}", info.id, None, place(info, course)) for info in course.lessons]
        if len(course.lessons) <= MAX_COURSE:
            self.sections = self.app.palette_sections
            if not self.sections.started:
                self.sections.started = True
                self.app.run_worker(partial(self.sections.gather, course), thread=True, group="palette",
                                    description="gather the sections for the palette", exit_on_error=False)
        else:
            self.sections = SectionList()
            reading = self.app.lesson_screen.lesson
            self.sections.entries = section_entries(reading) if reading is not None else []

    def _command(self, entry: Destination):
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


class Palette(CommandPalette):
    """Textual's palette, made safe against keys typed in one burst (a fast typist, a slow
    link). A page key pressed before its list is laid out does nothing: Textual 8.2 pages
    through the list's line map, empty until the list has a size (ctrl+p, PageDown:
    KeyError). It closes once: two enters queued behind ctrl+p chose a command twice, and
    the second close took the lesson screen with it (ScreenStackError)."""

    def dismiss(self, result=None) -> AwaitComplete:
        if self.app.screen is not self:
            return AwaitComplete.nothing()
        return super().dismiss(result)

    def _action_command_list(self, action: str) -> None:
        if action.startswith("page_") and not self.query_one(CommandList).scrollable_content_region:
            return
        super()._action_command_list(action)


# --- themes ---------------------------------------------------------------------

THEMES_FIRST = 1000.0  # above any fuzzy score a lesson or section reaches (a few per letter typed)
IN_USE = " \u2713 in use"


def _names(query: str, text: str) -> bool:
    """Whether each word typed begins a word of ``text`` ("them" and "solar" name
    "Theme: solarized-light"; a fuzzy "tm" does not)."""
    typed, found = re.findall(r"\w+", query.casefold()), re.findall(r"\w+", text.casefold())
    return bool(typed) and all(any(word.startswith(part) for word in found) for part in typed)


class ThemeCommands(Provider):
    """Each theme as a command, "Theme: nord", the one in use marked "✓ in use" and listed
    first; a query that names them ("theme") puts them above any lesson or section."""

    def _entries(self) -> list[tuple[str, bool]]:
        current = self.app.theme
        names = sorted(self.app.available_themes)
        return [(f"Theme: {name}", name == current) for name in sorted(names, key=lambda name: name != current)]

    def _hit(self, text: str, current: bool, display: Content, score: float) -> Hit:
        name = text.removeprefix("Theme: ")
        if current:
            display = display.append(Content.styled(IN_USE, "bold"))
        return Hit(score, display, partial(setattr, self.app, "theme", name), text=text + (IN_USE if current else ""))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, current in self._entries():
            score = matcher.match(text)
            if score > 0:
                if _names(query, text):
                    score += THEMES_FIRST + current
                yield self._hit(text, current, plain_highlight(matcher, text), score)


class ThemeChooser(ThemeCommands):
    """The themes alone, all listed before anything is typed (Textual's change_theme action)."""

    async def discover(self) -> Hits:
        for text, current in self._entries():
            hit = self._hit(text, current, Content(text), 0.0)
            yield DiscoveryHit(hit.match_display, hit.command, text=hit.text)
