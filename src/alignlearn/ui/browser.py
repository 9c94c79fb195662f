"""Opening a web page a lesson links to, and telling the learner what became of it.

Textual's ``App.open_url`` calls ``webbrowser.open`` and drops its answer: over SSH, or
anywhere no browser can be started, the learner said yes and nothing happened. Here the
answer is kept: the address is always shown, long enough to copy, and the learner is
told when no browser could be started. ``webbrowser.open`` may wait on the browser it
starts, so it runs in a thread, never holding a key press.
"""

from __future__ import annotations

from functools import partial

SHOWN_FOR = 30.0  # seconds: time to select and copy an address
NOT_OPENED_FOR = 60.0


def open_web_page(app, url: str) -> None:
    """Open ``url`` in the learner's browser and say so, with the address."""
    if app.is_web:  # ``serve``: the page opens in a tab of the browser the reader is in
        app.open_url(url)
        app.notify(f"Opening {url} in a new tab.", timeout=SHOWN_FOR, markup=False)
        return
    app.run_worker(partial(_open, app, url), thread=True, group="browser", description="open a web page",
                   exit_on_error=False)


def _open(app, url: str) -> None:
    import webbrowser

    try:
        opened = bool(webbrowser.open(url))
    except Exception:  # webbrowser.Error, or a browser that could not be started
        opened = False
    try:
        app.call_from_thread(_said, app, url, opened)
    except RuntimeError:
        pass  # the reader has closed meanwhile: no one to tell


def _said(app, url: str, opened: bool) -> None:
    if opened:
        app.notify(f"Opening {url} in your browser. If no browser opens, copy the address from here.",
                   timeout=SHOWN_FOR, markup=False)
    else:
        app.notify(f"No web browser could be opened here. The address, to copy: {url}",
                   title="Web page not opened", severity="warning", timeout=NOT_OPENED_FOR, markup=False)
