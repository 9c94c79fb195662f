"""Reading author files safely: regular files only, capped in size, UTF-8, sanitised.

Courses come from other people, so nothing is read before we know it is a regular
file of a sane size (a FIFO or ``/dev/zero`` would hang a plain ``read_text``), and
every control, bidi or zero-width character becomes a visible placeholder so that
nothing in a lesson can reach the terminal except as text.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path

from alignlearn.course.flat_toml import loads_flat
from alignlearn.course.problems import Problems
from alignlearn.untrusted import UNSAFE, TooComplexError, loads_toml, placeholder, shown_as

MAX_FILE_BYTES = 1024 * 1024
MAX_TOML_CHARS = 256 * 1024
MAX_TOML_LINES = 20_000

# Which characters are unsafe, and their placeholders, are shared with the progress
# store: see alignlearn.untrusted.
_UNSAFE = UNSAFE


_CONTROL_NAMES = {
    0x00: "NUL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "VERTICAL TAB", 0x0C: "FORM FEED",
    0x1B: "ESCAPE", 0x7F: "DELETE", 0xFEFF: "BYTE ORDER MARK",
}


def _unsafe_hint(char: str) -> str:
    import unicodedata

    code = ord(char)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, "") or f"U+{code:04X}"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"delete the control character {name}: lessons hold printable text, tabs and newlines only"
    return f"delete the invisible {name}, often pasted in from a web page or a word processor"


_SAFE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n"


def has_unsafe(text: str) -> bool:
    """Whether ``UNSAFE`` matches anything in ``text``.

    Its class reaches past U+FFFF, so ``re`` tests each character against a list of
    ranges, a good part of opening a large course the first time. The ASCII
    characters it matches are the controls other than tab and newline, and DEL, which
    ``bytes.translate`` finds in ASCII text at memory speed.
    """
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _SAFE_ASCII))
    return _UNSAFE.search(text) is not None


def sanitise(text: str, problems: Problems | None = None, first_line: int = 1) -> str:
    """Replace unsafe characters with placeholders, warning at each line and column.

    The first ``MAX_CHARACTER_WARNINGS`` of a file are reported one by one, the rest
    in one warning that counts them.
    """
    if not has_unsafe(text):
        return text
    if problems is not None:
        line, last = first_line, 0
        matches = _UNSAFE.finditer(text)
        for match in matches:
            start = match.start()
            line, last = line + text.count("\n", last, start), start
            col = start - text.rfind("\n", 0, start)
            if problems.characters >= MAX_CHARACTER_WARNINGS:
                more = 1 + sum(1 for _ in matches)
                problems.characters_summed = True
                problems.warning(line, col, f"{more} more invisible or control characters shown as placeholders",
                                 _MORE_HINT)
                break
            problems.characters += 1
            problems.warning(line, col, f"invisible or control character U+{ord(match.group()):04X} "
                             f"{shown_as(match.group())}", _unsafe_hint(match.group()))
    return _UNSAFE.sub(lambda m: placeholder(m.group()), text)


def sanitise_value(value: str, problems: Problems | None, keys: "KeyLines", at: tuple[int, int]) -> str:
    """Sanitise a string parsed from TOML, warning where each unsafe character is written.

    The file was sanitised before parsing, so an unsafe character in a value was written
    as an escape (``\\u200b``): find that escape from the key at ``at`` on, so the warning
    points at it rather than at a column of the parsed value.
    """
    if problems is not None:
        for match in _UNSAFE.finditer(value):
            if problems.characters >= MAX_CHARACTER_WARNINGS:
                if not problems.characters_summed:
                    problems.characters_summed = True
                    problems.warning(*at, "more invisible or control characters shown as placeholders", _MORE_HINT)
                break
            problems.characters += 1
            char = match.group()
            code = ord(char)
            escape = rf"\\(?:u{code:04x}|U{code:08x}{'|b' if code == 8 else ''}{'|f' if code == 12 else ''})"
            line, col = keys.locate(re.compile(escape, re.IGNORECASE), *at) or at
            problems.warning(line, col, f"invisible or control character U+{code:04X} {shown_as(char)}",
                             _unsafe_hint(char))
    return sanitise(value)


MAX_CHARACTER_WARNINGS = 20
_MORE_HINT = "only the first few are reported one by one: search the file for them, or retype the text"


def read_text(path: Path, problems: Problems, cap: int = MAX_FILE_BYTES) -> str:
    """Read an author's file as text with LF line endings, or raise ``LessonError``.

    A file that is a symbolic link must resolve inside the folder it is in (a
    lesson's, quiz's or ``course.toml``'s folder is its course): a downloaded course
    must not show or index ``~/.ssh/id_rsa`` through a link named ``lesson.md``.
    """
    try:
        info = os.lstat(path)  # a plain file, the common case, takes this one call
        if stat.S_ISLNK(info.st_mode):
            _link_inside(path, problems)
            info = os.stat(path)
    except FileNotFoundError:
        raise problems.fail(1, 1, "file not found", "check the file's name and folder")
    except OSError as exc:
        raise problems.fail(1, 1, f"cannot read file: {exc.strerror or exc}", _UNREADABLE)
    if not stat.S_ISREG(info.st_mode):
        raise problems.fail(1, 1, "not a regular file", _NOT_REGULAR)
    if info.st_size > cap:
        raise problems.fail(
            1, 1, f"file is too large ({info.st_size} bytes; the limit is {cap})", _TOO_LARGE
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):
                raise problems.fail(1, 1, "not a regular file", _NOT_REGULAR)
            # Up to cap + 1 bytes, as read(cap + 1) would; but that made a buffer of a
            # mebibyte for each few-KB lesson, much of reading a large course: ask for
            # the size the file has, then for the rest if it grew meanwhile.
            parts, total, want = [], 0, min(cap + 1, opened.st_size + 1)
            while total <= cap:
                part = os.read(fd, (want if total < want else cap + 1) - total)
                if not part:
                    break
                parts.append(part)
                total += len(part)
            data = b"".join(parts)
        finally:
            os.close(fd)
    except OSError as exc:
        raise problems.fail(1, 1, f"cannot read file: {exc.strerror or exc}", _UNREADABLE)
    if len(data) > cap:
        raise problems.fail(1, 1, f"file is too large (over {cap} bytes)", _TOO_LARGE)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise problems.fail(line, col, "file is not UTF-8 text",
                            "save the file as UTF-8 (in most editors: Save with Encoding, UTF-8)")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _link_inside(path: Path, problems: Problems) -> None:
    """Refuse a link that resolves outside the folder it is in."""
    target = os.path.realpath(path)
    folder = os.path.realpath(os.path.dirname(path) or ".")
    try:
        inside = os.path.commonpath([target, folder]) == folder
    except ValueError:  # another drive, on Windows
        inside = False
    if not inside:
        raise problems.fail(1, 1, f"a link to a file outside the course folder ({target})",
                            "copy the file into the course folder instead of linking to it")


_UNREADABLE = "check that the file exists and that you may read it"
_NOT_REGULAR = "lessons, quizzes and course.toml must be ordinary files, not folders, pipes or devices"
_TOO_LARGE = "split it into several lessons"

# tomllib's messages, each with what an author most likely did and how to fix it.
_TOML_HINTS = (
    ("Illegal character '\\n'", 'a string is not closed: end it with " on the same line, or use """ for text over several lines'),
    ("Unterminated string", 'a string is not closed: end it with a " on the same line'),
    ("Invalid value", 'put text in double quotes: key = "text"; numbers, true/false and [lists] need no quotes'),
    ("Expected '=' after a key", 'each line is key = value; a key with spaces must be in quotes'),
    ("Invalid initial character for a key", 'a key is letters, digits, "_" and "-", followed by = and the value'),
    ("Found invalid character", 'a key is letters, digits, "_" and "-"; put any other key in double quotes'),
    ("Cannot declare", "a table is declared twice: keep one [table] line"),
    ("Cannot overwrite a value", "this key is given twice: keep one of them"),
    ("Cannot ", "this key or table is given twice: keep one of them"),
    ("Unclosed array", 'close the list with "]" and put a comma between items: ["a", "b"]'),
    ("Unclosed inline table", 'close the inline table with "}" on the same line'),
    ("Expected newline or end of document", "one key = value per line: look for a missing comma or quote, or a stray character after the value"),
    ("Unescaped '\\'", "write \\\\ for a backslash, or use 'single quotes' for a string without escapes"),
    ("Escaped character", "write a \\u escape as four hex digits, such as \\u00e9"),
    ("Invalid hex value", "write a \\u escape as four hex digits, such as \\u00e9"),
    ("Expected ']'", 'end a table line with "]": [terms]'),
    ("Expected ']]'", 'end a question line with "]]": [[questions]]'),
    ("Invalid date", 'put text in double quotes: key = "text"'),
    ("Invalid statement", "each line is key = value, [table], [[questions]] or a # comment"),
)


