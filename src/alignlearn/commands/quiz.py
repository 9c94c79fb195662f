"""``alignlearn quiz LESSON [--json] [--answers]``: print a lesson's quiz (SPEC section 5).

Text for people (each question, its choices or the program to trace, and with
``--answers`` the answer and its explanation), or with ``--json`` one document:
``{"lesson", "questions": [{"id", "kind", "prompt", "choices", "program", "answer",
"explanation", "section"}]}``, keys that do not apply null, ``answer`` and
``explanation`` only with ``--answers``. A lesson with no quiz prints none and exits 0;
a quiz that cannot be read is reported as ``FILE:LINE:COL: error: ...`` and exits 1.
Quiz text is printed as plain text, made printable, never as markup.
"""

from __future__ import annotations

import argparse

__all__ = ["add_parser", "run", "question_dict", "render_text"]

from alignlearn.commands.common import EXIT_BAD_INPUT, EXIT_OK, lesson_for, print_problems
from alignlearn.course.quiz import quiz_errors


def add_parser(subparsers, common) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("quiz", parents=[common], help="print a lesson's quiz",
                                   description="Print the lesson's quiz: its questions and choices "
                                               "(with --answers, the answers and explanations too).")
    parser.add_argument("lesson", help="a lesson id, or the path of a lesson file")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--answers", action="store_true", help="add the answers and their explanations")
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


def render_text(lesson, quiz, answers: bool) -> str:
    from alignlearn.untrusted import printable

    def clean(text: str) -> str:
        return printable(text.strip("\n"))

    def indent(text: str, by: str = "   ") -> list[str]:
        return [by + line if line else "" for line in clean(text).split("\n")]

    count = len(quiz.questions)
    lines = [clean(f"Quiz \u00b7 {lesson.title} \u00b7 {count} question{'s' if count != 1 else ''}")]
    for number, question in enumerate(quiz.questions, 1):
        prompt = clean(shown_prompt(question)).split("\n")
        lines += ["", f"{number}. {prompt[0]}"] + [f"   {line}" if line else "" for line in prompt[1:]]
        if question.kind == "tracing":
            lines += [""] + [f"   {n:>3} | {line}".rstrip() for n, line in
                             enumerate(clean(question.program).split("\n"), 1)]
        for option_number, option in enumerate(question.options(), 1):
            lines += [f"   {option_number}) " + clean(option).replace("\n", "\n      ")]
        if question.kind == "short_answer":
            lines += ["   (type the answer)"]
        if answers:
            lines += ["", "   Answer: " + clean(question.right_answer()).replace("\n", "\n           ")]
            if question.kind == "short_answer" and question.alternatives:
                lines += ["   Also right: " + clean(", ".join(question.alternatives))]
            if question.explanation.strip():
                lines += indent(question.explanation)
        if question.section:
            lines += [clean(f"   (Section: {question.section})")]
    return "\n".join(lines)


def run(args) -> int:
    from alignlearn.commands.ask import emit
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
        emit(render_text(lesson, quiz, args.answers))
    return EXIT_OK
