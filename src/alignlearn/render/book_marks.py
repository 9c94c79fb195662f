"""How the blocks only books make are drawn (see ``alignlearn.sources.marks``)."""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.panel import Panel
from rich.text import Text

from alignlearn.sources.marks import QuizMark


def quiz_mark(item: QuizMark, keys: bool = True) -> RenderableType:
    """A quiz's place in a chapter, drawn like the lesson-end quiz card: "Quiz · 3 questions · x";
    without ``keys`` (``cat``: no key works on paper), "Quiz · 3 questions"."""
    broken = getattr(item, "broken", "")
    if broken:
        return Text(f"[quiz not shown: {broken}]", style="italic dim")
    line = Text()
    if item.questions:
        line.append(f"{item.questions} question{'s' if item.questions != 1 else ''}")
    if keys:
        line.append(" \u00b7 " if item.questions else "")
        line.append("x", style="bold reverse")
    elif not item.questions:
        line.append("a quiz")
    return Panel(line, title=Text("Quiz", style="bold"), title_align="left", box=box.ROUNDED,
                 expand=False, padding=(0, 1))
