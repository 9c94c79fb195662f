"""The course: lessons, quizzes and the loader. Plain Python; never imports Textual.

Names are imported on first use (PEP 562), so a command that needs only the loader
does not pay for the quiz or the checker at start-up.
"""

from alignlearn.lazy import lazy_names

_WHERE = {
    "Block": "body", "Code": "body", "Heading": "body", "ListBlock": "body", "Paragraph": "body",
    "Quote": "body", "Rule": "body", "Span": "body", "Table": "body",
    "Course": "course", "not_a_course": "catalog", "open_course": "catalog", "resolve": "catalog",
    "Lesson": "lesson", "LessonInfo": "lesson", "Section": "lesson", "load_lesson": "lesson", "slug": "lesson",
    "ERROR": "problems", "WARNING": "problems", "LessonError": "problems", "Problem": "problems",
    "Question": "quiz", "Quiz": "quiz", "load_quiz": "quiz",
}

__all__ = sorted(_WHERE)

__getattr__ = lazy_names(__name__, _WHERE)
