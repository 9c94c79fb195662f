"""The course: lessons, quizzes and the loader. Plain Python; never imports Textual."""

from alignlearn.course.body import Block, Code, Heading, ListBlock, Paragraph, Quote, Rule, Span, Table
from alignlearn.course.catalog import Course, open_course, resolve
from alignlearn.course.lesson import Lesson, LessonInfo, Section, load_lesson, slug
from alignlearn.course.problems import ERROR, WARNING, LessonError, Problem
from alignlearn.course.quiz import Question, Quiz, load_quiz

__all__ = [
    "Block", "Code", "Heading", "ListBlock", "Paragraph", "Quote", "Rule", "Span", "Table",
    "Course", "open_course", "resolve",
    "Lesson", "LessonInfo", "Section", "load_lesson", "slug",
    "ERROR", "WARNING", "LessonError", "Problem",
    "Question", "Quiz", "load_quiz",
]
