"""Code blocks, highlighted by their fence's language (Rich's Syntax over Pygments).

The lexing happens when the block is drawn (``__rich_console__``), not when the lesson
is laid out: the reader draws a lesson a screenful at a time (``render.stream``), so
a long chapter's first screen pays only for its own code. A block's highlighted text
is kept for as long as the block, so a new width does not lex it again.

A lexer takes tens of milliseconds to load (Python's 50: its regular expressions are
compiled). So that the reader's first frame does not wait for them, the reader draws
the first screen with code plain when its lexers are not loaded yet, loads them, and
draws the lesson again in colour (``render.stream.stream_highlighted``); ``cat`` waits.

Plain, as before, when the console says no colour (``cat`` to a pipe or with NO_COLOR,
the reader with NO_COLOR), for a language Pygments does not know, and for a block too
long to lex in good time (Pygments' regular expressions are not bounded).
"""

from __future__ import annotations

import re
import threading
import weakref
from typing import Iterable

from rich.padding import Padding
from rich.text import Text

from alignlearn.course.body import Block, Code, ListBlock, Quote
from alignlearn.per_thread import PerThread

__all__ = ["HIGHLIGHT", "CodeBlock", "code_languages", "highlighted", "lexer_for", "load_lexers",
           "loaded_lexers_only", "missing_lexers"]

HIGHLIGHT = True  # off: every block plain (benchmarks compare the two)
MAX_HIGHLIGHT = 20_000  # characters of one block; a longer one is shown plain
CODE_STYLE = "cyan"  # of a block shown plain
THEME = "ansi_dark"  # the terminal's own 16 colours: readable on its background, light or dark
TAB_SIZE = 8  # as plain text is drawn

_lexers: dict[str, object] = {}
_kept: "weakref.WeakKeyDictionary[Code, Text | None]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()  # the reader renders in a worker thread while the app may render too


def language_name(info: str) -> str:
    """The language of a fence's info string: "rust" of "rust,ignore" or "rust {.class}"."""
    return re.split(r"[\s,{]", info.strip(), maxsplit=1)[0].lower()


def lexer_for(info: str):
    """Pygments' lexer for a fence's info string, or None (no language, or an unknown one)."""
    name = language_name(info)
    if not name:
        return None
    if name not in _lexers:
        from pygments.lexers import get_lexer_by_name
        from pygments.util import ClassNotFound

        try:
            _lexers[name] = get_lexer_by_name(name)
        except (ClassNotFound, ValueError):
            _lexers[name] = None
    return _lexers[name]


_only_loaded = PerThread(False)


def loaded_lexers_only():
    """In this thread, code whose lexer is not loaded yet is drawn plain (and not kept so)."""
    return _only_loaded.set_to(True)


def code_languages(blocks: Iterable[Block]) -> set[str]:
    """The languages of the code blocks in ``blocks``, in lists, quotes and notes too."""
    found: set[str] = set()
    stack = [iter(blocks)]
    while stack:
        for block in stack[-1]:
            if isinstance(block, Code):
                if block.language:
                    found.add(language_name(block.language))
            elif isinstance(block, Quote):
                stack.append(iter(block.blocks))
                break
            elif isinstance(block, ListBlock):
                stack.append(iter([inner for item in block.items for inner in item]))
                break
        else:
            stack.pop()
    found.discard("")
    return found


def missing_lexers(languages: Iterable[str]) -> set[str]:
    """Those of ``languages`` whose lexer is not loaded yet (Python's takes 50 ms to load)."""
    return {name for name in languages if name not in _lexers}


def load_lexers(languages: Iterable[str]) -> None:
    import rich.syntax  # noqa: F401  (its import is a good part of the first block's cost)

    for name in languages:
        lexer_for(name)


def highlighted(item: Code) -> Text | None:
    """The block's text in colour, or None when it is shown plain."""
    with _lock:
        if item in _kept:
            kept = _kept[item]
            return kept.copy() if kept is not None else None
    if _only_loaded.get() and language_name(item.language) not in _lexers:
        return None
    text = None
    if len(item.text) <= MAX_HIGHLIGHT:
        lexer = lexer_for(item.language)
        if lexer is not None:
            from rich.syntax import Syntax

            text = Syntax(item.text, lexer, theme=THEME, tab_size=TAB_SIZE).highlight(item.text)
            text.rstrip()
            text.style, text.no_wrap, text.end = "", False, "\n"
    with _lock:
        _kept[item] = text
    return text.copy() if text is not None else None


class CodeBlock:
    """A code block, indented two columns, wrapped at the width as prose is (long tokens
    folded), highlighted when the console shows colour."""

    def __init__(self, item: Code):
        self.item = item

    def __rich_console__(self, console, options):
        text = highlighted(self.item) if HIGHLIGHT and not console.no_color else None
        if text is None:
            text = Text(self.item.text, style=CODE_STYLE, no_wrap=False)
        yield Padding(text, (0, 0, 0, 2))

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement.get(console, options, Padding(Text(self.item.text), (0, 0, 0, 2)))
