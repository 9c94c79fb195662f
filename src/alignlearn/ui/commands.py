"""The command palette (ctrl+p): every lesson, and every section of every lesson.

Titles come from lessons, so they are shown as ``Content`` built from plain text
(Textual's own ``Matcher.highlight`` would parse them as markup).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from alignlearn.course import LessonError


@dataclass
class Entry:
    text: str
    lesson_id: str
    section: int | None
    help: str


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
        worker = self.app.run_worker(self._entries, thread=True, group="palette")
        self.entries: list[Entry] = await worker.wait()

    def _entries(self) -> list[Entry]:
        from alignlearn.render.lesson import place

        course = self.app.course
        entries: list[Entry] = []
        for info in course.lessons:
            entries.append(Entry(f"Lesson: {info.title}", info.id, None, place(info, course)))
            try:
                lesson = course.lesson(info.id)
            except LessonError:
                continue
            for section in lesson.sections:
                entries.append(Entry(f"{info.title} \u203a {section.number}. {section.title}",
                                     info.id, section.number, f"Section {section.number} of {len(lesson.sections)}"))
        return entries

    def _hit_command(self, entry: Entry):
        return partial(self.app.open_lesson, entry.lesson_id, entry.section)

    async def discover(self) -> Hits:
        for entry in self.entries:
            if entry.section is None:
                yield DiscoveryHit(Content(entry.text), self._hit_command(entry), text=entry.text,
                                   help=escape(entry.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self.entries:
            score = matcher.match(entry.text)
            if score > 0:
                yield Hit(score, plain_highlight(matcher, entry.text), self._hit_command(entry),
                          text=entry.text, help=escape(entry.help))
