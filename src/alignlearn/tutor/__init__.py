"""The grounded tutor: answers a learner's question from the lesson's own text.

Plain Python; never imports Textual. The reader's tutor screen and ``alignlearn ask``
both use ``Tutor(lesson, course).ask(question) -> Answer``.
"""

from alignlearn.tutor.answers import Answer, Source
from alignlearn.tutor.model import Endpoint, ModelError
from alignlearn.tutor.passages import Passage, lesson_passages
from alignlearn.tutor.tutor import THRESHOLD, Tutor, clean_question

__all__ = ["Answer", "Source", "Endpoint", "ModelError", "Passage", "lesson_passages", "THRESHOLD", "Tutor",
           "clean_question"]
