"""What the quiz screen shows of one question: its prompt, its choices, the outcome.

Prompts, choices and explanations are Markdown (``render.quiz_text``), built into Rich
renderables, never markup: a quiz file is content.
"""

from __future__ import annotations

import re
from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from alignlearn.course import Question, Section
from alignlearn.course.quiz import read_tracing
from alignlearn.course.quiz_session import NO, Outcome, QuizSession, Regrade
from alignlearn.progress import PASS_MARK, Attempt
from alignlearn.render.quiz_text import markdown, plain_line, program

RIGHT = "\u2713"  # ✓
WRONG = "\u2717"  # ✗


def prompt(session: QuizSession, question: Question, width: int, step: int) -> RenderableType:
    """The question (after a multipart question's shared part), a program to trace, and
    while it is being answered, what to press. ``step`` 2 is a tracing question's second."""
    parts: list[RenderableType] = []
    if question.lead:
        parts += [markdown(question.lead, width), Text("")]
    parts.append(markdown(question.prompt, width, "bold"))
    if question.program:
        parts += [Text(""), program(question.program, width), Text("")]
    if session.shown is None:
        parts.append(Text(_hint(session, question, step), style="dim"))
    return Group(*parts)


def _hint(session: QuizSession, question: Question, step: int) -> str:
    count = len(session.options())
    if question.kind == "short_answer":
        return "Type the answer below, then enter."
    if question.kind == "tracing":
        if step < 2:
            return "1 if it compiles, 2 if it does not, then enter."
        if session.selected == [NO]:
            return ("Type the number of the line with the error below, then enter "
                    "(backspace in the empty box goes back to whether it compiles).")
        return ("Type what it prints below, then enter (ctrl+j starts a new line; "
                "backspace in the empty box goes back to whether it compiles).")
    return {"single": f"Choose one with 1-{count}, then enter.",
            "multiple": f"Choose all that apply: 1-{count} toggle a choice, then enter.",
            "true_false": "1 for true, 2 for false, then enter."}[question.kind]


def box_label(session: QuizSession) -> str:
    """What the answer box asks for, written on its frame."""
    if session.question is None or session.question.kind != "tracing":
        return "Your answer"
    return "The line of the error" if session.selected == [NO] else "What it prints"


def choices(session: QuizSession, question: Question, width: int) -> RenderableType:
    """The options to pick from, marked once answered; a typed answer as it was given."""
    shown = session.shown
    if question.kind == "short_answer":
        if shown is None:
            return Text("")
        return _given_line("Your answer: ", str(shown.given), shown.correct)
    options = session.options()
    if shown is None:
        picked = session.selected
    elif question.kind == "tracing":
        given = read_tracing(shown.given)
        picked = [options[0] if given and given[0] else options[1]]
    else:
        picked = shown.given if isinstance(shown.given, list) else [_as_option(shown.given)]
    right = shown.right_options if shown else []
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    box = "[{}]" if question.kind == "multiple" else "({})"  # tick boxes, or one of a set
    pick = "x" if question.kind == "multiple" else "\u2022"  # •
    for number, option in enumerate(options, 1):
        chosen = option in picked
        mark = Text(f"{box.format(pick if chosen else ' ')} {number}", style="bold" if chosen else "")
        if shown is None:
            verdict = Text(" ")
        elif option in right:
            verdict = Text(RIGHT, style="bold green")
        elif chosen:
            verdict = Text(WRONG, style="bold red")
        else:
            verdict = Text(" ")
        table.add_row(mark, verdict, markdown(option, width - 8, "bold" if chosen else ""))
    if question.kind == "tracing" and shown is not None:
        given = read_tracing(shown.given)
        if given is not None and given[1].strip():
            label = "Its output, you said: " if given[0] else "The line of the error, you said: "
            # Not end="": the box measures the lines it holds, and would cut the last.
            return Group(table, Text(""), Text(label).append(given[1].strip("\n"), style="bold"))
    return table


_MARK = re.compile(r"[(\[].[)\]] (\d+) ")  # "( ) 3", "(\u2022) 3", "[x] 3": a choice's first line


def choice_rows(lines: list[str], number: int) -> tuple[int, int] | None:
    """Where choice ``number`` is among the painted lines of ``choices``: its first row and
    how many rows it takes (to the next choice, or the last line with text); None if absent."""
    marks = [(y, int(found.group(1))) for y, line in enumerate(lines) if (found := _MARK.match(line))]
    for at, (y, shown) in enumerate(marks):
        if shown == number:
            end = marks[at + 1][0] if at + 1 < len(marks) else \
                max(row for row, line in enumerate(lines) if line.strip()) + 1
            return y, end - y
    return None


def _given_line(label: str, given: str, correct: bool) -> Text:
    text = Text(label)
    text.append(given, style="bold")
    text.append(f"  {RIGHT}" if correct else f"  {WRONG}", style="bold green" if correct else "bold red")
    return text


