"""Every key of the screen below (``?``), generated from the bindings, never typed twice."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Static

from alignlearn.ui.screens.dialog import Dialog


def bindings_of(node: DOMNode) -> list[Binding]:
    """The bindings a node's own classes declare (not Textual's), subclass first."""
    found: dict[str, Binding] = {}
    for cls in type(node).__mro__:
        if cls.__module__.startswith("textual."):
            continue
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            found.setdefault(binding.key, binding)
    return list(found.values())


def key_table(app, groups: list[tuple[str, list[Binding]]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    for title, bindings in groups:
        rows: dict[str, list[str]] = {}  # what it does -> keys, in order
        for binding in bindings:
            does = binding.tooltip or binding.description
            if does:
                rows.setdefault(does, []).append(app.get_key_display(binding))
        if not rows:
            continue
        table.add_row("", Text(title, style="bold underline"))
        for does, keys in rows.items():
            table.add_row(Text(" ".join(dict.fromkeys(keys))), Text(does))
        table.add_row("", "")
    return table


class HelpScreen(Dialog[None]):
    """Keys grouped by where they work: everywhere, on this screen, in each part of it."""

    # The box scrolls with up, down and the page keys itself; j and k as in the lesson.
    BINDINGS = [
        Binding("j", "scroll(1)", "Scroll down", show=False, id="help.down", tooltip="Scroll the keys down"),
        Binding("k", "scroll(-1)", "Scroll up", show=False, id="help.up", tooltip="Scroll the keys up"),
    ]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        yield from self.scrolling("Keys", "help", Static(key_table(self.app, self.groups), id="key-table"))

    def action_scroll(self, rows: int) -> None:
        box = self.query_one(VerticalScroll)
        if rows > 0:
            box.action_scroll_down()
        else:
            box.action_scroll_up()
