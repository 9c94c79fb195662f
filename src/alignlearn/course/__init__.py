"""The course: lessons, quizzes and the loader. Plain Python; never imports Textual.

Names are imported on first use (PEP 562), so a command that needs only the loader
does not pay for the quiz or the checker at start-up.
"""

from importlib import import_module

_WHERE = {
    "Block": "body", "Code": "body", "Heading": "body", "ListBlock": "body", "Paragraph": "body",
    "Quote": "body", "Rule": "body", "Span": "body", "Table": "body",
    "Course": "catalog", "open_course": "catalog", "resolve": "catalog",
    "Lesson": "lesson", "LessonInfo": "lesson", "Section": "lesson", "load_lesson": "lesson", "slug": "lesson",
    "ERROR": "problems", "WARNING": "problems", "LessonError": "problems", "Problem": "problems",
    "Question": "quiz", "Quiz": "quiz", "load_quiz": "quiz",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'alignlearn.course' has no attribute {name!r}")
    value = getattr(import_module(f"alignlearn.course.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
