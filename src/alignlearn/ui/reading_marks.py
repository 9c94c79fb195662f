"""When a section counts as read: once it has been in view ``READ_AFTER`` seconds.

In view means at the top of the view (a long section, read a screen at a time) or
wholly on screen (short ones: three that fit on one screen are read together, and the
last screen of a lesson, reached with ``end``, counts every section on it). Passing
through a section with ``n`` is not reading it, and a dialog over the lesson holds the
count until it closes. The introduction is marked too (``INTRODUCTION``): it is what a
lesson with no sections is read by (``progress.keys_to_read``).
"""

from __future__ import annotations

import time
from bisect import bisect_left
from typing import Callable

from alignlearn.ui.screens.lesson import LessonScreen
from alignlearn.progress.model import INTRODUCTION, section_key

READ_AFTER = 3.0  # seconds a section stays in view before it counts as read
EARLY = 0.01  # seconds: a timer a hair early still counts
SOONEST = 0.05  # seconds: a timer due now still waits this long (Textual divides by a timer's interval: 0 raised)


class ReadingMarks:
    def __init__(self, app, mark: Callable[[str, str], None]) -> None:
        """``mark(lesson_id, section_key)`` records a section read."""
        self.app = app
        self.mark = mark
        self._since: dict[tuple[str, int], float] = {}  # (lesson, section) in view, not yet counted -> since when
        self._counted: set[tuple[str, int]] = set()  # counted while they stayed in view
        self._lines: tuple[object, list[tuple[int, int, int]]] | None = None  # (page, its sections' (first, last, number))
        self._timer = None

    def look(self) -> None:
        """The view moved (or the lesson did): start counting what came into view, stop
        counting what left it."""
        shown = self._shown()
        if shown is None:
            return
        now = time.monotonic()
        self._since = {key: self._since.get(key, now) for key in shown if key not in self._counted}
        self._counted &= shown
        self._wait()

    def _shown(self) -> set[tuple[str, int]] | None:
        """The sections in view now: the one at the top, and those wholly on screen."""
        if not any(isinstance(s, LessonScreen) for s in self.app.screen_stack):
            return None  # the app is closing: its screens are gone before its timers
        screen = self.app.lesson_screen
        if screen.lesson is None:
            return set()
        lesson_id = screen.lesson.id
        shown = {(lesson_id, screen.section)}
        view = screen.view
        page = view.page
        if page is not None and page.complete:
            if self._lines is None or self._lines[0] is not page:
                spans = sorted((first, last, number) for number, (first, last) in page.section_lines().items())
                self._lines = (page, spans)
            top = round(view.scroll_y)
            bottom = top + view.scrollable_content_region.height  # the first line below the view
            spans = self._lines[1]
            at = bisect_left(spans, (top,))  # sections in order: only those from the top of the view are looked at
            while at < len(spans) and spans[at][0] < bottom:
                first, last, number = spans[at]
                if last < bottom:
                    shown.add((lesson_id, number))
                at += 1
        return shown

    def _wait(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._since:
            # READ_AFTER looked up here, so tests may set it on this module
            due = min(self._since.values()) + READ_AFTER - time.monotonic()
            self._timer = self.app.set_timer(max(due, SOONEST), self._dwelt, name="count a section read")

    def _dwelt(self) -> None:
        self._timer = None
        shown = self._shown()
        if shown is None:
            return
        screen = self.app.lesson_screen
        now = time.monotonic()
        if self.app.screen is not screen:  # a dialog over the lesson: count from when it is back
            self._since = {key: now for key in self._since}
            self._wait()
            return
        self._since = {key: since for key, since in self._since.items() if key in shown}
        for key, since in sorted(self._since.items()):
            if now - since >= READ_AFTER - EARLY:
                del self._since[key]
                self._counted.add(key)
                self._read(screen, *key)
        self._wait()

    def _read(self, screen: LessonScreen, lesson_id: str, section: int) -> None:
        lesson = screen.lesson
        if lesson is None or lesson.id != lesson_id:
            return
        if section == 0:
            if lesson.intro or not lesson.sections:  # a lesson of no sections is read by its text
                self.mark(lesson_id, INTRODUCTION)
            return
        found = next((s for s in lesson.sections if s.number == section), None)
        if found is not None:
            self.mark(lesson_id, section_key(found.title))
