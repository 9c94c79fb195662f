"""Lesson blocks to Rich renderables. Lesson text only ever becomes ``Text``, never markup."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.cells import cell_len
from rich.table import Table as RichTable
from rich.text import Text

from alignlearn.course.body import (
    Block, Callout, Code, Heading, ListBlock, Notes, Paragraph, Quote, Rule, Span, Table, Truncated,
)
from alignlearn.render.lists import ListView

SPAN_STYLES = {"strong": "bold", "em": "italic", "code": "bold cyan", "strike": "strike", "link": "underline"}


def spans(items: list[Span], base: str = "") -> Text:
    text = Text(style=base)
    for span in items:
        style = " ".join(SPAN_STYLES[s] for s in sorted(span.styles) if s in SPAN_STYLES)
        text.append(span.text, style=style or None)
        if span.href and span.href.strip() != span.text.strip() and not span.href.startswith("#"):
            text.append(f" ({span.href})", style="dim")
    return text


def block(item: Block, width: int, keys: bool = True) -> RenderableType:
    """``keys``: a book's quiz card names the reader's key (``cat`` draws it without: no key works on paper)."""
    if isinstance(item, Paragraph):
        return spans(item.spans)
    if isinstance(item, Heading):
        return Text.assemble(spans(item.spans, "bold"))
    if isinstance(item, ListBlock):
        return _list(item, width)
    if isinstance(item, Callout):
        return callout(item, width)
    if isinstance(item, Notes):
        return notes(item, width)
    if isinstance(item, Quote):
        return _QuoteBar(item, width)
    if isinstance(item, Code):
        from alignlearn.render.code import CodeBlock

        return CodeBlock(item)  # highlighted when drawn, on a console with colour
    if isinstance(item, Table):
        return table(item, width)
    if isinstance(item, Rule):
        return Text("\u2500" * min(width, 40), style="dim")
    if isinstance(item, Truncated):
        return Text(f"[{item.reason}]", style="italic dim")
    if type(item).__name__ == "QuizMark":  # a {{#quiz}} in a book's chapter
        from alignlearn.render.book_marks import quiz_mark

        return quiz_mark(item, keys)
    return Text(item.plain())


def blocks(items: list[Block], width: int) -> list[RenderableType]:
    """Renderables with one blank line between blocks."""
    out: list[RenderableType] = []
    for number, item in enumerate(items):
        if number:
            out.append(Text(""))
        out.append(block(item, width))
    return out


def _list(item: ListBlock, width: int) -> RenderableType:
    markers = [f"{item.start + n}." if item.ordered else "\u2022" for n in range(len(item.items))]
    cells: list[RenderableType] = []
    for marker, content in zip(markers, item.items):
        inner = width - len(marker) - 1
        parts = [block(sub, inner) for sub in content]
        cells.append(Group(*parts) if parts else Text(""))
    return ListView(markers, cells)


class _QuoteBar:
    """A block quote: a bar down the left of the quoted text, as tall as the text."""

    def __init__(self, quote: Quote, width: int):
        self.quote = quote
        self.width = width

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        inner = Group(*blocks(self.quote.blocks, max(options.max_width - 2, 10)))
        lines = console.render_lines(inner, options.update_width(max(options.max_width - 2, 10)),
                                     style=console.get_style("italic"))
        bar = Segment("\u2502 ", console.get_style("dim"))
        for line in lines:
            yield bar
            yield from line
            yield Segment.line()


# Each callout's colour; its label says the same in words, for 16 colours and NO_COLOR.
CALLOUT_STYLES = {"note": "blue", "tip": "green", "important": "magenta", "warning": "yellow", "caution": "red"}


def callout(item: Callout, width: int) -> RenderableType:
    """A GitHub alert: its text in a box whose top edge carries its label ("Note", "Warning")."""
    from rich.panel import Panel

    colour = CALLOUT_STYLES.get(item.kind, "blue")
    inner = max(width - 4, 10)
    body = Group(*blocks(item.blocks, inner)) if item.blocks else Text("")
    return Panel(body, title=Text(item.label, style=f"bold {colour}"), title_align="left",
                 box=box.ROUNDED, border_style=colour, expand=True, width=min(width, 100), padding=(0, 1))


def notes(item: Notes, width: int) -> RenderableType:
    """An HTML ``<details>``: a dim box titled "▸ " and its summary, its text inside (a
    terminal page cannot fold, so the text is shown; the box says it was folded away)."""
    from rich.panel import Panel

    title = Text("\u25b8 ", style="bold")
    title.append_text(spans(item.title, "bold") if item.title else Text("Details", style="bold"))
    inner = max(width - 4, 10)
    body = Group(*blocks(item.blocks, inner)) if item.blocks else Text("")
    return Panel(body, title=title, title_align="left", box=box.ROUNDED, border_style="dim",
                 expand=True, width=min(width, 100), padding=(0, 1))


def table(item: Table, width: int) -> RenderableType:
    """A comparison table, box-drawn, under its caption if it has one; when it cannot fit
    ``width`` without breaking a word inside a cell, one card per row."""
    drawn = _table(item, width)
    if not item.caption:
        return drawn
    return Group(spans(item.caption, "bold italic"), drawn)


def _table(item: Table, width: int) -> RenderableType:
    columns = max(len(item.header), max((len(r) for r in item.rows), default=0))
    headers = [spans(item.header[n]) if n < len(item.header) else Text("") for n in range(columns)]
    rows = [([spans(cell) for cell in row] + [Text("")] * (columns - len(row)))[:columns] for row in item.rows]
    widths = column_widths([headers, *rows], width - TABLE_EDGES * columns - 1) if columns else None
    if widths is None:
        return cards(item, width)
    grid = RichTable(box=box.SQUARE, show_lines=True, expand=False, header_style="bold")
    for number, header in enumerate(headers):
        justify = item.align[number] if number < len(item.align) else "left"
        grid.add_column(header, justify=justify if justify in ("left", "center", "right") else "left",
                        overflow="fold", width=widths[number])
    for cells in rows:
        grid.add_row(*cells)
    return grid


TABLE_EDGES = 3  # a square-boxed column's padding (one space each side) and its border


def column_widths(rows: list[list[Text]], room: int) -> list[int] | None:
    """Each column's width (without padding) for cells that fit ``room`` with no word
    broken, or None when they cannot. Columns wider than their share give way first,
    down to their longest word, as Rich's own layout does but without going below it."""
    columns = len(rows[0])
    least, most = [1] * columns, [1] * columns
    for row in rows:
        for number, cell in enumerate(row):
            text = cell.plain
            least[number] = max(least[number], max((cell_len(w) for w in text.split()), default=0))
            most[number] = max(most[number], max(cell_len(line) for line in text.split("\n")))
    if sum(least) > room:
        return None
    if sum(most) <= room:
        return most
    low, high = 0, max(most)  # the widest cap on every column that still fits the room
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(a, min(b, cap)) for a, b in zip(least, most)) <= room:
            low = cap
        else:
            high = cap - 1
    widths = [max(a, min(b, low)) for a, b in zip(least, most)]
    spare = room - sum(widths)
    for number in range(columns):  # what the cap left over, one column to each that wants more
        if spare and widths[number] < most[number]:
            widths[number] += 1
            spare -= 1
    return widths


def cards(item: Table, width: int = 80) -> RenderableType:
    """Each row as a card, for a terminal too narrow for the table: the first cell as its
    title, and the other cells as lines under it, each "Header: value" (the title too),
    wrapped at spaces."""
    from rich.padding import Padding

    parts: list[RenderableType] = []
    if not item.rows:  # a header alone: its cells, one a line
        parts.extend(spans(cell, "bold") for cell in item.header)
    for number, row in enumerate(item.rows):
        if number:
            parts.append(Text("\u2500" * min(12, max(width, 1)), style="dim"))
        if row:  # titled "Header: value", as the lines under it are: the title says what it is
            title = spans(item.header[0], "bold") if item.header and item.header[0] else Text(style="bold")
            if title.plain:
                title.append(": ")
            title.append_text(spans(row[0], "bold"))
            parts.append(title)
        for column, cell in enumerate(row[1:], 1):
            header = item.header[column] if column < len(item.header) else []
            line = spans(header, "bold") if header else Text()
            if header:
                line.append(": ")
            line.append_text(spans(cell))
            parts.append(Padding(line, (0, 0, 0, 2)) if width > 20 else line)
    return Group(*parts)
