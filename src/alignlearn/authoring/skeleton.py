"""``alignlearn new``: a lesson skeleton and an example quiz that already pass ``check``.

The skeleton is the format guide in miniature: every front-matter key is present and
explained, so an author can learn the format by editing it. A test checks that it
loads with no errors and no warnings, so it cannot drift from the loader.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from alignlearn.course.lesson import ID_PATTERN

MANIFEST = "course.toml"

# What happened to course.toml's ``order`` (see ``add_to_order``).
ADDED, LISTED, NO_ORDER, BY_HAND = "added", "listed", "no order", "by hand"

LESSON = '''\
+++
# The lesson's front matter, in TOML: every key a lesson may have, each explained
# above it. `alignlearn check` on this file reports a mistake at its line and says
# what it expects.

# Required. Lowercase letters, digits and '-'. The learner's progress is kept under
# it, so keep it once learners have started.
id = "{id}"
# Required. Shown at the top of the lesson and in the course's list of lessons.
title = "{title}"
# Optional. One line under the title.
subtitle = "One line that says what the learner will get from this lesson"
# Optional. Who the lesson is written for.
audience = "Learners"
# Optional. Estimated reading time, in whole minutes.
minutes = 10
# The learning path: the main moves, in order. An entry that is the title of a
# section links to it; any other entry is a label.
path = ["What this lesson is about", "A comparison"]
# The concept cluster: terms to connect while reading. The body must use each one.
concepts = ["worked example"]
# Ids of lessons in this course to read next.
related = []
# Optional. The one idea the learner should leave with.
big_idea = "One or two sentences the learner should remember after everything else."

# Optional. Key terms and their definitions. Keep [terms] last: every key under it
# is a term.
[terms]
"worked example" = "A problem solved step by step, to show the method."
+++

This introduction comes before the first section: say what the lesson covers and
why it matters. A **worked example** is one of the concepts listed above.

## What this lesson is about

Each level-2 heading starts a numbered section. Write plain Markdown: paragraphs,
lists, **bold**, *italic*, `code`, block quotes and code blocks.

- A list item
- Another list item

### A subsection

A level-3 heading starts a subsection inside the section.

## A comparison

A table is drawn as a real table. Keep it under 80 columns wide.

| Option | Good for | Costs |
|---|---|---|
| First | Speed | Care |
| Second | Depth | Time |
'''

QUIZ = '''\
# The quiz for the lesson "{id}": one [[questions]] entry per question, each key
# explained beside it. A kind is single, multiple, true_false or short_answer: one
# of each below.
# `alignlearn check` on the lesson reports a mistake at its line.

[[questions]]
id = "q1"                           # unique in this quiz; progress is kept by it
kind = "single"                     # one right choice
prompt = "What starts a new section of a lesson?"
choices = ["A level-2 heading", "A blank line", "A table"]
answer = "A level-2 heading"        # the text of the right choice
explanation = "Each level-2 heading starts a numbered section."   # shown after answering
section = "What this lesson is about"   # the section that teaches it

[[questions]]
id = "q2"
kind = "multiple"                   # any number of right choices
prompt = "Which of these does a lesson show as intended?"
choices = ["Tables", "Lists", "Raw HTML"]
answer = ["Tables", "Lists"]        # the texts of every right choice
explanation = "Tables and lists are drawn; raw HTML is dropped to its text."
section = "What this lesson is about"

[[questions]]
id = "q3"
kind = "true_false"                 # no choices: the learner answers true or false
prompt = "A table should fit in 80 columns."
answer = true
explanation = "Wider tables wrap their cells on an 80-column terminal."
section = "A comparison"

[[questions]]
id = "q4"
kind = "short_answer"               # no choices: the learner types the answer
prompt = "How many `#` characters start a heading that starts a new section?"
answer = "2"                        # matched ignoring case and surrounding spaces
alternatives = ["two", "##"]        # optional: other texts that are also right
explanation = "A level-2 heading, `## Title`, starts a section; `###` starts a subsection."
section = "What this lesson is about"
'''


class NewLessonError(Exception):
    """Why a lesson could not be created; ``usage`` when the id itself is wrong."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class Created:
    lesson: Path
    quiz: Path
    order: str  # ADDED, LISTED, NO_ORDER or BY_HAND


