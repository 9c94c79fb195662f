"""Lesson Markdown to blocks (``alignlearn.course.body``), with markdown-it, bounded.

Courses come from other people, so the parse is bounded and nothing is lost silently:

- markdown-it drops, without a word, whatever is nested deeper than ``MAX_NESTING``:
  a ``Truncated`` block stands in its place, and the loader warns;
- it bounds the nesting of blocks but not of emphasis, and a few hundred levels would
  exhaust Python's recursion: styles past ``MAX_NESTING`` are dropped, text kept;
- text dense with brackets, stars or backticks costs it 10 to 25 us a character:
  past a budget, a paragraph is kept as plain text, and the loader warns;
- it turns character references (``&#x202E;``, ``&rlm;``) into the characters the
  loader's sanitising removed from the file: those become placeholders, with a
  warning at the reference.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from alignlearn.course.body import (
    CALLOUT_KINDS, Block, Callout, Code, Heading, ListBlock, Paragraph, Quote, Rule, Span, Table,
    Truncated,
)
from alignlearn.course.cancel import checkpoint
from alignlearn.course.markdown_parser import MAX_NESTING, CUT, MAX_LINES, MAX_MARKUP, MAX_MARKUP_IN_LESSON, MAX_TABLE_ROWS, parser
from alignlearn.untrusted import UNSAFE, printable, shown_as

if TYPE_CHECKING:
    from alignlearn.course.problems import Problems

MAX_CHARACTER_WARNINGS = 20  # in one lesson body; then one warning says how many more

def parse_blocks(text: str, first_line: int = 1, problems: "Problems | None" = None) -> list[Block]:
    """Parse Markdown into blocks whose ``line`` is the line in the file; report to ``problems``."""
    from markdown_it.tree import SyntaxTreeNode

    rows = text.split("\n", MAX_LINES)
    cut = len(rows) > MAX_LINES
    if cut:
        text = "\n".join(rows[:MAX_LINES])
    env: dict = {}
    tokens = parser().parse(text, env)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _flatten(token.children)
    builder = _Builder(text, first_line)
    builder.plain = env.get("plain", [])
    nodes = _tree(tokens)
    blocks = builder.blocks(nodes if nodes is not None else SyntaxTreeNode(tokens).children)
    if cut:
        builder.cut.append((first_line + MAX_LINES, "lines"))
        blocks.append(Truncated(first_line + MAX_LINES, f"truncated: {_CUT_MESSAGES['lines']}"))
    if problems is not None:
        builder.report(problems)
    return blocks


class _Nester(NamedTuple):
    opening: object
    closing: object


class _Node:
    """What ``_Builder`` reads of markdown-it's ``SyntaxTreeNode``, made in one pass.

    ``SyntaxTreeNode`` copies and reverses the token list at each level and sets each
    node's parent: an eighth of loading a lesson. The fields are the same: those of the
    token, or of the opening token of a container.
    """

    __slots__ = ("type", "children", "nester_tokens", "_token")

    def __init__(self, kind: str, token, children: list, nester: _Nester | None = None):
        self.type, self._token, self.children, self.nester_tokens = kind, token, children, nester

    map = property(lambda self: self._token.map)
    tag = property(lambda self: self._token.tag)
    attrs = property(lambda self: self._token.attrs)
    info = property(lambda self: self._token.info)
    meta = property(lambda self: self._token.meta)
    content = property(lambda self: self._token.content)


def _tree(tokens: list) -> list[_Node] | None:
    """The children of the tree's root, or None when the tokens do not nest (then
    ``SyntaxTreeNode`` says why, as it did)."""
    levels: list[list[_Node]] = [[]]
    openings: list = []
    for token in tokens:
        nesting = token.nesting
        if nesting == 0:
            children = _tree(token.children) if token.children else []
            if children is None:
                return None
            levels[-1].append(_Node(token.type, token, children))
        elif nesting == 1:
            openings.append(token)
            levels.append([])
        else:
            if nesting != -1 or not openings:
                return None
            opening = openings.pop()
            children = levels.pop()
            levels[-1].append(_Node(opening.type.removesuffix("_open"), opening, children, _Nester(opening, token)))
    return levels[0] if not openings else None


def _flatten(children: list) -> list:
    """Inline tokens with styles nested past ``MAX_NESTING`` dropped, their text kept.

    markdown-it bounds the nesting of blocks but not of emphasis (``*a *a *a ... b***``),
    and a few hundred levels would exhaust Python's recursion in the tree built from
    them: a lesson could not be opened at all.
    """
    depth, dropped, kept = 0, [], []
    for token in children:
        if token.nesting == 1:
            depth += 1
            dropped.append(depth > MAX_NESTING)
            if dropped[-1]:
                continue
        elif token.nesting == -1:
            depth -= 1
            if dropped and dropped.pop():
                continue
        kept.append(token)
    return kept


def _line(node, first_line: int) -> int:
    mapping = node.map
    return (mapping[0] if mapping else 0) + first_line


TRUNCATED = f"text nested more than {MAX_NESTING} levels deep is not shown"
_MARKERS = re.compile(r"[\s>*+\-]|\d{1,9}[.)]")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


class _Builder:
    """Blocks from markdown-it's tree, noting what was cut or made safe on the way."""

    def __init__(self, text: str, first_line: int):
        self.rows = text.split("\n")
        self.first_line = first_line
        self.truncated: list[int] = []  # lines where nested text was cut
        self.unsafe: list[tuple[int, str]] = []  # (block line, character) from a reference
        self.plain: list[tuple[int, bool]] = []  # (row, whether for its own markup) shown as plain text
        self.cut: list[tuple[int, str]] = []  # (line, "lesson" or "table") where the rest was not parsed

    def _cut(self, node) -> bool:
        """Whether markdown-it dropped the inside of this quote or list item (too deep)."""
        opening = node.nester_tokens.opening if node.nester_tokens else None
        if opening is None or opening.level + 1 < MAX_NESTING or node.children or not node.map:
            return False
        start, end = node.map
        return any(_MARKERS.sub("", row) for row in self.rows[start:end])

    def _truncated(self, node) -> list[Block]:
        line = _line(node, self.first_line)
        self.truncated.append(line)
        return [Truncated(line, f"truncated: {TRUNCATED}")]

    def blocks(self, nodes) -> list[Block]:
        blocks: list[Block] = []
        html = False  # html_text is imported only for lessons that hold HTML
        first_line = self.first_line
        for node in nodes:
            checkpoint()  # the reader may stop a long parse (course/cancel.py)
            kind = node.type
            line = _line(node, first_line)
            if kind == "paragraph":
                blocks.append(Paragraph(line, self.inline(node.children[0], line) if node.children else []))
            elif kind == "heading":
                level = int(node.tag[1])
                blocks.append(Heading(line, self.inline(node.children[0], line) if node.children else [], level=level))
            elif kind in ("bullet_list", "ordered_list"):
                start = int(node.attrs.get("start", 1)) if kind == "ordered_list" else 1
                items = [self._truncated(item) if self._cut(item) else self.blocks(item.children)
                         for item in node.children]
                blocks.append(ListBlock(line, kind == "ordered_list", start, items))
            elif kind == "blockquote":
                inner = self._truncated(node) if self._cut(node) else self.blocks(node.children)
                blocks.append(_callout(line, inner) or Quote(line, inner))
            elif kind in ("fence", "code_block"):
                language = self.safe((node.info or "").strip(), line)
                blocks.append(Code(line, node.content.rstrip("\n"), language))
            elif kind == "table":
                blocks.append(_table(node, line, self))
            elif kind == "hr":
                blocks.append(Rule(line))
            elif kind == "footnote_block":  # the notes, numbered as their marks in the text
                notes = [self.blocks(note.children) for note in node.children]
                lines = [block.line for note in notes for block in note]
                blocks.append(ListBlock(min(lines, default=line), True, 1, notes))
            elif kind == "html_block":
                from alignlearn.course.html_text import block_html

                html = True
                blocks += block_html(node.content, line, lambda text, line=line: self.safe(text, line))
            elif kind == CUT and (node.info == "table" or not self.cut):
                self.cut.append((line, node.info))
                blocks.append(Truncated(line, f"truncated: {_CUT_MESSAGES[node.info]}"))
        if html:
            from alignlearn.course.html_text import group

            blocks = group(blocks)
        return _captioned(blocks)

    def inline(self, node, line: int) -> list[Span]:
        return _inline(node, lambda text: self.safe(text, line))

    def safe(self, text: str, line: int) -> str:
        if not UNSAFE.search(text):
            return text
        self.unsafe += [(line, match.group()) for match in UNSAFE.finditer(text)]
        return printable(text)

    def report(self, problems: "Problems") -> None:
        for line in self.truncated:
            problems.warning(line, 1, TRUNCATED,
                             "nest lists and block quotes less deeply: the reader shows a note where the text was cut")
        for line, what in self.cut:
            problems.warning(line, 1, _CUT_MESSAGES[what], "split the table, or move the rows into a list or the text"
                             if what == "table" else "split it into several lessons")
        lesson_wide = False
        for row, own in self.plain:
            if own:
                problems.warning(row + self.first_line, 1, f"more than {MAX_MARKUP} markup characters in one "
                                 "paragraph: shown as plain text", _PLAIN_HINT)
            elif not lesson_wide:
                lesson_wide = True
                problems.warning(row + self.first_line, 1, f"more than {MAX_MARKUP_IN_LESSON} markup characters "
                                 "in the lesson: from here on shown as plain text", _PLAIN_HINT)
        located: set[tuple[int, int]] = set()
        for number, (line, char) in enumerate(self.unsafe):
            where = self._reference(line, char, located) or (line, 1)
            if number == MAX_CHARACTER_WARNINGS:
                problems.warning(*where, f"{len(self.unsafe) - number} more invisible or control characters "
                                 "shown as placeholders", _REFERENCE_HINT)
                break
            problems.warning(*where, f"invisible or control character U+{ord(char):04X} {shown_as(char)}",
                             _REFERENCE_HINT)

    def _reference(self, line: int, char: str, located: set) -> tuple[int, int] | None:
        """Where the character reference that wrote ``char`` is, from ``line`` on."""
        import html

        for number in range(max(line - self.first_line, 0), len(self.rows)):
            for match in _REFERENCE.finditer(self.rows[number]):
                place = (number + self.first_line, match.start() + 1)
                if place not in located and html.unescape(match.group()) == char:
                    located.add(place)
                    return place
        return None