def outcome(shown: Outcome | None, section: Section | None, width: int) -> RenderableType:
    """Right or wrong, the right answer, the explanation, and where it is taught."""
    if shown is None:
        return Text("")
    head = Text()
    question = shown.question
    if shown.correct:
        head.append(f"{RIGHT} Right.", style="bold green")
    else:
        head.append(f"{WRONG} Wrong.", style="bold red")
        if question.kind == "multiple":  # choices may hold commas: the marks say it
            head.append(f" The right choices are marked {RIGHT}.")
        elif question.kind in ("short_answer", "tracing"):
            head.append(" The answer: ")
            head.append(question.right_answer(), style="bold")
        else:
            head.append(" The answer: ")
            head.append(shown.right_options[0], style="bold")
    parts: list[RenderableType] = [head]
    if question.explanation.strip():
        parts += [Text(""), markdown(question.explanation, width)]
    if section is not None and not shown.correct:
        foot = Text("Taught in ")
        foot.append(f"Section {section.number}: {section.title}", style="bold")
        foot.append(". s reads it; x then brings you back here.", style="dim")
        parts += [Text(""), foot]
    return Group(*parts)


def score(session: QuizSession, best: Attempt | None, best_before: Attempt | None) -> tuple[Text, Table, Text]:
    """The end of a sitting: the score, passed or not, the best so far (``best``, a new best
    if it is not ``best_before``), and each question right or wrong."""
    score, total = session.score, session.total
    passed = total > 0 and score * 100 >= total * PASS_MARK
    head = Text(f"Your score: {scored(score, total)}", style="bold")
    head.append(f"  {RIGHT} passed" if passed else f"  not passed yet ({PASS_MARK}% passes)")
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    table.add_column(ratio=1)
    for number, outcome in enumerate(session.outcomes(), 1):
        verdict = Text(f"{RIGHT} right", style="green") if outcome.correct else Text(f"{WRONG} wrong", style="red")
        table.add_row(verdict, Text(f"{number}."), Text(summary(outcome.question)))
    if best is not None:
        head.append("\nBest so far: ", style="bold")
        head.append(f"{scored(best.score, best.total)}, on {day(best.when)}")
        if best_before is not None and best is not best_before:
            head.append("  (a new best)")
    foot = Text("r retakes the quiz, questions and choices shuffled; escape goes back to the lesson.", style="dim")
    return head, table, foot


def offer(answered: int, total: int, when: str, saved_meanwhile: bool, dropped: int = 0) -> tuple[Text, Text, Text]:
    """The offer to go on with a draft of ``answered`` answers: left half way (``when``: " on 7
    Dec 2026"), or, ``saved_meanwhile``, kept as the quiz file was saved under the sitting
    (``alignlearn preview``): the learner did not leave, and is not told so. ``dropped``: the
    draft's answers to questions since removed or changed, which the learner is told of."""
    questions = f"{total} question{'' if total == 1 else 's'}"
    lost = f" {dropped_answers(dropped)}" if dropped else ""
    if saved_meanwhile:
        answers = "Your answer" if answered == 1 else "Your answers"
        return (Text("The quiz file was saved as you took it", style="bold"),
                Text(f"{answers} to {answered} of its {questions} {'is' if answered == 1 else 'are'} kept.{lost}"),
                Text("enter goes on from there; r starts again from the first question.", style="dim"))
    return (Text("You left this quiz half way", style="bold"),
            Text(f"You answered {answered} of {questions}{when}.{lost}"),
            Text("enter resumes where you left off; r starts again from the first question.", style="dim"))


def dropped_answers(dropped: int) -> str:
    """What became of a draft's answers to questions the quiz file has since removed or changed."""
    if dropped == 1:
        return "Your answer to 1 question that was since removed or changed cannot be kept."
    return f"Your answers to {dropped} questions that were since removed or changed cannot be kept."


def stale(regrade: Regrade, score: str) -> tuple[Text, Text, Text]:
    """The quiz file saved after the learner's score (``score``: "1 of 2 (50%)") in a way that
    changes it (``alignlearn preview``): the score was true of the quiz as it was, not as saved."""
    def said(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    parts = [said(count, one, many) for count, one, many in (
        (regrade.added, "question was added", "questions were added"),
        (regrade.removed, "question was removed", "questions were removed"),
        (regrade.changed, "of your answers is graded differently", "of your answers are graded differently"))
        if count]
    changes = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    return (Text("The quiz file changed after your score", style="bold"),
            Text(f"Your score, {score}, was for the quiz as it was; since then, {changes}."),
            Text("r takes the quiz as saved; escape goes back to the lesson.", style="dim"))


def summary(question: Question) -> str:
    """The question in one line, for the list of answers at the end."""
    if question.kind == "tracing":
        first = next((line.strip() for line in question.program.split("\n") if line.strip()), "")
        return f"Trace: {first}" if first else "Trace the program"
    return plain_line(question.prompt)


def _as_option(given) -> str:
    if isinstance(given, bool):
        return "True" if given else "False"
    return str(given)


__all__ = ["RIGHT", "WRONG", "box_label", "choice_rows", "choices", "day", "outcome", "prompt", "score", "scored", "stale", "summary"]


def day(moment: datetime) -> str:
    """A date as the learner's calendar has it: "7 Dec 2026"."""
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y}"


def scored(score: int, total: int) -> str:
    """"3 of 4 (75%)"."""
    return f"{score} of {total} ({round(100 * score / total) if total else 0}%)"
