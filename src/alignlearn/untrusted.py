"""Text and TOML written by other people: made printable, and parsed in bounded time.

Lessons, quizzes, course manifests and imported progress files come from other
people. Two things about them are shared by the course loader and the progress
store, so they live here, importing nothing else of alignlearn:

- which characters must never reach the terminal (controls other than newline and
  tab, DEL, C1, bidi controls, zero-width and other invisible characters), and the
  visible placeholder each one becomes;
- how to refuse TOML that ``tomllib`` would take seconds over (a dotted key of tens
  of thousands of parts is quadratic in it) or recurse through until it fails, with
  a line and column the author can go to.
"""

from __future__ import annotations

import re
import tomllib

__all__ = [
    "MAX_KEY_PARTS", "MAX_NESTING", "REMOVED", "UNSAFE", "TooComplexError",
    "check_toml", "loads_toml", "placeholder", "printable", "shown_as",
]

# C0 controls except tab and newline, DEL, C1; the Arabic letter mark, the Mongolian
# vowel separator, zero-width spaces and joiners, LRM/RLM, the line and paragraph
# separators (U+2028/2029: some terminals break the line there, others draw nothing,
# and str.splitlines() splits at them), bidi embeddings, overrides and isolates,
# invisible operators, the BOM when it is not the first character, interlinear
# annotation marks, and the invisible "tag" characters (U+E0000-E007F).
# Then the other default-ignorable characters a terminal draws as nothing or as a
# blank, which can hide text or make a title look like another: the soft hyphen
# (removed: it only marks where a word may break), the combining grapheme joiner,
# the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0: blank letters), the Khmer
# inherent vowels, the deprecated format characters (U+206A-206F), the shorthand
# format controls and the rest of plane 14. A variation selector (and a Mongolian
# one) is kept right after the character it selects a glyph for, as in an emoji;
# one standing alone, or a run of them, which carries nothing visible, is not.
_SELECTORS = "\ufe00-\ufe0f\U000e0100-\U000e01ef\u180b-\u180d\u180f"
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U0001bca0-\U0001bca3"
    "\U000e0000-\U000e00ff\U000e01f0-\U000e0fff]"
    f"|[{_SELECTORS}](?<![^\\s{_SELECTORS}].)"
)
REMOVED = "\xad"  # unsafe characters dropped rather than shown as a placeholder


def placeholder(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures"
    if code == 0x7F:
        return "\u2421"
    if char in REMOVED:
        return ""
    return "\ufffd"


def shown_as(char: str) -> str:
    """How a warning says what became of an unsafe character."""
    return "removed" if char in REMOVED else "shown as a placeholder"


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` with every unsafe character replaced by its placeholder.

    With ``one_line``, newline and tab become placeholders too: for a file name or a
    key in a message, where a newline could forge a line of output.
    """
    if one_line:
        text = text.replace("\n", "\u2424").replace("\t", "\u2409")
    if not UNSAFE.search(text):
        return text
    return UNSAFE.sub(lambda m: placeholder(m.group()), text)


# --- TOML ---------------------------------------------------------------------

MAX_KEY_PARTS = 32  # ours use at most five (courses.ID.lessons.ID.position)
MAX_NESTING = 32  # arrays and inline tables inside each other


class TooComplexError(ValueError):
    """TOML refused before parsing, at 1-based ``line`` and ``col`` of the text."""

    def __init__(self, message: str, line: int, col: int):
        super().__init__(f"{message} (at line {line}, column {col})")
        self.message, self.line, self.col = message, line, col


_BARE = r"[A-Za-z0-9_-]++"
_ATOM = rf"""(?:(?<![A-Za-z0-9_-]){_BARE}|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
# A key of more than MAX_KEY_PARTS parts. Possessive, so no input makes it backtrack;
# it may also match inside a string (a sentence of one-word sentences), so a match
# is confirmed on the text with its strings and comments blanked out.
_LONG_KEY = re.compile(rf"{_ATOM}(?:[ \t]*+\.[ \t]*+{_ATOM}){{{MAX_KEY_PARTS},}}+")
# A key is on one line, so one of more than MAX_KEY_PARTS parts needs a line with at
# least MAX_KEY_PARTS dots: a quick test that nearly every file passes.
_MANY_DOTS = re.compile(rf"\.(?:[^.\n]*+\.){{{MAX_KEY_PARTS - 1}}}")
_STRING_OR_COMMENT = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*+""""{0,2}'
    r"|'''[\s\S]*?'''(?:'{0,2})"
    r'|"(?:[^"\\\n]|\\.)*+"'
    r"|'[^'\n]*+'"
    r"|#[^\n]*+"
)
_NOT_NEWLINE = re.compile(r"[^\n]")
_BRACKET = re.compile(r"[\[\]{}]")


def _blank(text: str) -> str:
    """The text with each string's characters as ``s`` and each comment as spaces.

    Offsets and newlines stay where they were, so a position in the result is a
    position in ``text``; a quoted key becomes a bare word, still a key.
    """
    def blank(match: re.Match) -> str:
        filler = " " if match.group().startswith("#") else "s"
        return _NOT_NEWLINE.sub(filler, match.group())

    return _STRING_OR_COMMENT.sub(blank, text)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def check_toml(text: str, *, nesting: bool = False) -> None:
    """Raise ``TooComplexError`` for TOML that would cost ``tomllib`` too much.

    With ``nesting``, also for lists or tables nested more than ``MAX_NESTING`` deep,
    which ``tomllib`` reads (up to a few hundred levels) but no file of ours needs:
    worth it for small author files; a large progress file is spared the scan.

    The common case costs one quick regular-expression search (a fiftieth of the
    parse): only a text where something looks like a very long dotted key is looked
    at more closely.
    """
    if nesting and text.count("[") + text.count("{") > MAX_NESTING:
        deep = _too_deep(text)
        if deep is not None:
            raise deep
    if _MANY_DOTS.search(text) is None or _LONG_KEY.search(text) is None:
        return
    match = _LONG_KEY.search(_blank(text))
    if match is not None:
        raise TooComplexError(f"a dotted key of more than {MAX_KEY_PARTS} parts",
                              *_line_col(text, match.start()))


def _too_deep(text: str) -> TooComplexError | None:
    """Where arrays or inline tables first nest more than ``MAX_NESTING`` deep, if they do."""
    depth = 0
    for match in _BRACKET.finditer(_blank(text)):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return TooComplexError(f"lists or tables nested more than {MAX_NESTING} deep",
                                       *_line_col(text, match.start()))
        else:
            depth = max(depth - 1, 0)
    return None


def loads_toml(text: str, *, nesting: bool = False) -> dict:
    """``tomllib.loads`` in bounded time; raises ``TOMLDecodeError`` or ``TooComplexError``.

    ``tomllib`` also raises ``RecursionError`` on deep nesting, and has raised
    ``ValueError`` and ``UnicodeError`` on odd input: all come out as ``TooComplexError``.
    """
    check_toml(text, nesting=nesting)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except RecursionError:
        raise _too_deep(text) or TooComplexError(
            f"lists or tables nested more than {MAX_NESTING} deep", 1, 1) from None
    except (ValueError, UnicodeError, MemoryError, OverflowError) as error:
        raise TooComplexError(f"cannot be read ({type(error).__name__})", 1, 1) from None
