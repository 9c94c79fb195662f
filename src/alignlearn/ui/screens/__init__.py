"""The reader's screens: the lesson, and the dialogs that go on top of it."""

from alignlearn.ui.screens.lesson import LessonScreen

__all__ = ["LessonScreen"]
