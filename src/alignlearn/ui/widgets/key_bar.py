"""The keys that matter now, on one line at the bottom, from the active bindings.

Textual's ``Footer`` mounts a widget per key and rebuilds them all whenever the focus
moves; on start-up that cost more than the whole lesson's rendering. This draws the
same information (the bindings with ``show=True``, grouped like the Footer groups
them) as one line of text.

A screen may rank its actions by how much a learner needs them (``KEY_BAR_RANK``):
when the line is too narrow for every key, the least useful go first, whole, and the
ones kept stay in the screen's own order.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """A footer of key hints, updated when the screen's bindings change."""

    ALWAYS = ("?",)  # the keys shown at any width: help lists all the others

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
        return [(keys, does) for _, keys, does in self._entries()]

    def _entries(self) -> list[tuple[str, str, str]]:
        """(action, keys, what they do); a group is named by its first binding's action."""
        shown: list[tuple[str, str, str]] = []
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
                action, keys, does = shown[at]
                shown[at] = (action, f"{keys} {display}", does)
            elif binding.group is not None:
                groups[binding.group] = len(shown)
                shown.append((binding.action, display, binding.group.description))
            else:
                shown.append((binding.action, display, binding.description))
        return shown

    def on_resize(self) -> None:
        self._show()

    def fitting(self, width: int) -> list[tuple[str, str]]:
        """The hints shown at this width: the most useful that fit, each whole."""
        entries = self._entries()
        if not width or _line([hint[1:] for hint in entries]).cell_len <= width:
            return [hint[1:] for hint in entries]
        rank = list(getattr(self.screen, "KEY_BAR_RANK", ()))

        def usefulness(number: int) -> tuple[int, int, int]:
            action, keys, _ = entries[number]
            always = 0 if keys in self.ALWAYS else 1
            ranked = rank.index(action) if action in rank else len(rank)
            return (always, ranked, number)

        # Stop at the first that does not fit, rather than slip a less useful short key
        # in: narrowing the terminal then only ever takes keys away from the end.
        kept: set[int] = set()
        for number in sorted(range(len(entries)), key=usefulness):
            trial = kept | {number}
            if _line([entries[n][1:] for n in sorted(trial)]).cell_len > width:
                break
            kept = trial
        return [entries[n][1:] for n in sorted(kept)]

    def _show(self) -> None:
        self.update(_line(self.fitting(self.size.width)))


def key_hints(*hints: tuple[str, str]) -> Text:
    """A dialog's fixed key hints ("enter", "open"), drawn as the key bar draws its keys."""
    return _line(list(hints))


def _line(hints: list[tuple[str, str]]) -> Text:
    text = Text(no_wrap=True, overflow="crop", end="")
    for number, (keys, does) in enumerate(hints):
        if number:
            text.append(" ")
        text.append(f" {keys} ", style="bold reverse")
        text.append(" " + does)
    return text