def title_of(lesson_id: str) -> str:
    words = lesson_id.replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "A new lesson"


def lesson_skeleton(lesson_id: str) -> str:
    return LESSON.format(id=lesson_id, title=title_of(lesson_id))


def quiz_skeleton(lesson_id: str) -> str:
    return QUIZ.format(id=lesson_id)


def suggested_id(text: str, fallback: str = "my-lesson") -> str:
    """An id like ``text``, its letters without their accents ("Über Café" -> "uber-cafe"),
    else ``fallback``: slug() dropped the accented letters ("ber-caf") and named a text with
    no Latin letter "section", which is a section's key, not a suggestion."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.removesuffix(".md")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or fallback


def check_id(lesson_id: str) -> None:
    if not ID_PATTERN.match(lesson_id):
        suggestion = suggested_id(lesson_id)
        raise NewLessonError(f"bad lesson id '{lesson_id}': use lowercase letters, digits and '-' "
                             f"(for example: {suggestion})", usage=True)


def create_lesson(root: Path, lesson_id: str) -> Created:
    """Write ``ID.md`` and ``ID.quiz.toml`` in the course folder ``root``; never overwrite."""
    refuse_book(root, lesson_id)
    check_id(lesson_id)
    if root.name == MANIFEST and root.is_file():
        root = root.parent
    if not root.is_dir():
        raise NewLessonError(f"{root}: no such folder (create the course folder first)")
    lesson, quiz = root / f"{lesson_id}.md", root / f"{lesson_id}.quiz.toml"
    for path in (lesson, quiz):
        if path.exists() or path.is_symlink():
            raise NewLessonError(f"{path} already exists; not overwriting it")
    other = _lesson_with_id(root, lesson_id)
    if other is not None:
        raise NewLessonError(f"lesson id '{lesson_id}' is already used by {other}")
    _write_new(lesson, lesson_skeleton(lesson_id))
    try:
        _write_new(quiz, quiz_skeleton(lesson_id))
    except NewLessonError:
        lesson.unlink()
        raise
    return Created(lesson, quiz, add_to_order(root / MANIFEST, lesson_id))


def refuse_book(root: Path, lesson_id: str) -> None:
    """``NewLessonError`` when ``root`` is an mdBook's folder or its src folder (or one in it),
    saying how to add a chapter; nothing is written.

    A book's chapters are the files its SUMMARY.md lists: a lesson written beside them is
    in no book, and one listed there would show mdBook readers our ``+++`` front matter as
    text. Editing SUMMARY.md for the author could misplace the chapter (after the suffix
    chapters mdBook refuses to build; in whichever part comes last) in a file they wrote by
    hand, so the author places it, and is told exactly what to write.
    """
    from alignlearn.sources.detect import book_holding
    from alignlearn.sources.mdbook import SUMMARY, src_folder

    if (root / "book.toml").is_file():
        book = root
    elif (root / MANIFEST).exists():
        return  # a course of its own (course.toml), even inside a book's src folder
    else:
        book = book_holding(root)
    if book is None:
        return
    src = src_folder(book)
    try:
        where = root.resolve().relative_to(src.resolve())
    except (ValueError, OSError, RuntimeError):
        where = Path()
    name = lesson_id if ID_PATTERN.match(lesson_id) else suggested_id(lesson_id, "new-chapter")
    link, title = (where / f"{name}.md").as_posix(), title_of(name)
    target = f"<{link}>" if any(c in link for c in " ()") else link  # CommonMark: a bare link has no spaces
    raise NewLessonError(
        f"{book} is an mdBook: its chapters are the files {SUMMARY} lists, so a lesson written here would "
        f"not be in the book; nothing was written.\nTo add a chapter, add a line such as\n"
        f"    - [{title}]({target})\n"
        f"to {src / SUMMARY} where it belongs, then write {src / link} as plain Markdown starting with "
        f"'# {title}' (mdbook build creates a listed file that is missing). Then run: alignlearn check {book}")


def _lesson_with_id(root: Path, lesson_id: str) -> Path | None:
    from alignlearn.course.catalog import open_course

    info = open_course(root).info(lesson_id)
    return None if info is None else info.file


def _write_new(path: Path, text: str) -> None:
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise NewLessonError(f"{path} already exists; not overwriting it") from None
    except OSError as exc:
        raise NewLessonError(f"cannot write {path}: {exc.strerror or exc}") from None


# --- course.toml ----------------------------------------------------------------

_ORDER = re.compile(r"^order[ \t]*=[ \t]*\[", re.MULTILINE)


def add_to_order(manifest: Path, lesson_id: str) -> str:
    """Append the id to ``order`` by editing the text, so the author's layout is kept.

    Returns ``NO_ORDER`` when there is no manifest or no non-empty ``order`` (the lesson
    is then placed by file name without a warning), ``LISTED`` when it is already
    there, ``ADDED``, or ``BY_HAND`` when the file is not simple enough to edit safely.
    """
    try:
        with open(manifest, encoding="utf-8", newline="") as handle:
            text = handle.read()
        data = tomllib.loads(text)
    except FileNotFoundError:
        return NO_ORDER
    except (OSError, UnicodeError, tomllib.TOMLDecodeError):
        return BY_HAND
    order = data.get("order")
    if not isinstance(order, list) or not order:
        return NO_ORDER
    if lesson_id in order:
        return LISTED
    edited = _append(text, lesson_id)
    if edited is None:
        return BY_HAND
    try:
        if tomllib.loads(edited) != dict(data, order=order + [lesson_id]):
            return BY_HAND
    except tomllib.TOMLDecodeError:
        return BY_HAND
    try:
        _replace(manifest, edited)
    except OSError:
        return BY_HAND
    return ADDED


def _append(text: str, lesson_id: str) -> str | None:
    match = _ORDER.search(text)
    if match is None or re.search(r"^\s*\[", text[: match.start()], re.MULTILINE):
        return None  # not a top-level key, or written in a way we do not edit
    close, last = _array_end(text, match.end())
    if close is None:
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    item = f'"{lesson_id}"'
    if "\n" not in text[match.end():close]:
        sep = "" if text[last] == "[" else (" " if text[last] == "," else ", ")
        return text[: last + 1] + sep + item + text[last + 1 :]
    line_start = text.rfind("\n", 0, last) + 1
    indent = re.match(r"[ \t]*", text[line_start:]).group()
    if line_start <= match.start():
        indent = "    "
    # After the last item's line, so a comment on that line stays with its item.
    eol = text.find("\n", last)
    eol = close if eol < 0 or eol > close else eol - (text[eol - 1] == "\r")
    if text[last] == ",":
        return text[:eol] + newline + indent + item + "," + text[eol:]
    return text[: last + 1] + "," + text[last + 1 : eol] + newline + indent + item + text[eol:]


def _array_end(text: str, start: int) -> tuple[int | None, int]:
    """The index of the ``]`` closing the array opened just before ``start``, and of the
    last character before it that is not space or comment."""
    depth, last, index = 1, start - 1, start
    while index < len(text):
        char = text[index]
        if char == "#":
            end = text.find("\n", index)
            index = len(text) if end < 0 else end
            continue
        if char in "\"'":
            if text.startswith(char * 3, index):
                return None, last  # multi-line strings: leave the file to the author
            end = index + 1
            while end < len(text) and text[end] != char:
                if text[end] == "\n":
                    return None, last
                end += 2 if char == '"' and text[end] == "\\" else 1
            last, index = end, end + 1
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index, last
        if not char.isspace():
            last = index
        index += 1
    return None, last


def _replace(path: Path, text: str) -> None:
    """Write ``text`` over ``path`` atomically, keeping the file's permissions."""
    mode = os.stat(path).st_mode & 0o7777
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
