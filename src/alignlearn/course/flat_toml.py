"""A quick reader for the flat TOML that lessons, quizzes and course.toml are made of.

``tomllib`` reads strings a character at a time in Python: for a large course, reading
its front matter and quizzes was most of the time to open it for the first time and
much of ``check``. Our files are nearly always flat: ``key = value`` lines,
``[terms]`` and ``[[questions]]`` headers, values that are strings without escapes,
whole numbers, true/false and lists of those (on one line or several). This reads
that shape with a few regular expressions and returns exactly what ``tomllib.loads``
would; anything else (an escape, a float, a date, a dotted key, an inline table, a
multi-line string, a repeated key, any mistake) returns None, and the caller uses
``tomllib``, which also reports the error. A property test holds the two to the same
answer (tests/core/test_flat_toml.py).
"""

from __future__ import annotations

import re

__all__ = ["loads_flat"]

_CONTROL = "\x00-\x08\x0a-\x1f\x7f"  # TOML allows tab, and no other control, in strings and comments
_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf"""(?:({_BARE})|"([^"\\{_CONTROL}]*)"|'([^'{_CONTROL}]*)')"""
_END = rf"[ \t]*(?:#[^{_CONTROL}]*)?(?:\n|\Z)"  # the rest of a line: spaces, a comment
_SCALAR = (rf""""([^"\\{_CONTROL}]*)"(?!")|'([^'{_CONTROL}]*)'(?!')"""
           r"|(-?(?:0|[1-9][0-9]{0,17})|true|false)(?=[ \t\n#,\]]|\Z)")

# One line: blank or a comment; a [table] or [[array]] header; key = scalar; key = [ (a list).
_LINE = re.compile(
    rf"[ \t]*(?:(#[^{_CONTROL}]*)?(\n|\Z)"
    rf"|(\[\[|\[)[ \t]*{_KEY}[ \t]*(\]\]|\]){_END}"
    rf"|{_KEY}[ \t]*=[ \t]*(?:(?:{_SCALAR}){_END}|(\[)))"
)
_LINE_END = re.compile(_END)
_STRING_LIST = re.compile(rf"""\[[ \t]*((?:"[^"\\{_CONTROL}]*"[ \t]*,[ \t]*)*(?:"[^"\\{_CONTROL}]*"[ \t]*)?)\]""")
_QUOTED = re.compile(rf'"([^"\\{_CONTROL}]*)"')
_ARRAY_SPACE = re.compile(rf"(?:[ \t\n]|#[^{_CONTROL}]*)*")  # inside a list: spaces, newlines, comments
_ITEM = re.compile(_SCALAR)
_COMMA = re.compile(rf",(?:[ \t\n]|#[^{_CONTROL}]*)*")
_CLOSE = re.compile(r"\]")


def _scalar(match: re.Match, first: int):
    """The value of a ``_SCALAR`` match whose groups start at ``first``."""
    basic, literal, word = match.group(first, first + 1, first + 2)
    if basic is not None:
        return basic
    if literal is not None:
        return literal
    if word == "true":
        return True
    if word == "false":
        return False
    return int(word)


def _array(text: str, pos: int) -> tuple[list, int] | None:
    """The list that starts just after the ``[`` at ``pos - 1``, and the position after its ``]``."""
    items: list = []
    pos = _ARRAY_SPACE.match(text, pos).end()
    while True:
        close = _CLOSE.match(text, pos)
        if close:
            return items, close.end()
        item = _ITEM.match(text, pos)
        if item is None:
            return None
        items.append(_scalar(item, 1))
        pos = _ARRAY_SPACE.match(text, item.end()).end()
        comma = _COMMA.match(text, pos)
        if comma:
            pos = comma.end()
        elif not _CLOSE.match(text, pos):
            return None


def loads_flat(text: str) -> dict | None:
    """``tomllib.loads(text)`` for flat TOML, or None for anything else (then use tomllib)."""
    root: dict = {}
    table = root
    arrays: set[str] = set()  # the [[name]] lists made here: only those take another entry
    pos, end = 0, len(text)
    line = _LINE.match
    while pos < end:
        match = line(text, pos)
        if match is None:
            return None
        (_, newline, opening, h_bare, h_basic, h_literal, closing,
         bare, basic, literal, s_basic, s_literal, s_word, listed) = match.groups()
        if newline is not None:
            pos = match.end()
            continue
        if opening is not None:
            name = h_bare if h_bare is not None else h_basic if h_basic is not None else h_literal
            if opening == "[[" and closing == "]]":
                if name not in root:
                    root[name] = []
                    arrays.add(name)
                elif name not in arrays:
                    return None
                table = {}
                root[name].append(table)
            elif opening == "[" and closing == "]" and name not in root:
                table = root[name] = {}
            else:
                return None
            pos = match.end()
            continue
        key = bare if bare is not None else basic if basic is not None else literal
        if key in table:
            return None
        if listed is None:
            if s_basic is not None:
                table[key] = s_basic
            elif s_literal is not None:
                table[key] = s_literal
            else:
                table[key] = True if s_word == "true" else False if s_word == "false" else int(s_word)
            pos = match.end()
            continue
        strings = _STRING_LIST.match(text, match.end() - 1)  # the common list: strings on one line
        parsed = (_QUOTED.findall(strings.group(1)), strings.end()) if strings else _array(text, match.end())
        if parsed is None:
            return None
        table[key], pos = parsed
        line_end = _LINE_END.match(text, pos)
        if line_end is None:
            return None
        pos = line_end.end()
    return root
