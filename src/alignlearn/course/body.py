"""A lesson body as plain data: blocks and styled spans, parsed once with markdown-it.

The renderer (and the tutor, and search) work on these dataclasses rather than on
markdown-it tokens, so the core has one idea of what a lesson says. HTML is made
text and notes (``alignlearn.course.html``); nothing here is ever interpreted as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
@dataclass(eq=False, repr=False)
class Span:
    """A run of text with its inline styles (``strong``, ``em``, ``code``, ``link``)."""

    text: str
    styles: frozenset[str] = frozenset()
    href: str | None = None


@dataclass(eq=False, repr=False)
class Block:
    line: int  # 1-based line in the lesson file

    def __repr__(self) -> str:
        return f"{type(self).__name__}(line={self.line}, text={self.plain()[:40]!r})"

    def plain(self) -> str:
        raise NotImplementedError


def spans_text(spans: list[Span]) -> str:
    return "".join(span.text for span in spans)


@dataclass(eq=False, repr=False)
class Spanned(Block):
    """A block that is one run of styled text."""

    spans: list[Span]

    def plain(self) -> str:
        return spans_text(self.spans)


class Paragraph(Spanned):
    pass


@dataclass(eq=False, repr=False)
class Heading(Spanned):
    level: int = 1


@dataclass(eq=False, repr=False)
class ListBlock(Block):
    ordered: bool
    start: int
    items: list[list[Block]]

    def plain(self) -> str:
        return "\n".join(" ".join(b.plain() for b in item) for item in self.items)


@dataclass(eq=False, repr=False)
class Quote(Block):
    blocks: list[Block]

    def plain(self) -> str:
        return "\n".join(b.plain() for b in self.blocks)


CALLOUT_KINDS = ("note", "tip", "important", "warning", "caution")


@dataclass(eq=False, repr=False)
class Callout(Quote):
    """A GitHub alert (``> [!NOTE]`` ... ``[!CAUTION]``): a quote drawn as a box with its label."""

    kind: str = "note"  # one of CALLOUT_KINDS

    @property
    def label(self) -> str:
        return self.kind.capitalize()


@dataclass(eq=False, repr=False)
class Notes(Quote):
    """An HTML ``<details>`` block: drawn as a closed-looking box, its ``<summary>`` the title."""

    title: list[Span] = field(default_factory=list)

    def plain(self) -> str:
        return "\n".join([spans_text(self.title), *(b.plain() for b in self.blocks)]).strip("\n")


@dataclass(eq=False, repr=False)
class Code(Block):
    text: str
    language: str = ""

    def plain(self) -> str:
        return self.text


@dataclass(eq=False, repr=False)
class Table(Block):
    header: list[list[Span]]
    rows: list[list[list[Span]]]
    align: list[str] = field(default_factory=list)  # "left" | "center" | "right"
    caption: list[Span] = field(default_factory=list)  # from a "Table: ..." paragraph beside it

    def plain(self) -> str:
        lines = [" | ".join(spans_text(c) for c in self.header)]
        lines += [" | ".join(spans_text(c) for c in row) for row in self.rows]
        return "\n".join(lines)

    def header_text(self) -> list[str]:
        return [spans_text(cell) for cell in self.header]

    def rows_text(self) -> list[list[str]]:
        return [[spans_text(cell) for cell in row] for row in self.rows]


@dataclass(eq=False, repr=False)
class Rule(Block):
    def plain(self) -> str:
        return ""


@dataclass(eq=False, repr=False)
class Truncated(Block):
    """Stands where the parser gave up (nesting too deep), so nothing is lost silently."""

    reason: str

    def plain(self) -> str:
        return self.reason
