"""Back (backspace), like a browser's: the places the learner left by a jump.

A mixin of :class:`~alignlearn.ui.screens.lesson.LessonScreen`, which keeps
``_history`` and calls ``_remember`` before each jump (a search hit, a link, another
lesson, a tutor source, a map entry); steps within a lesson (n, p, scrolling) are not
jumps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alignlearn.ui.widgets import Where

if TYPE_CHECKING:
    from alignlearn.course import Course, Lesson
    from alignlearn.ui.widgets import LessonView


class LessonHistory:
    course: "Course"
    lesson: "Lesson | None"
    lesson_id: "str | None"
    section: int
    view: "LessonView"
    _history: list[tuple[str, Where]]

    def jump_to_section(self, number: int) -> bool:
        """``go_to_section``, remembering the place left for ``backspace`` (a jump, not a step)."""
        self._remember()
        return self.go_to_section(number)

    def jump_to(self, section: int | None, source_line: int | None = None) -> None:
        """A jump to a line of the lesson file when it is known, else to a section."""
        self._remember()
        if source_line is not None:
            self.go_to_line(source_line)
        else:
            self.go_to_section(section or 0)

    HISTORY = 100  # places kept

    def _here(self) -> Where | None:
        view = self.view
        if self.lesson_id is None or self.lesson is None or view.page is None:
            return None
        source = view.source_line
        if not source:
            return Where(section=self.section)
        return Where(source_line=source, offset=round(view.scroll_y) - view.page.line_of_source(source))

    def _remember(self) -> None:
        here = self._here()
        if here is None:
            return
        place = (self.lesson_id, here)
        if not self._history or self._history[-1] != place:
            self._history.append(place)
            del self._history[:-self.HISTORY]

    def action_back(self) -> None:
        if not self._history:
            self.notify("Nothing to go back to: backspace returns to where you were before a jump.",
                        timeout=3, markup=False)
            return
        lesson_id, where = self._history.pop()
        if self.course.info(lesson_id) is None:
            self.action_back()
            return
        self.open_lesson(lesson_id, where, remember=False)

