"""How the blocks only books make are drawn (see ``alignlearn.sources.marks``)."""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.panel import Panel
from rich.text import Text

from alignlearn.sources.marks import QuizMark


def quiz_mark(item: QuizMark) -> RenderableType:
    """A quiz's place in a chapter, drawn like the lesson-end quiz card: "Quiz · 3 questions · x"."""
    broken = getattr(item, "broken", "")
    if broken:
        return Text(f"[quiz not shown: {broken}]", style="italic dim")
    line = Text()
    if item.questions:
        line.append(f"{item.questions} question{'s' if item.questions != 1 else ''}")
        line.append(" \u00b7 ")
    line.append("x", style="bold reverse")
    return Panel(line, title=Text("Quiz", style="bold"), title_align="left", box=box.ROUNDED,
                 expand=False, padding=(0, 1))
