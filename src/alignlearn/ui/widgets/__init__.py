"""The reader's widgets: the lesson view, the lesson map and the header."""

from alignlearn.ui.widgets.entry_list import Entry, EntryList
from alignlearn.ui.widgets.key_bar import KeyBar
from alignlearn.ui.widgets.lesson_header import LessonHeader
from alignlearn.ui.widgets.lesson_map import LessonMap
from alignlearn.ui.widgets.lesson_view import LessonView, Where

__all__ = ["Entry", "EntryList", "KeyBar", "LessonHeader", "LessonMap", "LessonView", "Where"]
