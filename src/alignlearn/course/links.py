"""The links of a lesson, and what following one would do.

Nothing in a lesson opens without the learner confirming it, and only two kinds of
link can be followed: web pages (http, https) and other lessons of the course.
Anything else (``file:``, ``javascript:``, ``mailto:`` ...) is listed but not opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from alignlearn.course import Course
from alignlearn.course.body import Block, ListBlock, Paragraph, Heading, Quote, Span, Table


@dataclass(frozen=True)
class Link:
    text: str
    href: str


def _from_spans(spans: list[Span], out: list[Link]) -> None:
    joined = False  # whether the previous span was part of the same link
    for span in spans:
        if span.href and joined and out[-1].href == span.href:
            out[-1] = Link(out[-1].text + span.text, span.href)
        elif span.href:
            out.append(Link(span.text, span.href))
        joined = bool(span.href)


def links_in(blocks: list[Block]) -> list[Link]:
    """Every link in ``blocks``, in reading order, each href once."""
    out: list[Link] = []

    def walk(items: list[Block]) -> None:
        for item in items:
            if isinstance(item, (Paragraph, Heading)):
                _from_spans(item.spans, out)
            elif isinstance(item, ListBlock):
                for entry in item.items:
                    walk(entry)
            elif isinstance(item, Quote):
                walk(item.blocks)
            elif isinstance(item, Table):
                for cell in item.header:
                    _from_spans(cell, out)
                for row in item.rows:
                    for cell in row:
                        _from_spans(cell, out)

    walk(blocks)
    seen: set[str] = set()
    unique = []
    for link in out:
        if link.href not in seen:
            seen.add(link.href)
            unique.append(Link(" ".join(link.text.split()) or link.href, link.href))
    return unique


def target(href: str, course: Course | None, current: str | None) -> tuple[str, str]:
    """What following ``href`` does: ("url", URL), ("lesson", "ID" or "ID#anchor") or ("none", why)."""
    href = href.strip()
    parts = urlsplit(href)
    if parts.scheme in ("http", "https") and parts.netloc:
        return "url", href
    if parts.scheme or parts.netloc:
        return "none", f"not opened: only web pages and lessons of this course can be ({parts.scheme or 'remote'} link)"
    path, anchor = parts.path, parts.fragment
    if not path:
        return ("lesson", f"{current}#{anchor}") if current and anchor else ("none", "an empty link")
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".md"):
        name = name[:-3]
    source = getattr(course, "source", None)  # a book's chapters are named by their path
    if source is not None:
        name = source.lesson_for_link(path, course.info(current) if current else None) or name
    if course is not None and course.info(name) is not None:
        return "lesson", f"{name}#{anchor}" if anchor else name
    return "none", "not opened: no lesson of this course has that name"