def closest(given: str, options, cutoff: float = 0.6) -> str | None:
    """The option most like ``given`` (for "did you mean ...?" hints), or None."""
    import difflib

    options = list(options)
    folded = {option.casefold(): option for option in options}
    if given.casefold() in folded:
        return folded[given.casefold()]
    close = difflib.get_close_matches(given.casefold(), list(folded), n=1, cutoff=cutoff)
    return folded[close[0]] if close else None


def warn_unknown_keys(data: dict, known, where, problems: Problems, what: str) -> None:
    """A warning at each key of ``data`` not in ``known``, with the nearest known key."""
    for key in data:
        if key not in known:
            problems.warning(*where(key), f"unknown key '{key}' in {what}", unknown_key_hint(key, known))


def unknown_key_hint(key: str, known) -> str:
    guess = closest(key, known)
    if guess:
        return f"did you mean '{guess}'?"
    return "known keys: " + ", ".join(sorted(known))


def toml_hint(message: str) -> str:
    for start, hint in _TOML_HINTS:
        if message.startswith(start):
            return hint
    return 'TOML holds key = "text", key = 3, key = true and key = ["a", "b"], one per line'


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_toml(text: str, problems: Problems, first_line: int = 1) -> dict:
    """Parse TOML, reporting errors at the file's own line, or raise ``LessonError``."""
    if len(text) > MAX_TOML_CHARS or text.count("\n") >= MAX_TOML_LINES:
        raise problems.fail(first_line, 1, f"TOML is too long (over {MAX_TOML_CHARS} characters "
                            f"or {MAX_TOML_LINES} lines)",
                            "shorten it: long text belongs in the lesson's body, not its TOML")
    text = text if text.endswith("\n") else text + "\n"
    flat = loads_flat(text)  # tomllib's answer for the flat TOML of nearly every file, five times quicker
    if flat is not None:
        return flat
    try:
        return loads_toml(text, nesting=True)
    except TooComplexError as exc:
        raise problems.fail(exc.line + first_line - 1, exc.col, f"invalid TOML: {exc.message}",
                            "keep it simple: key = value, and lists or tables a few levels deep")
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        if match:
            line, col = int(match.group(1)), int(match.group(2))
        else:  # "(at end of document)": the last line that has anything on it
            line, col = len(text.rstrip().split("\n")), 1
        message = _TOML_POSITION.sub("", message).replace("(at end of document)", "").strip()
        raise problems.fail(line + first_line - 1, col, f"invalid TOML: {message}", toml_hint(message))
    except (RecursionError, ValueError, UnicodeError, MemoryError) as exc:
        raise problems.fail(first_line, 1, f"invalid TOML: {type(exc).__name__}",
                            "simplify it: keys hold text, numbers, true/false and lists")


