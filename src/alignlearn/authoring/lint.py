"""Warnings for authors: what loads fine but is probably not what they meant.

The loader reports what it cannot read; these are the things a careful editor would
point out in a lesson that does load: an empty section, a question that does not say
which section teaches it, a concept the text never mentions, a table too wide for an
80-column terminal, images or raw HTML that a terminal shows only as text, declared
minutes far from the reading time, and a quiz whose answers can be guessed (quiz_lint).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Callable, Iterator

from alignlearn.course.body import Block, Heading, ListBlock, Quote, Span, Table
from alignlearn.course.problems import LessonError, Problem, Problems
from alignlearn.authoring.fences import unclosed_fence
from alignlearn.authoring.lesson_words import body_text, fold
from alignlearn.authoring.quiz_lint import guessable, minutes_problem
from alignlearn.course.source import KeyLines, closest, read_text, sanitise

if TYPE_CHECKING:
    from pathlib import Path

    from alignlearn.course.lesson import Lesson
    from alignlearn.course.quiz import Question

WIDTH = 80  # the terminal width a lesson should read well at
TableWidth = Callable[[Table], int]
WARNING = "warning"

HTML_HINT = ("use Markdown instead (**bold**, *italic*, `code`, lists, tables), "
             "or put the HTML in `backticks` or a code block if you mean to show it")


def lint_lesson(lesson: "Lesson", text: str | None = None, table_width: TableWidth | None = None) -> list[Problem]:
    """Every author warning for a loaded lesson; ``text`` is the file's text, read if not given.

    ``table_width`` gives a table's width as the reader draws it (``render.measure``);
    without it, wide tables are not looked for.
    """
    from alignlearn.course.lesson import split_front_matter

    if text is None:
        try:
            text = read_text(lesson.file, Problems(lesson.file))
        except LessonError:
            return []  # changed or gone since it was loaded; the next load reports it
    try:
        front, body, body_line = split_front_matter(sanitise(text), Problems(lesson.file))
    except LessonError:
        return []
    found = Problems(lesson.file)
    keys = KeyLines(front, first_line=2)
    _empty_sections(lesson, found)
    _unmentioned(lesson, keys, found)
    if table_width is not None:
        _wide_tables(lesson, found, table_width)
    _deep_lists(lesson, body.split("\n"), body_line, found)
    _images_and_html(body, body_line, found)
    unclosed_fence(body, body_line, found)
    if lesson.minutes is not None:
        minutes_problem(lesson, *keys.find("minutes"), found)
    problems = list(found)
    if lesson.quiz is not None:
        problems += _questions_without_section(lesson)
        problems += guessable(lesson.quiz)
    return problems


def lint_markup(file: "Path") -> list[Problem]:
    """The image and raw HTML warnings for a file with YAML front matter or none (a book's
    chapter, a plain folder's Markdown file): the reader shows them as it shows a lesson's.
    The rest of ``lint_lesson`` asks for our front matter's keys and quizzes' sections."""
    from alignlearn.sources.front_matter import split_yaml

    try:
        text = read_text(file, Problems(file))
    except LessonError:
        return []  # reported when the file was read as a lesson
    _, body, body_line = split_yaml(sanitise(text))
    found = Problems(file)
    _images_and_html(body, body_line, found)
    unclosed_fence(body, body_line, found)
    # A book written for the web is full of tags whose text the reader keeps (<span class=
    # "filename">, <kbd>, <em>): a warning for each (372 in the Rust Book) buries the ones
    # that say something is lost, an image or a <script> left out with what it holds.
    return [problem for problem in found if _DROPPED not in problem.message]


# --- sections -----------------------------------------------------------------


def _empty_sections(lesson: "Lesson", found: Problems) -> None:
    for section in lesson.sections:
        if not any(block.plain().strip() for block in section.blocks if not isinstance(block, Heading)):
            found.warning(section.line, 1, f"section '{section.title}' has no text",
                          "write what the section teaches under its heading, or delete the heading")


# --- concepts and path --------------------------------------------------------


def mentions(text: str, term: str) -> bool:
    """Whether ``text`` uses ``term`` as words: case, plurals, hyphens and line breaks aside."""
    return _mentioned(_spaced(fold(text)), term)


_DASHES_OR_SPACE = re.compile(r"[\s\-\u2010\u2011\u2013]+")


def _spaced(folded: str) -> str:
    """Folded text with each run of spaces and dashes as one space, searched by ``_mentioned``."""
    return _DASHES_OR_SPACE.sub(" ", folded)


def _mentioned(spaced: str, term: str) -> bool:
    """``mentions`` on text already passed through ``_spaced``.

    It was a regular expression per term (words joined by runs of spaces or dashes, then
    an optional plural ending, between non-word characters), and compiling one took
    longer than the rest of ``check``'s work on a lesson; with the text's runs made one
    space once, it is a string search per term with the same answer.
    """
    words = [word for word in _DASHES_OR_SPACE.split(fold(term).strip()) if word]
    if not words:
        return True
    if len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]  # "widgets" is mentioned by "widget" too
    phrase = " ".join(words)
    start = spaced.find(phrase)
    while start >= 0:
        if start == 0 or not _is_word(spaced[start - 1]):
            after = start + len(phrase)
            for ending in ("", "s", "es", "'s"):
                end = after + len(ending)
                if spaced.startswith(ending, after) and not _is_word(spaced[end:end + 1]):
                    return True
        start = spaced.find(phrase, start + 1)
    return False


def _is_word(char: str) -> bool:
    """Whether ``char`` is one that ``\\w`` matches (the empty string, past the end, is not)."""
    return char.isalnum() or char == "_"


def _unmentioned(lesson: "Lesson", keys: KeyLines, found: Problems) -> None:
    text = _spaced(fold(body_text(lesson)))
    titles = [section.title for section in lesson.sections]
    for concept in lesson.concepts:
        if not _mentioned(text, concept):
            found.warning(*keys.find("concepts"), f"concept '{concept}' is never mentioned in the lesson's body",
                          "use the term in the text where the lesson teaches it, or remove it from concepts")
    for entry in lesson.path:
        if not _mentioned(text, entry):
            guess = closest(entry, titles)
            hint = (f"did you mean the section '{guess}'? " if guess else "") + (
                "a path entry that is a section's title links to it; otherwise use its words in the text")
            found.warning(*keys.find("path"), f"path entry '{entry}' is never mentioned in the lesson's body", hint)


# --- tables -------------------------------------------------------------------


def _all_blocks(blocks: list[Block]) -> Iterator[Block]:
    for block in blocks:
        yield block
        if isinstance(block, ListBlock):
            for item in block.items:
                yield from _all_blocks(item)
        elif isinstance(block, Quote):
            yield from _all_blocks(block.blocks)


def _widest(table: Table, table_width: TableWidth) -> int:
    """The width Rich gives the table when it has room, reckoned without Rich: an upper bound.

    Measuring with Rich took a millisecond a table; this sums each column's widest line
    (as ``spans`` makes it), one space of padding each side and one border between and
    around the columns, which is what Rich's measure of a square-boxed table adds up to.
    Rich measures the few tables this puts over ``WIDTH``, for the warning's figure.
    """
    from rich.cells import cell_len


    columns = max(len(table.header), max((len(row) for row in table.rows), default=0))
    if not columns or columns > 700:
        return table_width(table)  # none, or so many that it may be drawn as cards
    widths = [0] * columns
    for row in [table.header, *table.rows]:
        for number, cell in enumerate(row[:columns]):
            widest = max((cell_len(line) for line in _shown(cell).splitlines()), default=0)
            widths[number] = max(widths[number], widest)
    return sum(widths) + 2 * columns + columns + 1


def _shown(cell: list[Span]) -> str:
    # As render.blocks.spans shows a cell: a link's address follows its text when it differs.
    return "".join(span.text + (f" ({span.href})" if span.href and span.href.strip() != span.text.strip()
                                and not span.href.startswith("#") else "") for span in cell)


def _wide_tables(lesson: "Lesson", found: Problems, table_width: TableWidth) -> None:
    blocks = list(lesson.intro) + [block for section in lesson.sections for block in section.blocks]
    for block in _all_blocks(blocks):
        if isinstance(block, Table) and _widest(block, table_width) > WIDTH:
            width = table_width(block)
            if width > WIDTH:
                found.warning(block.line, 1, f"table is {width} columns wide when drawn, more than {WIDTH}",
                              f"on an {WIDTH}-column terminal its cells wrap, or its rows become cards: shorten the "
                              "cells, use fewer columns, or move the detail into the text under the table")


# --- lists --------------------------------------------------------------------

MAX_LIST_DEPTH = 6  # lists inside lists; each level takes room from the text
_LIST_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*")  # indent and quote marks
_LIST_MARKER = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*(?:>[ \t]?)*[ \t]*")


def _deep_lists(lesson: "Lesson", rows: list[str], body_line: int, found: Problems) -> None:
    """A warning at each list nested more than ``MAX_LIST_DEPTH`` deep (not at those inside it)."""
    def walk(blocks: list[Block], depth: int) -> None:
        for block in blocks:
            if isinstance(block, Quote):
                walk(block.blocks, depth)
            elif isinstance(block, ListBlock):
                if depth + 1 > MAX_LIST_DEPTH:
                    found.warning(block.line, _marker_col(block, rows, block.line - body_line),
                                  f"a list nested {depth + 1} levels deep, more than {MAX_LIST_DEPTH}",
                                  "a list inside a list inside a list is hard to follow, and each level "
                                  "takes room from the text on a terminal: use fewer levels, or headings")
                    continue
                for item in block.items:
                    walk(item, depth + 1)

    walk(list(lesson.intro), 0)
    for section in lesson.sections:
        walk(section.blocks, 0)


def _marker_col(block: ListBlock, rows: list[str], row: int) -> int:
    """The column of the list's first marker: of the markers that open the row, the one
    before those of the lists inside it that start on the same row."""
    if not 0 <= row < len(rows):
        return 1
    inner, first = 0, block
    while first.items and first.items[0] and isinstance(first.items[0][0], ListBlock) \
            and first.items[0][0].line == block.line:
        inner, first = inner + 1, first.items[0][0]
    text = rows[row]
    starts, at = [], _LIST_PREFIX.match(text).end()
    while (match := _LIST_MARKER.match(text, at)) is not None and len(starts) <= 64:
        starts.append(at)
        at = match.end()
    return starts[-1 - inner] + 1 if len(starts) > inner else 1


# --- images and raw HTML ------------------------------------------------------


def _images_and_html(body: str, body_line: int, found: Problems) -> None:
    """Find images and HTML the reader cannot show as written: markdown-it with HTML on,
    only to locate them."""
    if not _MAY_HOLD_HTML_OR_IMAGE.search(body):
        return  # the common case: no second markdown-it pass (it was a third of check's time)
    from markdown_it import MarkdownIt

    from alignlearn.course.markdown_parser import MAX_LINES, MAX_NESTING, bound

    # Bounded as the loader's parse is, over the lines it reads: a hostile body must not take seconds.
    parser = bound(MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
                   .enable("table").enable("strikethrough"))
    body = "\n".join(body.split("\n", MAX_LINES)[:MAX_LINES])
    lines = body.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def place(offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset) - 1
        return line + body_line, offset - starts[line] + 1

    cursor = 0
    for token in parser.parse(body):
        if token.type == "html_block" and token.map:
            first = token.content.strip().split("\n")[0]
            line = lines[token.map[0]]
            at = line.find(first)
            offset = starts[token.map[0]] + (at if at >= 0 else len(line) - len(line.lstrip()))
            _html(found, *place(offset), first, block=True)
        elif token.type == "inline" and token.map and token.children:
            cursor = max(cursor, starts[token.map[0]])
            opened: set[str] = set()  # tags reported here: their closing tags are not news
            end = starts[min(token.map[1], len(starts) - 1)]
            for child in token.children:
                if child.type not in ("html_inline", "image"):
                    continue
                needle = child.content if child.type == "html_inline" else "!["
                at = body.find(needle, cursor, end)
                offset = at if at >= 0 else starts[token.map[0]]
                cursor = at + len(needle) if at >= 0 else cursor
                tag = re.match(r"<(/?)([A-Za-z][\w-]*)", child.content or "")
                if tag and tag.group(1) and tag.group(2).lower() in opened:
                    continue
                if tag:
                    opened.add(tag.group(2).lower())
                if child.type == "image":
                    alt = child.content
                    found.warning(*place(offset), f"image '{alt}' cannot be shown in a terminal",
                                  f"the reader shows only [image: {alt}]: describe what it shows in words, "
                                  "or draw it as a table or a code block")
                else:
                    _html(found, *place(offset), child.content)


# Every HTML tag, comment, declaration or processing instruction markdown-it finds (as a
# block or inline) starts with "<" and one of these; every image with "![".
_MAY_HOLD_HTML_OR_IMAGE = re.compile(r"<[A-Za-z/!?]|!\[")


# What the reader makes of HTML (``course.html_text``), so that each warning says what
# the learner sees. These lose nothing: comments are dropped, <br> breaks the line,
# <details> is a notes block under its <summary>, <pre> a code block, <Listing> a listing.
_DROPPED = "is dropped: the learner sees only the text"
_HTML_SHOWN = frozenset({"br", "wbr", "details", "summary", "pre", "listing"})
_HTML_LEFT_OUT = frozenset({"script", "style", "template", "noscript"})  # with all they hold
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def _html(found: Problems, line: int, col: int, html: str, block: bool = False) -> None:
    tag = re.match(r"<(/?)([A-Za-z][\w:-]*)", html)
    if tag is None or tag.group(2).lower() in _HTML_SHOWN:
        return  # a comment or declaration (dropped), or a tag shown as what it means
    shown = html if len(html) <= 40 else html[:39] + "\u2026"
    name = tag.group(2).lower()
    if name == "img":
        if tag.group(1):
            return
        given = _ALT.search(html)
        alt = next((g for g in given.groups() if g is not None), "") if given else ""
        if alt:
            found.warning(line, col, f"image '{alt}' cannot be shown in a terminal",
                          f"the reader shows only [image: {alt}]: describe what it shows in words, "
                          "or draw it as a table or a code block")
        else:
            found.warning(line, col, "an image with no alt text cannot be shown in a terminal",
                          "the reader shows only [image]: add alt=\"...\" saying what it shows, "
                          "or describe it in words")
    elif name in _HTML_LEFT_OUT and block:  # in a paragraph, its text is shown as any tag's
        found.warning(line, col, f"raw HTML '{shown}' is left out, with everything inside it",
                      "put it in a code block if you mean to show it")
    else:
        found.warning(line, col, f"raw HTML '{shown}' {_DROPPED}, "
                      "not what the tag does", HTML_HINT)


# --- quiz ---------------------------------------------------------------------


def _questions_without_section(lesson: "Lesson") -> list[Problem]:
    if not lesson.sections:
        return []
    found = Problems(lesson.quiz.file)
    for question in lesson.quiz.questions:
        if not question.section:
            best = best_section(lesson, question)
            found.warning(question.line, 1, f"question '{question.id}' names no section",
                          f'add section = "{best}" (or the section that teaches it), so a learner who '
                          "gets it wrong is sent back to the right place")
    return list(found)


def best_section(lesson: "Lesson", question: "Question") -> str:
    """The section sharing the most words with the question: a guess for the hint."""
    words = set(re.findall(r"\w{4,}", fold(f"{question.prompt} {question.explanation} {' '.join(question.choices)}")))

    def score(section) -> int:
        return len(words & set(re.findall(r"\w{4,}", fold(section.title + " " + section.plain()))))

    return max(lesson.sections, key=score).title


__all__ = ["WIDTH", "best_section", "lint_lesson", "lint_markup", "mentions"]
