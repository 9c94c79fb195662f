"""``alignlearn quiz LESSON [--json] [--answers]``: print a lesson's quiz (SPEC section 5).

Text for people (each question, its choices or the program to trace, and with
``--answers`` the answer and its explanation), or with ``--json`` one document:
``{"lesson", "questions": [{"id", "kind", "prompt", "choices", "program", "answer",
"explanation", "section"}]}``, keys that do not apply null, ``answer`` and
``explanation`` only with ``--answers``. A lesson with no quiz prints none and exits 0;
a quiz that cannot be read is reported as ``FILE:LINE:COL: error: ...`` and exits 1.
Prompts, choices and explanations are Markdown in a quiz of any source: they are
rendered as ``cat`` renders a lesson, plain text in a pipe and styled on a terminal;
nothing in a quiz is ever markup.
"""

from __future__ import annotations

import argparse

from typing import TYPE_CHECKING

__all__ = ["add_parser", "run", "question_dict", "rendered"]

from alignlearn.commands.common import EXIT_BAD_INPUT, EXIT_OK, columns, lesson_for, output_console, print_problems, \
    print_rendered, emit
from alignlearn.course.quiz import quiz_errors

if TYPE_CHECKING:
    from rich.console import RenderableType

INDENT = 3  # columns under a question's number: its choices, answer and explanation
ANSWER = f"{'':{INDENT}}Answer: "


def add_parser(subparsers, common) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("quiz", parents=[common], help="print a lesson's quiz",
                                   description="Print the lesson's quiz: its questions and choices "
                                               "(with --answers, the answers and explanations too).")
    parser.add_argument("lesson", help="a lesson id, or the path of a lesson file")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--answers", action="store_true", help="add the answers and their explanations")
    parser.add_argument("--width", type=columns, help="the width to render at (default: the terminal's)")
    parser.set_defaults(func=run)
    return parser


def question_dict(question, answers: bool) -> dict:
    """One question as ``--json`` gives it."""
    from alignlearn.course.quiz import Tracing

    data = {
        "id": question.id,
        "kind": question.kind,
        "prompt": shown_prompt(question),
        "choices": list(question.choices) if question.kind in ("single", "multiple") else None,
        "program": question.program if question.kind == "tracing" else None,
    }
    if answers:
        answer = question.answer
        data["answer"] = answer.as_dict() if isinstance(answer, Tracing) else answer
        data["explanation"] = question.explanation or None
    data["section"] = question.section or None
    return data


def shown_prompt(question) -> str:
    """The prompt as the learner reads it: a multipart question's shared part first."""
    return f"{question.lead.strip()}\n\n{question.prompt}" if question.lead.strip() else question.prompt


def rendered(lesson, quiz, answers: bool, width: int) -> RenderableType:
    """The quiz as text for people. Prompts, choices and explanations are Markdown in a
    quiz of any source: rendered as the reader's quiz screen renders them
    (``render.quiz_text``); a title, a typed answer and a section's name are literal."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from alignlearn.render.quiz_text import markdown, program
    from alignlearn.untrusted import printable

    def literal(text: str) -> Text:
        return Text(printable(text.strip("\n")))

    def shown(text: str, at: int, style: str = "") -> RenderableType:
        return markdown(printable(text), max(width - at, 20), style)

    def beside(label: str, body: RenderableType) -> Table:
        """``body`` after ``label``, its further lines under its first."""
        grid = Table.grid()
        grid.add_column(no_wrap=True)
        grid.add_column()
        grid.add_row(label, body)
        return grid

    def indented(body: RenderableType) -> Padding:
        return Padding(body, (0, 0, 0, INDENT))

    count = len(quiz.questions)
    parts: list[RenderableType] = [literal(f"Quiz \u00b7 {lesson.title} \u00b7 {count} question{'s' * (count != 1)}")]
    for number, question in enumerate(quiz.questions, 1):
        prompt = shown(question.prompt, INDENT, "bold")
        if question.lead.strip():  # a multipart question's shared part first
            prompt = Group(shown(question.lead, INDENT), Text(""), prompt)
        parts += [Text(""), beside(f"{number}. ".ljust(INDENT), prompt)]
        if question.kind == "tracing":
            parts += [Text(""), indented(program(printable(question.program), width - INDENT))]
        for option_number, option in enumerate(question.options(), 1):
            parts.append(indented(beside(f"{option_number}) ", shown(option, INDENT + 3))))
        if question.kind == "short_answer":
            parts.append(indented(literal("(type the answer)")))
        if answers:
            if question.kind in ("single", "multiple"):  # the right choices, as shown above
                right = question.answer if isinstance(question.answer, list) else [question.answer]
                answer: RenderableType = Group(*(shown(choice, len(ANSWER)) for choice in right))
            else:
                answer = literal(question.right_answer())
            parts += [Text(""), beside(ANSWER, answer)]
            if question.kind == "short_answer" and question.alternatives:
                parts.append(indented(beside("Also right: ", literal(", ".join(question.alternatives)))))
            if question.explanation.strip():
                parts.append(indented(shown(question.explanation, INDENT)))
        if question.section:
            parts.append(indented(literal(f"(Section: {question.section})")))
    return Group(*parts)


def run(args) -> int:
    from alignlearn.untrusted import printable

    course, lesson = lesson_for(args, args.lesson)
    if lesson is None:
        return EXIT_BAD_INPUT
    quiz = lesson.quiz
    errors = quiz_errors(lesson)
    print_problems(errors)  # questions left out, said on stderr: the rest is still printed
    if quiz is None and errors:
        return EXIT_BAD_INPUT
    questions = list(quiz.questions) if quiz is not None else []
    if args.json:
        import json

        emit(json.dumps({"lesson": lesson.id, "questions": [question_dict(q, args.answers) for q in questions]},
                        indent=2, ensure_ascii=False))
    elif quiz is None:
        emit(printable(f"The lesson '{lesson.id}' has no quiz."))
    else:
        console = output_console(args.width)
        print_rendered(console, rendered(lesson, quiz, args.answers, console.width))
    return EXIT_OK
