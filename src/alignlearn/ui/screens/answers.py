"""For the author in preview (``a``): the quiz with its answers marked, and ``check``'s
warnings for the file, in one scrollable dialog.

The answers are marked with a ✓ and the word "answer", never by colour alone, so they
read the same with NO_COLOR, in a monochrome terminal, or to a screen reader.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from alignlearn.course import Lesson, Problem
from alignlearn.course.quiz import quiz_errors
from alignlearn.ui.screens.dialog import Dialog
from alignlearn.ui.widgets.key_bar import key_hints

KINDS = {"single": "one answer", "multiple": "one or more answers", "true_false": "true or false",
         "short_answer": "typed answer", "tracing": "trace the program"}


def answer_sheet(lesson: Lesson | None) -> RenderableType:
    """Every question of the lesson's quiz, its choices, the answers marked, the explanation:
    a grid, so wrapped lines keep their indent."""
    if lesson is None:
        return Text("The lesson could not be read, so neither could its quiz.", style="italic")
    quiz = lesson.quiz
    if quiz is None or not quiz.questions:
        if quiz is None and quiz_errors(lesson):
            return Text("This lesson's quiz could not be read: see check's report below.", style="italic")
        text = Text("This lesson has no quiz" if quiz is None else "This quiz has no question that loads",
                    style="italic")
        text.append(f" (it would be {lesson.file.name.removesuffix('.md')}.quiz.toml, beside the lesson).")
        return text
    count = len(quiz.questions)
    title = Text(f"{quiz.file.name}: {count} question{'s' if count != 1 else ''}", style="bold")
    if any(p.is_error and p.file == str(quiz.file) for p in lesson.problems):
        title.append(" (questions with errors are left out: see check's report below)", style="italic")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for number, question in enumerate(quiz.questions, 1):
        grid.add_row("", "")
        grid.add_row(Text(f"{number}.", style="bold"), Text(question.prompt, style="bold"))
        grid.add_row("", Text(f"{question.id} \u00b7 {KINDS.get(question.kind, question.kind)} "
                              f"\u00b7 line {question.line}", style="dim"))
        if question.kind == "true_false":
            right = ["True" if question.answer else "False"]
        elif isinstance(question.answer, list):
            right = list(question.answer)
        else:
            right = [str(question.answer)]
        if question.kind in ("short_answer", "tracing"):  # typed: no options, so the answer itself
            if question.program:
                grid.add_row("", Text(question.program, style="cyan"))
            choice = Text(question.right_answer(), style="bold")
            choice.append("  \u2190 answer", style="green")
            grid.add_row(Text("\u2713", style="bold green"), choice)
        for option in question.options():
            if option in right:
                choice = Text(option, style="bold")
                choice.append("  \u2190 answer", style="green")
                grid.add_row(Text("\u2713", style="bold green"), choice)
            else:
                grid.add_row("", Text(option))
        why = Text("Why: ", style="dim")
        why.append(question.explanation)
        grid.add_row("", why)
        taught = Text("Taught in: ", style="dim")
        taught.append(question.section or "no section named", style="" if question.section else "italic")
        grid.add_row("", taught)
    return Group(title, grid)


def warning_list(problems: list[Problem]) -> Text:
    """``check``'s problems for the file, as it prints them, with a count first."""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    text = Text(end="")
    text.append(f"check: {errors} error{'s' if errors != 1 else ''}, "
                f"{warnings} warning{'s' if warnings != 1 else ''}\n", style="bold")
    if not problems:
        text.append("Nothing to fix.", style="italic")
    for problem in problems:
        text.append("\n")
        text.append(str(problem), style="bold red" if problem.is_error else "yellow")
    return text


class AnswersScreen(Dialog[None]):
    """The quiz with its answers marked, then ``check``'s report on the file (run in a thread)."""

    class _Checked(Message, bubble=False):
        def __init__(self, problems: list[Problem]) -> None:
            super().__init__()
            self.problems = problems

    CSS_PATH = ["dialog.tcss", "answers.tcss"]

    def __init__(self, lesson: Lesson | None, file: Path) -> None:
        super().__init__()
        self.lesson = lesson
        self.file = file

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog answers"):
            yield Static(Text(f"Answers and warnings \u00b7 {self.file.name}", style="bold"),
                         classes="dialog-title")
            with VerticalScroll(id="answers-scroll"):
                yield Static(answer_sheet(self.lesson), id="answers")
                yield Static(Text("Checking the file\u2026", style="dim"), id="warnings")
            yield Static(key_hints(("\u2191 \u2193 pgup pgdn", "scroll"), ("escape", "back")), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#answers-scroll").focus()
        self._check()

    @work(thread=True, exclusive=True, group="check", description="check the lesson file")
    def _check(self) -> None:
        from alignlearn.authoring.check import check_lesson_file
        from alignlearn.render.measure import table_width

        try:
            problems = check_lesson_file(self.file, table_width).problems
        except OSError as error:
            problems = [Problem(str(self.file), 1, 1, "error", str(error))]
        self.post_message(self._Checked(problems))

    @on(_Checked)
    def _checked(self, message: _Checked) -> None:
        self.query_one("#warnings", Static).update(warning_list(message.problems))
