"""The dialogs the lesson screen opens: lessons, related lessons, search, the quiz, the
tutor, the lesson's details and its links.

A mixin of :class:`~alignlearn.ui.screens.lesson.LessonScreen`, whose bindings name
these actions; kept apart so the screen itself stays about reading. Each dialog is
imported when first used: none is needed for the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alignlearn.ui.widgets import Where

if TYPE_CHECKING:
    from alignlearn.course import Course, Lesson, Section
    from alignlearn.search.query import Result


class LessonDialogs:
    """The actions of LessonScreen that open a dialog over it, and what they do with
    the learner's choice."""

    course: "Course"
    lesson: "Lesson | None"
    lesson_id: "str | None"
    current_section: "Section | None"

    def action_lessons(self) -> None:
        from alignlearn.render.problems import left_out
        from alignlearn.ui.screens.lesson_list import LessonListScreen

        # The lessons left out, said again where the learner looks for them: the toast
        # that told them as the reader opened went with their next key.
        screen = LessonListScreen(self.course, self.course.lessons, "Lessons", self.lesson_id,
                                  done=self.app.how_done(), scores=self.app.best_scores(),
                                  note=left_out(self.course, detail=False))
        self.app.push_screen(screen, self._open_chosen)

    def action_related(self) -> None:
        from alignlearn.render.lesson import related_infos
        from alignlearn.ui.screens.lesson_list import LessonListScreen

        infos = related_infos(self.lesson, self.course) if self.lesson else []
        if not infos:
            self.notify("This lesson names no related lessons.", timeout=3)
            return
        screen = LessonListScreen(self.course, infos, "Keep going", None, done=self.app.how_done(),
                                  scores=self.app.best_scores())
        self.app.push_screen(screen, self._open_chosen)

    def action_quiz(self) -> None:
        from alignlearn.ui.screens.quiz import take_quiz

        take_quiz(self)

    def _open_chosen(self, lesson_id: str | None) -> None:
        if lesson_id:
            self.open_lesson(lesson_id)

    def action_search(self) -> None:
        from alignlearn.ui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.app.search_index), self._open_found)

    def _open_found(self, found: "Result | None") -> None:
        if found is not None:  # at the key terms when the hit is there, else at its section (0: the top)
            where = Where(kind=found.at) if found.at else Where(section=found.section or 0)
            self.open_lesson(found.lesson, where)

    def action_tutor(self) -> None:
        from alignlearn.ui.screens.tutor import TutorScreen

        if self.said_no_lessons():
            return
        if self.lesson is None:
            self.notify("The tutor can answer once the lesson is open.", timeout=3)
            return
        self.app.push_screen(TutorScreen(self.lesson, self.course))

    def action_about(self) -> None:
        from alignlearn.ui.screens.about import AboutScreen

        info = self.course.info(self.lesson_id) if self.lesson_id else None
        if info is not None:
            self.app.push_screen(AboutScreen(info, self.course))

    def action_links(self) -> None:
        from alignlearn.course.links import links_in
        from alignlearn.ui.screens.links import LinksScreen

        if self.lesson is None:
            return
        section = self.current_section
        blocks = section.blocks if section is not None else self.lesson.intro
        found = links_in(blocks)
        where = f"section {section.number}" if section is not None else "the introduction"
        if not found:  # the sections below it on screen: a short lesson at its end is still "in" its first
            below = [s for number in self.view.sections_in_view() for s in self.lesson.sections
                     if s.number == number and s is not section and links_in(s.blocks)]
            found = [link for s in below for link in links_in(s.blocks)]
            where = ", ".join(f"section {s.number}" for s in below) or where
        if not found:
            self.notify(f"There are no links in {where}.", timeout=3)
            return
        self.app.push_screen(LinksScreen(found, self.course, where, self.lesson_id), self._follow_link)

    def _follow_link(self, target: tuple[str, str] | None) -> None:
        if target is None:
            return
        kind, value = target
        if kind == "lesson":
            from alignlearn.course import LessonError
            from alignlearn.sources.anchors import section_for_anchor

            lesson_id, _, anchor = value.partition("#")
            lesson = self.lesson if lesson_id == self.lesson_id else None
            if lesson is None and anchor:  # another lesson's section: read it to find which
                try:
                    lesson = self.course.lesson(lesson_id, with_quiz=False)
                except (LessonError, OSError, KeyError):
                    lesson = None
            section = section_for_anchor(lesson, anchor) if (lesson is not None and anchor) else None
            self.open_lesson(lesson_id, Where(section=section.number) if section else None)
        elif kind == "url":
            from alignlearn.ui.browser import open_web_page

            open_web_page(self.app, value)
