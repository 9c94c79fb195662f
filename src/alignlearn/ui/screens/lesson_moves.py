"""The keys that step through a course (n p: sections; ] [: lessons), and what they, and
the lesson screen's empty page, say when the course has no lessons to step through.

A mixin of :class:`~alignlearn.ui.screens.lesson.LessonScreen`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alignlearn.course import Course, Lesson
    from alignlearn.ui.widgets import LessonView


def empty_course_advice(course: Course) -> str:
    """What to do about a course with no lessons, in its own format's terms."""
    if course.format == "mdbook":
        return ("This book lists no chapters: an mdBook's chapters are the files its SUMMARY.md links to "
                "(in its src folder).")
    unread = len(course.unreadable)
    if unread:  # files there, none of which could be read: not "lesson files go in" the folder they are in
        files = "lesson file" if unread == 1 else f"{unread} lesson files"
        return f"This course has no lesson it can read: the {files} in {course.root} could not be read, as below."
    return f"This course has no lessons yet: lesson files (*.md) go in {course.root}."


class LessonMoves:
    course: "Course"
    lesson: "Lesson | None"
    lesson_id: "str | None"
    section: int
    view: "LessonView"

    def said_no_lessons(self) -> bool:
        """In a course with no lessons, say so (for a key that needs a lesson) and True."""
        if self.course.lessons:
            return False
        self.notify("This course has no lessons.", timeout=3, markup=False)
        return True

    def action_next_section(self) -> None:
        if self.said_no_lessons():
            return
        last = self.lesson.sections[-1].number if self.lesson and self.lesson.sections else 0
        if self.section >= last or not self.go_to_section(self.section + 1):
            self.notify("This is the last section. ] opens the next lesson.", timeout=3)

    def action_previous_section(self) -> None:
        if self.said_no_lessons():
            return
        if self.section <= 0:
            self.view.scroll_home(animate=False)
        else:
            self.go_to_section(self.section - 1)

    def _neighbour(self, step: int) -> None:
        if self.said_no_lessons() or self.lesson_id is None:
            return
        info = self.course.neighbour(self.lesson_id, step)
        if info is None:
            self.notify("This is the last lesson of the course." if step > 0
                        else "This is the first lesson of the course.", timeout=3)
        else:
            self.open_lesson(info.id)

    def action_next_lesson(self) -> None:
        self._neighbour(+1)

    def action_previous_lesson(self) -> None:
        self._neighbour(-1)
