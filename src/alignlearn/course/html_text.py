"""HTML in lesson Markdown, as books use it, made into blocks and text: never raw, never markup.

Books hold ``<details><summary>``, ``<img alt>``, ``<span class="caption">``, the Rust
book's ``<Listing number file-name caption>``, ``<br>``, ``<kbd>`` and comments. The
reader cannot show HTML, and showing it as written buries the text in tags, so:

- ``<details>`` becomes a ``Notes`` block, its ``<summary>`` the title, the blocks up
  to ``</details>`` inside (markdown-it gives the tags and the Markdown between them as
  separate blocks: markers stand for the tags until ``group`` folds them);
- ``<img>`` is its alt text, ``[image: alt]``; ``<br>`` a line break; ``<pre>`` a code block;
- a ``<Listing>`` shows its file name above and "Listing N: caption" below;
- comments, ``<script>`` and ``<style>`` are dropped, every other tag is dropped to its text.

Scanning is linear in the text: each ``<`` is read once, and an unterminated tag or
comment drops the rest of its block (it was never text). Plain Python; no Textual.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from alignlearn.course.body import Block, Code, Notes, Paragraph, Span

__all__ = ["MAX_DETAILS_DEPTH", "block_html", "group", "inline_html", "strip_tags"]

MAX_DETAILS_DEPTH = 8  # notes inside notes past this are shown flat, their text kept

# One tag from its "<": quotes may hold ">", and a tag or quote left open runs to the
# end. The loop cannot fail to match (it stops only at ">" or the end), so it never
# backtracks.
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>"']+|"[^"]*(?:"|\Z)|'[^']*(?:'|\Z))*)(?:>|\Z)""")
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s"'>]+)))?""")
_SPACE = re.compile(r"[ \t\r\n\f]+")
_BREAKS = frozenset({"p", "div", "section", "article", "aside", "header", "footer", "figure", "figcaption",
                     "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr",
                     "blockquote", "hr", "main", "nav"})  # tags that end a paragraph
_SKIPPED = frozenset({"script", "style", "template", "noscript"})  # their content is not text


@dataclass
class Tag:
    name: str  # lower case
    closing: bool
    attrs: dict[str, str] = field(default_factory=dict)


def scan(text: str) -> Iterator[tuple[int, str | Tag]]:
    """(offset, text or tag) for ``text``; comments, declarations and instructions dropped."""
    at, size = 0, len(text)
    while at < size:
        start = text.find("<", at)
        if start < 0:
            yield at, html.unescape(text[at:])
            return
        if start > at:
            yield at, html.unescape(text[at:start])
        nxt = text[start + 1:start + 2]
        if text.startswith("<!--", start):
            end = text.find("-->", start + 4)
            at = size if end < 0 else end + 3
        elif text.startswith("<![CDATA[", start):
            end = text.find("]]>", start + 9)
            yield start, text[start + 9:size if end < 0 else end]
            at = size if end < 0 else end + 3
        elif nxt in ("!", "?"):
            end = text.find(">", start + 2)
            at = size if end < 0 else end + 1
        elif (found := _TAG.match(text, start)) is not None:
            attrs = {}
            if not found.group(1) and found.group(3):
                for name, double, single, bare in _ATTR.findall(found.group(3)):
                    attrs.setdefault(name.lower(), html.unescape(double or single or bare))
            yield start, Tag(found.group(2).lower(), bool(found.group(1)), attrs)
            at = found.end()
        else:
            yield start, "<"  # a "<" that starts no tag is text ("a < b")
            at = start + 1


def image_text(attrs: dict[str, str]) -> str:
    alt = _SPACE.sub(" ", attrs.get("alt", "")).strip()
    return f"[image: {alt}]" if alt else "[image]"


def inline_html(content: str) -> Span | None:
    """What an inline tag of a paragraph shows: an image's alt text, a line break, or nothing."""
    for _, piece in scan(content):
        if isinstance(piece, Tag) and not piece.closing:
            if piece.name == "img":
                return Span(image_text(piece.attrs), frozenset({"em"}))
            if piece.name == "br":
                return Span("\n")
    return None


