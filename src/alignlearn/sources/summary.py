"""An mdBook's table of contents, SUMMARY.md: its chapters in reading order.

Read line by line, the way authors write it (mdBook's own grammar is a Markdown
subset): a first ``# Title``, prefix chapters as bare links, numbered chapters as
list items nested by indentation, part titles as headings between them, ``---``
separators, drafts as links with an empty target, then suffix chapters as bare
links again. Anything else is skipped. Never raises, whatever the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

MAX_ENTRIES = 10_000
_HEADING = re.compile(r"#{1,6}(?:\s+(.*?))?\s*#*\s*\Z")
_ITEM = re.compile(r"([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)\Z")
_SEPARATOR = re.compile(r"(?:-[ \t]*){3,}\Z|(?:\*[ \t]*){3,}\Z|(?:_[ \t]*){3,}\Z")


@dataclass(eq=False)
class Chapter:
    title: str
    path: str | None  # None for a draft
    line: int  # in SUMMARY.md
    col: int
    depth: int = 0  # 0 for a top-level chapter
    part: str = ""  # the part title above it, if any
    kind: str = "numbered"  # prefix | numbered | suffix
    parents: tuple[str, ...] = ()  # titles of the chapters it is nested in


@dataclass(eq=False)
class Summary:
    title: str
    chapters: list[Chapter]


def _link(text: str) -> tuple[str, str, int] | None:
    """``[title](target)`` filling ``text``: (title, target, column of target), or None."""
    text = text.rstrip()
    if not text.startswith("[") or not text.endswith(")"):
        return None
    middle = text.rfind("](")
    if middle < 1:
        return None
    title, target = text[1:middle], text[middle + 2 : -1].strip()
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1]
    elif " " in target:  # [t](file.md "a tooltip")
        target = target.split(" ", 1)[0]
    return title, target, middle + 3


def clean_title(title: str) -> str:
    """A chapter title as plain text: no code ticks or escapes, one line."""
    title = re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>])", r"\1", title.replace("`", ""))
    return " ".join(title.split()) or "Untitled"


def parse_summary(text: str) -> Summary:
    title = ""
    chapters: list[Chapter] = []
    part = ""
    numbered_seen = False
    stack: list[tuple[int, str]] = []  # (indent, title) of the open list items
    in_comment = False
    for number, raw in enumerate(text.split("\n"), 1):
        if len(chapters) >= MAX_ENTRIES:
            break
        line = raw.replace("\r", "")
        stripped = line.strip()
        if in_comment:
            in_comment = "-->" not in stripped
            continue
        if stripped.startswith("<!--"):
            in_comment = "-->" not in stripped[4:]
            continue
        if not stripped:
            continue
        heading = _HEADING.match(stripped)
        if heading and not line.startswith((" ", "\t")):
            words = clean_title(heading.group(1) or "")
            if not title and not chapters and not part:
                title = words
            else:
                part, stack = words, []
            continue
        if _SEPARATOR.match(stripped):
            stack = []
            continue
        item = _ITEM.match(line)
        if item:
            link = _link(item.group(2))
            if link is None:
                continue
            indent = len(item.group(1).expandtabs(4))
            while stack and stack[-1][0] >= indent:
                stack.pop()
            name, target, col = link
            col += len(line) - len(item.group(2))
            chapter = Chapter(clean_title(name), unquote(target) or None, number, col, len(stack), part,
                              "numbered", tuple(t for _, t in stack))
            chapters.append(chapter)
            stack.append((indent, chapter.title))
            numbered_seen = True
            continue
        link = _link(stripped)
        if link is not None:
            name, target, col = link
            col += len(line) - len(line.lstrip())
            kind = "suffix" if numbered_seen else "prefix"  # neither belongs to a part
            chapters.append(Chapter(clean_title(name), unquote(target) or None, number, col, 0, "", kind))
            stack = []
    return Summary(title, chapters)
