"""``alignlearn progress show``: the table, and ``--json``, written as they are made.

A learner's progress may hold a hundred thousand lessons. A Rich ``Table`` of that many
rows measures and keeps every cell before printing the first line, so the table is drawn
here in two passes over the progress held in memory: one for the column widths, then
each row is written as it comes, in batches. The output is never held whole. It looks
like the Rich table it replaces (Rich draws the title, the header and the caption).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from rich.cells import cell_len, chop_cells

from alignlearn.progress.model import INTRODUCTION

__all__ = ["write_table", "write_json"]

BATCH = 512  # rows written at once: few writes, and the output appears as it goes
HEADERS = ("Course", "Lesson", "Read", "Best", "Last attempt")  # short: the titles get the room
RIGHT = (False, False, True, True, False)  # right-justified columns
MIN_ID = 6  # cells the id columns keep however narrow the terminal
LAST_MIN = len("2025-03-01 12:00")  # the last attempt's column, its score on a line below


# ------------------------------------------------------------------------- table


def _rows(progress, encoding: str = "utf-8", titles: dict[tuple[str, str], str] | None = None,
          quizzes: dict[tuple[str, str], int] | None = None,
          whole: set[tuple[str, str]] | None = None) -> Iterator[tuple[str, str, str, str, str]]:
    """Each lesson's cells, its title when the course is known (else its id), made
    printable (an imported file's ids could carry ESC) and, on a terminal that is not
    UTF-8, with what it cannot show already replaced by ``?`` so that the columns are
    measured as they will look. A quiz left half way is said after the last attempt,
    out of its number of questions when ``quizzes`` knows it. A lesson in ``whole`` has
    no sections: its text read is one read, as ``lessons`` counts it."""
    titles = titles or {}
    whole = whole or set()
    quizzes = quizzes or {}
    from alignlearn.untrusted import printable

    def shown(text: str) -> str:
        text = printable(text, one_line=True)
        if encoding.startswith("utf") or text.isascii():
            return text
        return text.encode(encoding, "replace").decode(encoding)

    for course_id, course in progress.courses.items():
        course_cell = shown(course_id)
        for lesson_id, lesson in course.lessons.items():
            best, last = lesson.best_attempt(), lesson.last_attempt()
            attempted = "-" if last is None else f"{_local(last.when)}  {_score(last.score, last.total)}"
            if lesson.draft is not None:
                going = _in_progress(len(lesson.draft.answers), quizzes.get((course_id, lesson_id)))
                attempted = going if last is None else f"{attempted}  {going}"
            yield (
                course_cell, shown(titles.get((course_id, lesson_id), lesson_id)),
                str(len(lesson.sections_read) - (INTRODUCTION in lesson.sections_read and  # as `lessons` counts
                                                 (course_id, lesson_id) not in whole)),
                "-" if best is None else _score(best.score, best.total),
                attempted,
            )


def _in_progress(answered: int, questions: int | None) -> str:
    """A quiz left half way (its answers kept in a draft, to resume): short enough for one
    line of the last attempt's column at 80 columns."""
    out_of = f"/{questions}" if questions else ""
    return f"quiz {answered}{out_of} so far"


def _score(score: int, total: int) -> str:
    percent = round(100 * score / total) if total else 0
    return f"{score}/{total} ({percent}%)"


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _widths(progress, room: int, encoding: str, titles=None, quizzes=None, whole=None) -> list[int]:
    """Each column's width in cells: its widest cell, squeezed to fit ``room``.

    First the last attempt goes on two lines (its date, then its score), then the ids
    share what is left, the wider one giving up cells first; an id too long for its
    column goes on as many lines as it needs, never cut short.
    """
    widths = [cell_len(header) for header in HEADERS]
    for row in _rows(progress, encoding, titles, quizzes, whole):
        for index, cell in enumerate(row):
            if len(cell) > widths[index] or not cell.isascii():
                widths[index] = max(widths[index], cell_len(cell))
    over = sum(widths) + 3 * len(widths) + 1 - room
    if over > 0 and widths[4] > LAST_MIN:
        cut = min(over, widths[4] - LAST_MIN)
        widths[4] -= cut
        over -= cut
    if over > 0:
        left = max(widths[0] + widths[1] - over, 2 * MIN_ID)  # cells for both ids
        narrow, wide = sorted((0, 1), key=lambda index: widths[index])
        widths[narrow] = min(widths[narrow], max(left // 2, MIN_ID))
        widths[wide] = max(left - widths[narrow], MIN_ID)
    return widths


def _cell_lines(cell: str, width: int) -> list[str]:
    """The cell on lines of at most ``width`` cells: cut at its double spaces (the last
    attempt's date and score), then between words (a title), and only a word longer than
    the column anywhere (ids have no spaces to wrap at)."""
    if (len(cell) if cell.isascii() else cell_len(cell)) <= width:
        return [cell]
    lines: list[str] = []
    for piece in cell.split("  "):
        line = ""
        for word in piece.split(" "):
            if line and cell_len(line) + 1 + cell_len(word) <= width:
                line += " " + word
                continue
            if line:
                lines.append(line)
            chopped = chop_cells(word, width) if cell_len(word) > width else [word]
            lines.extend(chopped[:-1])
            line = chopped[-1]
        lines.append(line)
    return lines


def _pad(cell: str, width: int, right: bool) -> str:
    gap = width - (len(cell) if cell.isascii() else cell_len(cell))
    return " " * gap + cell if right else cell + " " * gap


def write_table(progress, path: Path, titles: dict[tuple[str, str], str] | None = None,
                quizzes: dict[tuple[str, str], int] | None = None,
                whole: set[tuple[str, str]] | None = None) -> None:
    """The table of every lesson's progress, to standard output; ``titles`` and
    ``quizzes`` (the number of questions) by (course id, lesson id), and ``whole`` (the
    lessons of no sections), for the lessons of the courses that could be read."""
    from rich.box import HEAVY_HEAD
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, emoji=False, markup=False)
    box = HEAVY_HEAD.substitute(console.options)  # plain ASCII on a terminal that is not UTF-8
    encoding = console.encoding.lower()
    widths = _widths(progress, console.width, encoding, titles, quizzes, whole)
    padded = [width + 2 for width in widths]
    table_width = sum(padded) + len(padded) + 1

    console.print(Text("Progress", style="table.title"), justify="left", width=table_width)
    console.print(Text(box.get_top(padded)), soft_wrap=True)
    header = Text(box.head_left)
    for index, (title, width) in enumerate(zip(HEADERS, widths)):
        header.append(" ")
        header.append(_pad(title, width, False), style="table.header")
        header.append(" " + (box.head_vertical if index < len(HEADERS) - 1 else box.head_right))
    console.print(header, soft_wrap=True)
    console.print(Text(box.get_row(padded, "head")), soft_wrap=True)

    out = console.file
    separator = f" {box.mid_vertical} "
    # The usual row, ASCII cells that fit, is one format; the others are cut and padded
    # cell by cell.
    line = (f"{box.mid_left} "
            + separator.join(f"{{:{'>' if right else '<'}{width}}}" for width, right in zip(widths, RIGHT))
            + f" {box.mid_right}\n")
    batch: list[str] = []
    for row in _rows(progress, encoding, titles, quizzes, whole):
        if all(len(cell) <= width and cell.isascii() for cell, width in zip(row, widths)):
            batch.append(line.format(*row))
        else:
            cells = [_cell_lines(cell, width) for cell, width in zip(row, widths)]
            for number in range(max(len(lines) for lines in cells)):
                parts = [_pad(lines[number] if number < len(lines) else "", width, right)
                         for lines, width, right in zip(cells, widths, RIGHT)]
                batch.append(f"{box.mid_left} {separator.join(parts)} {box.mid_right}\n")
        if len(batch) >= BATCH:
            out.write("".join(batch))
            batch.clear()
    out.write("".join(batch))
    out.flush()
    console.print(Text(box.get_bottom(padded)), soft_wrap=True)
    console.print(Text(str(path), style="table.caption"), justify="center", width=table_width)


# -------------------------------------------------------------------------- json


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


_quote = json.encoder.encode_basestring  # a JSON string, not escaping beyond ASCII (C, when there)


def _score_json(attempt, inner: str) -> str:
    if attempt is None:
        return "null"
    return (f'{{\n{inner}  "score": {attempt.score},\n{inner}  "total": {attempt.total},\n'
            f'{inner}  "when": {_quote(attempt.when.isoformat())}\n{inner}}}')


def _lesson_json(lesson_id: str, lesson, outer: str) -> str:
    """The lesson as ``json.dumps(indent=2)`` writes it at indentation ``outer``, written
    out here: that encoder is pure Python once it indents, the slowest step of --json."""
    inner = outer + "  "
    sections = sorted(lesson.sections_read)
    read = ("[\n" + ",\n".join(f"{inner}  {_quote(key)}" for key in sections) + f"\n{inner}]"
            if sections else "[]")
    place = lesson.position
    position = "null" if place is None else (
        f'{{\n{inner}  "section": {_quote(place.section)},\n{inner}  "line": {place.line},\n'
        f'{inner}  "updated": {_quote(place.updated.isoformat())}\n{inner}}}')
    return (f'{{\n{inner}"id": {_quote(lesson_id)},\n{inner}"sections_read": {read},\n'
            f'{inner}"position": {position},\n{inner}"attempts": {len(lesson.attempts)},\n'
            f'{inner}"best": {_score_json(lesson.best_attempt(), inner)},\n'
            f'{inner}"last_attempt": {_score_json(lesson.last_attempt(), inner)},\n'
            f'{inner}"draft": {"true" if lesson.draft is not None else "false"}\n{outer}}}')


def _dumps(value: Any, depth: int) -> str:
    """``value`` as ``json.dumps(indent=2)`` writes it ``depth`` levels into a document."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)


def _json_parts(progress, path: Path) -> Iterator[str]:
    """The same text as ``json.dumps(document, indent=2, ensure_ascii=False)``, in pieces."""
    yield f'{{\n  "file": {_dumps(str(path), 1)},\n  "courses": '
    if not progress.courses:
        yield "[]\n}"
        return
    yield "["
    for number, (course_id, course) in enumerate(progress.courses.items()):
        yield ("," if number else "") + "\n    {\n"
        yield f'      "id": {_dumps(course_id, 3)},\n'
        yield f'      "last_lesson": {_dumps(course.last_lesson, 3)},\n'
        yield f'      "last_opened": {_dumps(_iso(course.last_opened), 3)},\n'
        yield '      "lessons": '
        if not course.lessons:
            yield "[]"
        else:
            yield "["
            for index, (lesson_id, lesson) in enumerate(course.lessons.items()):
                yield ("," if index else "") + "\n        " + _lesson_json(lesson_id, lesson, "        ")
            yield "\n      ]"
        yield "\n    }"
    yield "\n  ]\n}"


def write_json(progress, path: Path, stream: TextIO | None = None) -> None:
    """One JSON document, in UTF-8 whatever the locale's encoding (JSON is UTF-8:
    RFC 8259), written in batches as it is made."""
    stream = stream or sys.stdout
    stream.flush()
    binary = getattr(stream, "buffer", None)
    batch: list[str] = []

    def flush() -> None:
        text = "".join(batch)
        batch.clear()
        if binary is not None:
            binary.write(text.encode("utf-8"))
        else:  # a text stream with no bytes under it (a test's StringIO)
            stream.write(text)

    for part in _json_parts(progress, path):
        batch.append(part)
        if len(batch) >= BATCH:
            flush()
    batch.append("\n")
    flush()
    if binary is not None:
        binary.flush()