_KEY_LINE = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[=.]""")
_TABLE_LINE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?")


class KeyLines:
    """Find the line of a key in TOML source, for error messages.

    TOML parsers do not say where a value came from, so we scan the source: good
    enough for the flat shapes of our files (top-level keys, ``[terms]``,
    ``[[questions]]``).
    """

    def __init__(self, text: str, first_line: int = 1):
        self.first_line = first_line
        self.located: set[tuple[int, int]] = set()
        self._text: str | None = text  # scanned on the first question: most files never raise one

    def _scan(self) -> None:
        text, self._text = self._text, None
        first_line = self.first_line
        self.lines = text.split("\n")
        # (table name, index of array-of-tables entry) -> {key: (line, col)}
        self.keys: dict[tuple[str, int], dict[str, tuple[int, int]]] = {}
        self.tables: dict[tuple[str, int], int] = {}
        counts: dict[str, int] = {}
        current = ("", 0)
        self.keys[current] = {}
        for number, line in enumerate(self.lines):
            table = _TABLE_LINE.match(line)
            if table and not line.lstrip().startswith(("#",)):
                name = table.group(1).strip().strip('"')
                index = counts.get(name, -1) + 1 if line.lstrip().startswith("[[") else 0
                counts[name] = index
                current = (name, index)
                self.keys.setdefault(current, {})
                self.tables[current] = number + first_line
                continue
            key = _KEY_LINE.match(line)
            if key:
                name = key.group(1) or key.group(2) or key.group(3)
                col = line.index(name[0]) + 1 if name else 1
                self.keys[current].setdefault(name, (number + first_line, col))

    def locate(self, pattern: re.Pattern, line: int, col: int = 1) -> tuple[int, int] | None:
        """The first match of ``pattern`` at or after (line, col) not located before."""
        if self._text is not None:
            self._scan()
        for number in range(max(line - self.first_line, 0), len(self.lines)):
            start = col - 1 if number == line - self.first_line else 0
            for match in pattern.finditer(self.lines[number], start):
                place = (number + self.first_line, match.start() + 1)
                if place not in self.located:
                    self.located.add(place)
                    return place
        return None

    def find(self, key: str | None = None, table: str = "", index: int = 0) -> tuple[int, int]:
        if self._text is not None:
            self._scan()
        place = (table, index)
        if key is not None and key in self.keys.get(place, {}):
            return self.keys[place][key]
        if place in self.tables:
            return self.tables[place], 1
        return self.first_line, 1
