"""The reader's notifications (toasts), kept few and in their place.

The same message said again while its toast is up (``n`` on the last section, three
times) stays one toast; moving to another screen takes the old screen's toasts away
(a lesson's hint does not sit over the quiz), except warnings and errors, which stay
their time wherever the learner goes. A toast may also go with the learner's next key
(``until_key``: a notice said unasked, as the reader opens, which the learner has seen
once they act). A toast belongs to the screen on top when it is
said, or to the one it is said for (a closing quiz speaks to the lesson under it).
Textual's public API only: toasts are cleared and the ones that stay said again.
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
    screen: object  # the screen it is for
    until_key: bool = False  # goes with the learner's next key

    @property
    def lasting(self) -> bool:
        return self.severity != "information"


class Toasts:
    def __init__(self, app) -> None:
        self.app = app
        self._up: dict[tuple[str, str], _Toast] = {}

    def admit(self, message: str, title: str, severity: str, timeout: float, markup: bool, screen,
              until_key: bool = False) -> bool:
        """Whether to show this toast: no, when the same one is up already."""
        now = monotonic()
        self._up = {key: toast for key, toast in self._up.items() if toast.expires > now}
        key = (title, message)
        if key in self._up:
            return False
        self._up[key] = _Toast(message, title, severity, markup, now + timeout, screen, until_key)
        return True

    def key_pressed(self) -> None:
        """Take away the toasts that last until the learner's next key (before the key
        is acted on, so a toast the key itself brings stays)."""
        now = monotonic()
        if any(toast.until_key and toast.expires > now for toast in self._up.values()):
            self._keep(lambda toast: not toast.until_key)

    def screen_changed(self, screen) -> None:
        """Take away the toasts of other screens, keeping warnings and errors.

        A toast reaches the screen as a message, so one said just before the change may
        not be up yet: the clearing waits behind it in the queue."""
        if any(not toast.lasting and toast.screen is not screen for toast in self._up.values()):
            self.app.call_later(self._take_away, screen)

    def _take_away(self, screen) -> None:
        if screen is not self.app.screen:
            return  # the learner has moved on again; that change clears for itself
        self._keep(lambda toast: toast.lasting or toast.screen is screen)

    def _keep(self, wanted) -> None:
        """Only the toasts ``wanted`` (and still in their time) stay up."""
        now = monotonic()
        self._up = {key: toast for key, toast in self._up.items() if toast.expires > now and wanted(toast)}
        self.app.clear_notifications()
        for toast in self._up.values():
            self.app.say_again(toast.message, title=toast.title, severity=toast.severity,
                               timeout=toast.expires - now, markup=toast.markup)