def strip_tags(text: str) -> str:
    """``text`` with its tags dropped (images their alt text, ``<br>`` a line break): for
    a paragraph too dense with markup to parse, kept as plain text but never raw HTML."""
    if "<" not in text:
        return text
    out = []
    for _, piece in scan(text):
        if isinstance(piece, str):
            out.append(piece)
        elif piece.name == "img" and not piece.closing:
            out.append(image_text(piece.attrs))
        elif piece.name == "br":
            out.append("\n")
    return "".join(out)


@dataclass(eq=False, repr=False)
class Mark(Block):
    """Where a ``<details>``, ``<summary>`` or ``<Listing>`` tag was; ``group`` folds these away."""

    kind: str  # details | /details | summary | listing | /listing
    spans: list[Span] = field(default_factory=list)  # the summary; a listing's caption
    above: list[Span] = field(default_factory=list)  # a listing's file name

    def plain(self) -> str:
        return ""


def block_html(content: str, line: int, safe: Callable[[str], str] = lambda text: text) -> list[Block]:
    """One HTML block of the lesson (at file line ``line``) as paragraphs, code and marks."""
    out: list[Block] = []
    spans: list[Span] = []  # the paragraph being made
    summary: list[Span] | None = None  # the summary being read
    pre: list[str] | None = None  # the text of a <pre> being read
    skipping = ""  # the tag whose content is dropped (script, style)
    counted, here = 0, line
    starts = [line]  # the line of the paragraph's first text

    def flush() -> None:
        kept = _paragraph(spans, safe)
        if kept:
            out.append(Paragraph(starts[0], kept))
        spans.clear()

    for offset, piece in scan(content):
        here += content.count("\n", counted, offset)
        counted = offset
        if isinstance(piece, str):
            if skipping:
                continue
            if pre is not None:
                pre.append(piece)
            else:
                if summary is None and not any(span.text.strip() for span in spans):
                    starts[0] = here + piece[:len(piece) - len(piece.lstrip())].count("\n")
                (summary if summary is not None else spans).append(Span(piece))
            continue
        name = piece.name
        if skipping:
            if piece.closing and name == skipping:
                skipping = ""
            continue
        if name in _SKIPPED and not piece.closing:
            skipping = name
        elif name == "pre":
            if not piece.closing and pre is None:
                flush()
                pre = []
            elif piece.closing and pre is not None:
                out.append(Code(here, safe("".join(pre).strip("\n")), ""))
                pre = None
        elif pre is not None:
            continue  # tags inside <pre> (<code>, <span>) are dropped, its text kept as written
        elif name == "summary":
            if not piece.closing and summary is None:
                flush()
                summary = []
            elif piece.closing and summary is not None:
                out.append(Mark(here, "summary", _paragraph(summary, safe)))
                summary = None
        elif name in ("details", "listing"):
            flush()
            if summary is not None:
                out.append(Mark(here, "summary", _paragraph(summary, safe)))
                summary = None
            if piece.closing:
                out.append(Mark(here, "/" + name))
            elif name == "details":
                out.append(Mark(here, "details"))
            else:
                out.append(Mark(here, "listing", *_listing(piece.attrs, safe)))
        elif name == "img" and not piece.closing:
            (summary if summary is not None else spans).append(Span(image_text(piece.attrs), frozenset({"em"})))
        elif name == "br":
            (summary if summary is not None else spans).append(Span("\n"))
        elif name in _BREAKS:
            flush()
        elif name in ("td", "th"):
            spans.append(Span(" "))
    if pre is not None:
        out.append(Code(here, safe("".join(pre).strip("\n")), ""))
    if summary is not None:
        out.append(Mark(here, "summary", _paragraph(summary, safe)))
    flush()
    return out


