"""The learner's progress: what was read, where, and every quiz attempt (SPEC section 6).

Plain Python, no Textual: the reader, the ``progress`` commands and the tests share it.

Usage, from a worker thread (a save takes milliseconds, the first load may take longer)::

    store = ProgressStore()          # paths.progress_file(), or a path of your own
    progress = store.load()          # then store.take_notices(): tell the learner
    store.mark_section_read("ai-alignment", "alignment-technical-problem", section_key("RLHF"))

Names are imported on first use (PEP 562), like ``alignlearn.course``: the reader needs
the model (``section_key``) for its first frame, and the codec and the store (20 ms of
imports) only in the worker that reads the file.
"""

from alignlearn.lazy import lazy_names

from .merge import merge  # eagerly: a lazy ``merge`` would be shadowed by its submodule of that name

_WHERE = {
    "NewerFormatError": "codec", "ProgressFileError": "codec", "UnreadableProgressError": "codec",
    "dumps": "codec", "loads": "codec",
    "FORMAT_VERSION": "model", "PASS_MARK": "model", "Answer": "model", "Attempt": "model",
    "CourseProgress": "model", "LessonProgress": "model", "Position": "model", "Progress": "model",
    "QuizDraft": "model", "section_key": "model", "utc_now": "model",
    "SIZE_CAP": "store", "Notice": "store", "ProgressStore": "store",
}

__all__ = sorted([*_WHERE, "merge"])

__getattr__ = lazy_names(__name__, _WHERE)
