"""The keys that matter now, on one line at the bottom, from the active bindings.

Textual's ``Footer`` mounts a widget per key and rebuilds them all whenever the focus
moves; on start-up that cost more than the whole lesson's rendering. This draws the
same information (the bindings with ``show=True``, grouped like the Footer groups
them) as one line of text.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """A footer of key hints, updated when the screen's bindings change."""

    ALWAYS = ("?",)  # the keys shown at any width

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._show()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self._show()

    def hints(self) -> list[tuple[str, str]]:
        """(keys, what they do) for each shown binding, grouped ones together."""
        shown: list[tuple[str, str]] = []
        groups: dict[Binding.Group, int] = {}
        seen: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in seen or key == palette:
                continue
            seen.add(binding.action)
            display = self.app.get_key_display(binding)
            if binding.group is not None and binding.group in groups:
                at = groups[binding.group]
                shown[at] = (f"{shown[at][0]} {display}", shown[at][1])
            elif binding.group is not None:
                groups[binding.group] = len(shown)
                shown.append((display, binding.group.description))
            else:
                shown.append((display, binding.description))
        return shown

    def on_resize(self) -> None:
        self._show()

    def _show(self) -> None:
        hints = self.hints()
        text = _line(hints)
        width = self.size.width
        if width and text.cell_len > width:
            # Too narrow for every hint (60 columns, or more keys): the help key stays,
            # at the end, since help lists all the others; hints that do not fit go.
            kept = [hint for hint in hints if hint[0] in self.ALWAYS]
            tail = _line(kept)
            head: list[tuple[str, str]] = []
            for hint in (hint for hint in hints if hint[0] not in self.ALWAYS):
                if _line(head + [hint]).cell_len + tail.cell_len + 3 > width:
                    break
                head.append(hint)
            text = Text.assemble(_line(head), " \u2026 ", tail, no_wrap=True, overflow="ellipsis", end="")
        self.update(text)


def _line(hints: list[tuple[str, str]]) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    for number, (keys, does) in enumerate(hints):
        if number:
            text.append(" ")
        text.append(f" {keys} ", style="bold reverse")
        text.append(" " + does)
    return text