_CUT_MESSAGES = {
    "lines": f"the lesson is longer than {MAX_LINES} lines: the rest is not shown",
    "lesson": "the lesson has too many paragraphs, headings, list items and table rows: the rest is not shown",
    "table": f"a table of more than {MAX_TABLE_ROWS} rows: the rest of its rows are not shown",
}
_PLAIN_HINT = ("brackets, stars, underscores and backticks by the thousand make Markdown slow to read: "
               "put such text in a code block")
_REFERENCE_HINT = ("a character reference such as &#x202E; or &rlm; writes an invisible or control "
                   "character: delete it")


_CALLOUT = re.compile(r"\[!(" + "|".join(CALLOUT_KINDS) + r")\](?:\s+|$)", re.IGNORECASE)
_CAPTION = re.compile(r"Table:[ \t]*")


def _callout(line: int, inner: list[Block]) -> Callout | None:
    """A quote that starts ``[!NOTE]`` (or another alert's name, any case) as a callout,
    the marker taken off; None for any other quote. GitHub wants the marker alone on
    its line; the soft break after it reaches us as a space, so text after it on the
    same line is taken too."""
    if not inner or not isinstance(inner[0], Paragraph) or not inner[0].spans:
        return None
    first = inner[0].spans[0]
    if first.styles or first.href:
        return None
    found = _CALLOUT.match(first.text)
    if found is None:
        return None
    rest = [Span(first.text[found.end():], first.styles, first.href), *inner[0].spans[1:]]
    rest = [span for span in rest if span.text]
    if rest and not rest[0].styles:
        rest[0] = Span(rest[0].text.lstrip(), rest[0].styles, rest[0].href)
    body = ([Paragraph(inner[0].line, rest)] if any(s.text.strip() for s in rest) else []) + inner[1:]
    return Callout(line, body, found[1].lower())