def _paragraph(spans: list[Span], safe: Callable[[str], str]) -> list[Span]:
    """Spans with HTML's white space: runs of it one space, line breaks kept, ends trimmed."""
    out: list[Span] = []
    for span in spans:
        text = span.text if span.text == "\n" else _SPACE.sub(" ", span.text)
        if out and out[-1].styles == span.styles:
            out[-1] = Span(out[-1].text + text, span.styles)
        else:
            out.append(Span(text, span.styles))
    cleaned = []
    for span in out:
        text = re.sub(r" ?\n ?", "\n", span.text)
        if text:
            cleaned.append(Span(safe(text), span.styles))
    if cleaned:
        cleaned[0] = Span(cleaned[0].text.lstrip(" \n"), cleaned[0].styles)
        cleaned[-1] = Span(cleaned[-1].text.rstrip(" \n"), cleaned[-1].styles)
    return [span for span in cleaned if span.text] if any(s.text.strip() for s in cleaned) else []


def _listing(attrs: dict[str, str], safe: Callable[[str], str]) -> tuple[list[Span], list[Span]]:
    """A Rust book ``<Listing>``'s caption ("Listing 4-1: ...") and file name."""
    def clean(text: str) -> str:
        return safe(_SPACE.sub(" ", text).strip())

    number, caption, name = clean(attrs.get("number", "")), clean(attrs.get("caption", "")), \
        clean(attrs.get("file-name", ""))
    below = f"Listing {number}" if number else ("Listing" if caption else "")
    if caption:
        below += f": {caption}"
    styles = frozenset({"em"})
    return ([Span(below, styles)] if below else []), ([Span(f"Filename: {name}", styles)] if name else [])


class _Frame:
    __slots__ = ("kind", "outer", "line", "title", "caption", "flat")

    def __init__(self, kind: str, outer: list[Block], line: int, caption: list[Span], flat: bool = False):
        self.kind, self.outer, self.line, self.caption, self.flat = kind, outer, line, caption, flat
        self.title: list[Span] | None = None


def group(blocks: list[Block]) -> list[Block]:
    """``blocks`` with the marks folded: each ``<details>`` to its ``</details>`` a ``Notes``
    block, a ``<Listing>`` its file name and caption around its blocks. A tag left open
    closes at the end of the blocks; a closing tag with nothing open is dropped."""
    if not any(isinstance(block, Mark) for block in blocks):
        return blocks
    out: list[Block] = []
    frames: list[_Frame] = []
    depth = 0  # of details frames that make notes
    for block in blocks:
        if not isinstance(block, Mark):
            out.append(block)
        elif block.kind == "details":
            flat = depth >= MAX_DETAILS_DEPTH
            depth += not flat
            frames.append(_Frame("details", out, block.line, [], flat))
            if not flat:
                out = []
        elif block.kind == "listing":
            frames.append(_Frame("listing", out, block.line, block.spans))
            if block.above:
                out.append(Paragraph(block.line, block.above))
        elif block.kind == "summary":
            frame = frames[-1] if frames else None
            if frame is not None and frame.kind == "details" and frame.title is None and not frame.flat:
                frame.title = block.spans
            elif block.spans:
                out.append(Paragraph(block.line, [Span(s.text, s.styles | {"strong"}) for s in block.spans]))
        elif any(frame.kind == block.kind[1:] for frame in frames):
            while frames:
                frame = frames.pop()
                out, depth = _close(frame, out, depth)
                if frame.kind == block.kind[1:]:
                    break
    while frames:
        out, depth = _close(frames.pop(), out, depth)
    return out


def _close(frame: _Frame, inner: list[Block], depth: int) -> tuple[list[Block], int]:
    if frame.kind == "listing":
        if frame.caption:
            inner.append(Paragraph(frame.line, frame.caption))
        return inner, depth
    if frame.flat:
        return inner, depth
    frame.outer.append(Notes(frame.line, inner, frame.title or []))
    return frame.outer, depth - 1
