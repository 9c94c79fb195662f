"""A quiz's Markdown (prompts, choices, explanations, programs) as Rich renderables.

Through the lesson's own parse (``course.markdown``) and renderer (``render.blocks``),
so a code block in a prompt looks as it does in a lesson and nothing in a quiz file is
ever markup. Text with nothing Markdown could mean is kept as one ``Text``, quickly.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from alignlearn.course.body import Code, Paragraph, spans_text

__all__ = ["markdown", "program", "plain_line"]

_MARKDOWN_SIGNS = re.compile(r"[`*_\[\]<>#|~\\&!]|^\s*(?:[-+]\s|\d+[.)]\s|>|```)|\n\s*\n", re.MULTILINE)


def markdown(text: str, width: int, style: str = "") -> RenderableType:
    """``text`` as Markdown, ``style`` over its paragraphs (bold for a prompt)."""
    text = text.strip("\n")
    if not _MARKDOWN_SIGNS.search(text):
        return Text(text, style=style)
    from alignlearn.render.blocks import block, spans

    parts: list[RenderableType] = []
    for number, item in enumerate(_blocks(text)):
        if number:
            parts.append(Text(""))
        if isinstance(item, Paragraph):
            parts.append(spans(item.spans, style))
        else:
            parts.append(block(item, max(width, 20)))
    if len(parts) == 1 and isinstance(parts[0], Text):
        return parts[0]
    return Group(*parts)


@lru_cache(maxsize=256)
def _blocks(text: str) -> tuple:
    from alignlearn.course.markdown import parse_blocks

    return tuple(parse_blocks(text))


def program(source: str, width: int) -> RenderableType:
    """A program to trace: numbered lines, as mdbook-quiz shows it (the learner may
    have to name the line of the error)."""
    from alignlearn.render.blocks import block

    lines = source.split("\n")
    digits = len(str(len(lines)))
    numbers = Text("\n".join(str(n).rjust(digits) for n in range(1, len(lines) + 1)), style="dim", end="")
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    code = block(Code(1, source, "rust"), max(width - digits - 1, 20))
    if isinstance(code, Padding):  # the lesson's indent: the numbers stand in for it
        code = code.renderable
    grid.add_row(numbers, code)
    return grid


def plain_line(text: str, limit: int = 200) -> str:
    """The first paragraph of ``text`` as plain text on one line (a prompt in a list)."""
    text = text.strip()
    if not text:
        return ""
    if _MARKDOWN_SIGNS.search(text):
        first = next((b for b in _blocks(text) if isinstance(b, Paragraph)), None)
        text = spans_text(first.spans) if first is not None else text.split("\n", 1)[0]
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "\u2026"
