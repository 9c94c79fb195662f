"""The learner's progress: what was read, where, and every quiz attempt (SPEC section 6).

Plain Python, no Textual: the reader, the ``progress`` commands and the tests share it.

Usage, from a worker thread (a save takes milliseconds, the first load may take longer)::

    store = ProgressStore()          # paths.progress_file(), or a path of your own
    progress = store.load()          # then store.take_notices(): tell the learner
    store.mark_section_read("ai-alignment", "alignment-technical-problem", section_key("RLHF"))
"""

from .codec import NewerFormatError, ProgressFileError, UnreadableProgressError, dumps, loads
from .merge import merge
from .model import (
    FORMAT_VERSION,
    PASS_MARK,
    Answer,
    Attempt,
    CourseProgress,
    LessonProgress,
    Position,
    Progress,
    QuizDraft,
    section_key,
    utc_now,
)
from .store import SIZE_CAP, Notice, ProgressStore

__all__ = [
    "FORMAT_VERSION",
    "PASS_MARK",
    "SIZE_CAP",
    "Answer",
    "Attempt",
    "CourseProgress",
    "LessonProgress",
    "NewerFormatError",
    "Notice",
    "Position",
    "Progress",
    "ProgressFileError",
    "ProgressStore",
    "QuizDraft",
    "UnreadableProgressError",
    "dumps",
    "loads",
    "merge",
    "section_key",
    "utc_now",
]
