"""mdBook's directives, resolved in a chapter's text before it is parsed.

``{{#include FILE}}`` (whole, ``:ANCHOR``, ``:N``, ``:N:M``, ``:N:``, ``::M``),
``{{#rustdoc_include}}`` (the range only: the lines around it would be hidden),
``{{#playground FILE}}`` (a Rust code block), ``{{#title T}}`` and ``{{#quiz FILE}}``.
Any other directive, or one that fails, becomes a marker: a paragraph of its own that
the chapter's reader turns into a dim note (or, for a quiz, a quiz card). Files are
read only inside the book's folder, with the lessons' size cap; each problem is
reported at the directive's line. Each line of the result knows the chapter line it
came from, so sections, notes and problems point into the chapter.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from alignlearn.course.problems import LessonError, Problems
from alignlearn.course.source import MAX_FILE_BYTES, read_text, sanitise
from alignlearn.sources.marks import Marker
from alignlearn.sources.rust_code import FENCE, hide_rust_lines

DIRECTIVE = re.compile(r"(\\?)\{\{#([A-Za-z_][\w-]*)(?:[ \t]+([^}\n]*?))?[ \t]*\}\}")
SENTINEL = "\ue000"  # around a marker's number; the same character in the text becomes U+FFFD
MARKER_LINE = re.compile(SENTINEL + r"(\d+)" + SENTINEL + r"\Z")
_ANCHOR_LINE = re.compile(r"ANCHOR(?:_END)?:\s*[\w-]+")
MAX_DEPTH = 10  # mdBook's limit on includes within includes
MAX_TOTAL = 4 * MAX_FILE_BYTES  # of one chapter with everything it includes
INCLUDES = ("include", "rustdoc_include", "playground")


@dataclass
class Expanded:
    text: str
    lines: list[int]  # chapter line of each line of ``text``
    markers: list[Marker] = field(default_factory=list)
    title: str | None = None
    files: set[Path] = field(default_factory=set)  # every file read, for previews to watch


class _Broken(Exception):
    pass


class _Context:
    def __init__(self, root: Path, problems: Problems, expanded: Expanded):
        self.root = root
        self.real_root = os.path.realpath(root)
        self.problems = problems
        self.out = expanded
        self.size = 0


def expand(text: str, file: Path, root: Path, problems: Problems, first_line: int = 1) -> Expanded:
    """Resolve the directives of ``text`` (the body of chapter ``file``, starting at line
    ``first_line``) in the book at ``root``. Never raises for bad input."""
    expanded = Expanded("", [])
    context = _Context(Path(root), problems, expanded)
    lines, where = _expand(text.replace(SENTINEL, "\ufffd"), Path(file).parent, context, first_line, None, 0)
    lines, where = hide_rust_lines(lines, where)
    expanded.text, expanded.lines = "\n".join(lines), where
    return expanded


def _expand(text: str, folder: Path, context: _Context, first_line: int, at: int | None,
            depth: int) -> tuple[list[str], list[int]]:
    """Lines and their chapter lines; ``at``: the chapter line of the directive that
    included ``text`` (None for the chapter itself)."""
    out: list[str] = []
    where: list[int] = []
    fence = ""
    for number, line in enumerate(text.split("\n"), first_line):
        here = number if at is None else at
        fenced = FENCE.match(line)
        if fenced and (not fence or fenced.group(1).startswith(fence) and not fenced.group(2).strip()):
            fence = "" if fence else fenced.group(1)[0] * 3
        if "{{#" not in line:
            out.append(line)
            where.append(here)
            continue
        alone = DIRECTIVE.fullmatch(line.strip())
        if alone and not fence and not alone.group(1):
            pieces = [_directive(alone, folder, context, here, line.index("{{#") + 1, depth, block=True)]
        else:
            pieces, last = [], 0
            for match in DIRECTIVE.finditer(line):
                pieces.append(line[last : match.start()])
                pieces.append(_directive(match, folder, context, here, match.start() + 1, depth, block=False))
                last = match.end()
            pieces = ["".join(pieces) + line[last:]]
        for piece in pieces:
            for part in piece.split("\n"):
                out.append(part)
                where.append(here)
    return out, where


def _directive(match: re.Match, folder: Path, context: _Context, line: int, col: int, depth: int,
               block: bool) -> str:
    escaped, name, argument = match.group(1), match.group(2), (match.group(3) or "").strip()
    if escaped:  # \{{#include x}} is written to show the directive itself
        return match.group(0)[1:]
    if name == "title":
        context.out.title = sanitise(argument) or None
        return ""
    if name in INCLUDES:
        try:
            text = _include(name, argument, folder, context, line, depth)
        except _Broken as broken:
            context.problems.error(line, col, str(broken), _INCLUDE_HINT)
            return _marker(context, Marker("note", f"not shown: {broken}", line), block)
        return text
    if name == "quiz":
        try:
            path = _inside(argument.split()[0] if argument else "", folder, context)
        except _Broken as broken:
            context.problems.error(line, col, f"quiz: {broken}", _INCLUDE_HINT)
            return _marker(context, Marker("note", f"quiz not shown: {broken}", line), block)
        context.out.files.add(path)
        return _marker(context, Marker("quiz", argument, line, path), block)
    context.problems.warning(line, col, f"the mdBook directive '{name}' is not supported; it is shown as a note",
                             "alignlearn resolves include, rustdoc_include, playground, title and quiz")
    return _marker(context, Marker("note", f"{name}: shown only in the book's web version", line), block)


def _marker(context: _Context, marker: Marker, block: bool) -> str:
    if not block:
        return f"[{marker.text}]"
    context.out.markers.append(marker)
    return f"\n{SENTINEL}{len(context.out.markers) - 1}{SENTINEL}\n"


_INCLUDE_HINT = "the file must exist inside the book's folder; check its name and the path from this chapter"


def _inside(name: str, folder: Path, context: _Context) -> Path:
    """The file ``name`` names from ``folder``, refused unless it is in the book's folder."""
    if not name:
        raise _Broken("no file named")
    if "\x00" in name or os.path.isabs(name):
        raise _Broken(f"'{sanitise(name)}' is not a path inside the book")
    path = Path(os.path.normpath(os.path.join(folder, name)))
    root = os.path.normpath(os.path.abspath(context.root))
    if os.path.commonpath([os.path.abspath(path), root]) != root:
        raise _Broken(f"'{sanitise(name)}' is outside the book's folder")
    real = os.path.realpath(path)
    if os.path.commonpath([real, context.real_root]) != context.real_root:
        raise _Broken(f"'{sanitise(name)}' links to a file outside the book's folder")
    return path