def _captioned(blocks: list[Block]) -> list[Block]:
    """A paragraph beginning "Table:" right after (or else right before) a table is that
    table's caption (pandoc's convention), not a paragraph of its own."""
    out: list[Block] = []
    for block in blocks:
        caption = _caption_of(block)
        if caption is not None and out and isinstance(out[-1], Table) and not out[-1].caption:
            out[-1].caption = caption
            continue
        if (isinstance(block, Table) and not block.caption and out
                and (before := _caption_of(out[-1])) is not None):
            block.caption = before
            out.pop()
        out.append(block)
    return out


def _caption_of(block: Block) -> list[Span] | None:
    if not isinstance(block, Paragraph) or not block.spans or block.spans[0].styles:
        return None
    found = _CAPTION.match(block.spans[0].text)
    if found is None:
        return None
    first = Span(block.spans[0].text[found.end():], block.spans[0].styles, block.spans[0].href)
    spans = [span for span in (first, *block.spans[1:]) if span.text]
    return spans or None


def _table(node, line: int, builder: _Builder) -> Table:
    header: list[list[Span]] = []
    rows: list[list[list[Span]]] = []
    align: list[str] = []
    for part in node.children:
        for row in part.children:
            cells = []
            for cell in row.children:
                cells.append(builder.inline(cell.children[0], line) if cell.children else [])
                if part.type == "thead":
                    style = cell.attrs.get("style", "") or ""
                    align.append(style.replace("text-align:", "") or "left")
            if part.type == "thead":
                header = cells
            else:
                rows.append(cells)
    return Table(line, header, rows, align)


