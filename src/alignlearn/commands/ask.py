"""``alignlearn ask LESSON QUESTION``: the tutor's answer, with the sections it comes from.

Text for people (the answer, then "Section N: title" for each source), or with
``--json`` one document for scripts: ``{"question", "covered", "answer", "sources":
[{"lesson", "section", "title", "text"}], "mode", "suggested"}`` (SPEC section 5; "suggested":
where a decline points, ``{"lesson", "section"}``, or null). With a
model configured (SPEC section 8) the answer is the model's, over the passages the
tutor found, and ``mode`` is "model"; an answer that fell back to the lesson's own
text says why first (in the text for people). A lesson that cannot
be read is reported as ``FILE:LINE:COL: error: ...`` and exits 1; so does an empty
question. Everything is printed as plain text, never as markup.
"""

from __future__ import annotations

__all__ = ["run", "render_text"]

from alignlearn.commands.common import EXIT_BAD_INPUT, EXIT_OK, emit, fail, lesson_for, note_lesson_errors, \
    without_trailing_spaces


def render_text(answer) -> str:
    """The answer as the command prints it: its text, then where each part comes from."""
    lines = [answer.note, "", answer.text] if answer.note else [answer.text]
    labels = []
    for source in answer.sources:
        label = f"{source.label} (line {source.source_line})"
        if label not in labels:
            labels.append(label)
    if labels:
        lines += ["", "Sources:"] + [f"  {label}" for label in labels]
    if answer.covered and answer.suggested_lesson:  # "What is Cargo?" in chapter 1: "Hello, Cargo!" is about it
        lines += ["", f"{answer.suggestion} To ask there: alignlearn ask {answer.suggested_lesson} "
                      f"\"{answer.question}\""]
    return "\n".join(lines)


def add_parser(subparsers, common) -> None:
    ask = subparsers.add_parser("ask", parents=[common], help="ask the tutor about a lesson",
                                description="The tutor's answer to QUESTION from LESSON's own text, with the "
                                            "sections it comes from; it says so when the lesson does not cover it.")
    ask.add_argument("lesson", help="a lesson id, or the path of a lesson file")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print one JSON document")
    ask.set_defaults(func=run)


def run(args) -> int:
    from alignlearn.settings import tutor_model
    from alignlearn.tutor import Answer, Endpoint, Tutor, clean_question

    from alignlearn.tutor.follow_ups import leans_on_before, lesson_word
    from alignlearn.tutor.words import words

    if not words(clean_question(args.question)):  # "", "   ?": no word to ask with
        return fail('the question is empty: ask something about the lesson, for example "What is RLHF?"')
    course, lesson = lesson_for(args, args.lesson)
    if lesson is None:
        return EXIT_BAD_INPUT
    note_lesson_errors(course, lesson)
    tutor = Tutor(lesson, course)
    configured = tutor_model()
    if leans_on_before(clean_question(args.question), lesson_word(tutor)):
        # "why does it happen?", "an example?": the reader's tutor reads them with the question before
        answer = Answer(question=clean_question(args.question), covered=False, text=(
            "That question leans on one before it, and `alignlearn ask` answers one question at a time: ask it "
            f"whole, naming what it is about, for example: {tutor.example} (In the reader's tutor, t, a "
            "follow-up is read with the question before it.)"))
    elif configured is None:  # nothing is sent anywhere
        answer = tutor.ask(args.question)
    else:
        answer = tutor.ask_model(args.question, Endpoint(*configured))
    if args.json:
        import json

        emit(json.dumps(answer.as_dict(tutor.lesson.id), indent=2))
    else:
        emit(without_trailing_spaces(render_text(answer)))  # a model's lines may end in spaces
    return EXIT_OK