def _include(kind: str, argument: str, folder: Path, context: _Context, line: int, depth: int) -> str:
    if depth >= MAX_DEPTH:
        raise _Broken(f"includes nested more than {MAX_DEPTH} deep")
    words = argument.split()
    spec = words[0] if words else ""
    name, _, selection = spec.partition(":")
    path = _inside(name, folder, context)
    context.out.files.add(path)  # watched even when missing: creating it changes the chapter
    found = Problems(path)
    try:
        text = read_text(path, found)
    except LessonError as error:
        reason = error.problems[0].message if error.problems else "cannot be read"
        raise _Broken(f"'{sanitise(name)}': {reason}") from None
    context.size += len(text)
    if context.size > MAX_TOTAL:
        raise _Broken(f"the chapter with its includes is over {MAX_TOTAL} bytes")
    text = sanitise(text).replace(SENTINEL, "\ufffd")
    lines = _select(text.removesuffix("\n").split("\n"), selection, name)
    lines = [item for item in lines if not _ANCHOR_LINE.search(item)]
    if kind == "playground":
        attributes = ",".join(["rust", *words[1:]])
        lines = [f"```{attributes}", *lines, "```"]
    inner, _ = _expand("\n".join(lines), path.parent, context, 1, line, depth + 1)
    return "\n".join(inner)


def _select(lines: list[str], selection: str, name: str) -> list[str]:
    if not selection:
        return lines
    parts = selection.split(":")
    if all(part.isdigit() or part == "" for part in parts) and len(parts) <= 2:
        if len(parts) == 1:  # :N is line N only
            start = end = int(parts[0])
        else:
            start = int(parts[0]) if parts[0] else 1
            end = int(parts[1]) if parts[1] else len(lines)
        return lines[max(start, 1) - 1 : max(end, 0)]
    anchor = parts[0]
    begin = re.compile(rf"ANCHOR:\s*{re.escape(anchor)}\b")
    finish = re.compile(rf"ANCHOR_END:\s*{re.escape(anchor)}\b")
    for number, item in enumerate(lines):
        if begin.search(item):
            for last in range(number + 1, len(lines)):
                if finish.search(lines[last]):
                    return lines[number + 1 : last]
            return lines[number + 1 :]
    raise _Broken(f"no anchor '{sanitise(anchor)}' in '{sanitise(name)}'")