def _inline(node, safe=lambda text: text) -> list[Span]:
    spans: list[Span] = []
    _walk_inline(node.children, frozenset(), None, spans)
    spans = [Span(safe(span.text), span.styles, span.href) for span in spans]
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].styles == span.styles and merged[-1].href == span.href:
            merged[-1] = Span(merged[-1].text + span.text, span.styles, span.href)
        elif span.text:
            merged.append(span)
    return merged


_STYLE = {"strong": "strong", "em": "em", "s": "strike", "link": "link"}


def _walk_inline(nodes, styles: frozenset, href: str | None, out: list[Span]) -> None:
    for node in nodes:
        kind = node.type
        if kind == "text":
            out.append(Span(node.content, styles, href))
        elif kind == "code_inline":
            out.append(Span(node.content, styles | {"code"}, href))
        elif kind == "footnote_ref":  # its note, numbered at the end of the lesson
            out.append(Span(f"[{node.meta['id'] + 1}]", styles, href))
        elif kind in ("softbreak",):
            out.append(Span(" ", styles, href))
        elif kind == "hardbreak":
            out.append(Span("\n", styles, href))
        elif kind == "html_inline":
            from alignlearn.course.html_text import inline_html

            shown = inline_html(node.content)  # an image's alt text, a line break, or nothing
            if shown is not None:
                out.append(Span(shown.text, styles | shown.styles, href))
        elif kind == "image":
            alt = "".join(child.content for child in node.children or [])
            out.append(Span(f"[image: {alt}]", styles | {"em"}, href))
        elif kind == "link":
            _walk_inline(node.children, styles | {"link"}, str(node.attrs.get("href", "")), out)
        elif kind in _STYLE:
            _walk_inline(node.children, styles | {_STYLE[kind]}, href, out)
        elif node.children:
            _walk_inline(node.children, styles, href, out)
        elif getattr(node, "content", ""):
            out.append(Span(node.content, styles, href))
