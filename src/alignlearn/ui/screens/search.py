"""Search the course (``/``): results as the learner types; enter opens the lesson there."""

from __future__ import annotations

import time
from typing import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from alignlearn.search.query import Index, Result, matches, words
from alignlearn.ui.screens.dialog import Dialog
from alignlearn.ui.widgets.key_bar import key_hints


MATCHED = "bold underline not dim"  # the words the query found, in a dim snippet


def marked(snippet: str, terms: list[str]) -> Text:
    """The snippet as plain text (never markup: it is the course's text), dim, with the
    words the query matched standing out."""
    text = Text(snippet, style="dim", end="")
    for start, end in matches(snippet, terms):
        text.stylize(MATCHED, start, end)
    return text


class _Stopped(Exception):
    """The app is closing: the index is not finished (nothing of it is saved)."""


class SearchScreen(Dialog[Result | None]):
    """Dismisses with the result chosen: its lesson, and its place there."""

    HELP_GROUP = "Search"
    BINDINGS = [
        Binding("down", "move(1)", "Next result", show=False, id="search.next"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.previous"),
        Binding("enter", "open", "Open", id="search.open", tooltip="Open the lesson at the highlighted result"),
        # Enter typed as the reader starts, before it has the terminal, comes as ctrl+j: the
        # terminal turns it into a newline until then. Not listed: it is only enter.
        Binding("ctrl+j", "open", show=False, id="search.open_newline"),
    ]

    class _Indexing(Message, bubble=False):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class _IndexReady(Message, bubble=False):
        def __init__(self, index: Index) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: Callable[..., Index]) -> None:
        super().__init__()
        self._get_index = index
        self.index: Index | None = None
        self.results: list[Result] = []
        self._open_when_indexed = False  # enter came before the index: open what it finds

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog search"):
            yield Static(Text("Search the course", style="bold"), classes="dialog-title")
            yield Input(placeholder="Type words to find", id="query", select_on_focus=False)  # letters typed in the results add to it
            yield Static(Text("Indexing the course\u2026", style="dim"), id="status")
            yield OptionList(id="results")
            yield Static(key_hints(("\u2191 \u2193", "move"), ("enter", "open"), ("escape", "back")),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._build()

    @work(thread=True, exclusive=True, description="index the course")
    def _build(self) -> None:
        shown = [0.0]
        app = self.app

        def progress(done: int, total: int) -> None:
            # Closing the search goes on indexing (the next / is then instant); quitting
            # stops it at the next lesson, where the app would otherwise wait for the whole
            # course to be indexed, on a blank screen.
            if not app.is_running:
                raise _Stopped
            if time.monotonic() - shown[0] > 0.1:  # a few times a second is enough
                shown[0] = time.monotonic()
                self.post_message(self._Indexing(done, total))

        try:
            index = self._get_index(progress)
        except _Stopped:
            return
        self.post_message(self._IndexReady(index))

    def on_key(self, event) -> None:
        """A letter typed in the results (after Tab) goes to the words, not nowhere; q still closes."""
        results = self.query_one(OptionList)
        if results.has_focus and event.is_printable and event.character and event.character != "q":
            box = self.query_one(Input)
            box.focus()
            box.value += event.character
            box.cursor_position = len(box.value)
            event.stop()
            event.prevent_default()

    @on(_Indexing)
    def _indexing(self, message: _Indexing) -> None:
        if self.index is None:
            self.query_one("#status", Static).update(
                Text(f"Indexing the course\u2026 {message.done} of {message.total} lessons", style="dim"))

    @on(_IndexReady)
    def _ready(self, message: _IndexReady) -> None:
        self.index = message.index
        self._search(self.query_one(Input).value)
        if self._open_when_indexed:
            self.action_open()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._open_when_indexed = False  # enter was for the words before these
        self._search(event.value)

    def _search(self, query: str) -> None:
        status = self.query_one("#status", Static)
        results = self.query_one(OptionList)
        if self.index is None:
            return
        self.results = self.index.search(query, limit=30) if query.strip() else []
        terms = words(query)
        options = []
        for number, result in enumerate(self.results):
            prompt = Text(end="")
            prompt.append(result.title, style="bold")
            prompt.append("\n")
            prompt.append_text(marked(result.snippet, terms))
            options.append(Option(prompt, id=str(number)))
        results.set_options(options)
        if options:
            results.highlighted = 0
        if not query.strip():
            status.update(Text("Type words to find; enter opens the lesson at the result.", style="dim"))
        else:
            count = len(self.results)
            status.update(Text(f"{count} result{'s' if count != 1 else ''}" if count else "Nothing matches.",
                               style="dim"))

    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        if not self.results:
            return
        current = results.highlighted if results.highlighted is not None else -1
        results.highlighted = max(0, min(len(self.results) - 1, current + step))

    def action_open(self) -> None:
        """Open the highlighted result; before the course is indexed (``/``, words and enter
        typed in one go as the reader starts), once it is."""
        if self.index is None:
            self._open_when_indexed = bool(self.query_one(Input).value.strip())
            return
        results = self.query_one(OptionList)
        if self.results and results.highlighted is not None:
            self.dismiss(self.results[results.highlighted])

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.results[int(event.option.id or 0)])
