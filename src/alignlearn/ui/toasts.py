"""The reader's notifications (toasts), kept few and in their place.

The same message said again while its toast is up (``n`` on the last section, three
times) stays one toast; moving to another screen takes the old screen's toasts away
(a lesson's hint does not sit over the quiz), except warnings and errors, which stay
their time wherever the learner goes. Textual's public API only: toasts are cleared
and the lasting ones said again.
"""

from __future__ import annotations

from dataclasses import dataclass
from time import monotonic


@dataclass
class _Toast:
    message: str
    title: str
    severity: str
    markup: bool
    expires: float


class Toasts:
    def __init__(self, app) -> None:
        self.app = app
        self._up: dict[tuple[str, str], _Toast] = {}

    def admit(self, message: str, title: str, severity: str, timeout: float, markup: bool) -> bool:
        """Whether to show this toast: no, when the same one is up already."""
        now = monotonic()
        self._up = {key: toast for key, toast in self._up.items() if toast.expires > now}
        key = (title, message)
        if key in self._up:
            return False
        self._up[key] = _Toast(message, title, severity, markup, now + timeout)
        return True

    def screen_changed(self) -> None:
        """Take the old screen's toasts away, keeping warnings and errors."""
        now = monotonic()
        lasting = [toast for toast in self._up.values() if toast.severity != "information" and toast.expires > now]
        if len(lasting) == len(self._up):
            return
        self._up.clear()
        self.app.clear_notifications()
        for toast in lasting:
            self.app.notify(toast.message, title=toast.title, severity=toast.severity,
                            timeout=toast.expires - now, markup=toast.markup)
