"""Themes and the saved settings, for the app: what ``ui/app.py`` calls at start and on a change.

Textual brings light themes (``textual-light``, ``solarized-light`` ...) but no
high-contrast one, so ``HIGH_CONTRAST`` is ours: white on black, yellow for what has
focus, no colour that is hard to read on black. The learner picks a theme from the
command palette (type "Theme": each theme is listed, the one in use marked, by
``ui/palette.py``); the choice is saved to ``config.toml`` (``alignlearn.settings``).
"""

from __future__ import annotations

from textual.app import App
from textual.filter import Monochrome, NoColor
from textual.theme import Theme

from alignlearn import settings as saved

__all__ = ["HIGH_CONTRAST", "apply_settings", "fit_no_color", "remember_theme"]

YELLOW, CYAN, WHITE, BLACK = "#FFFF00", "#00FFFF", "#FFFFFF", "#000000"
HIGH_CONTRAST = Theme(
    name="alignlearn-high-contrast", dark=True,
    primary=YELLOW, secondary=CYAN, accent=YELLOW, warning=YELLOW, success="#00FF00", error="#FF6060",
    foreground=WHITE, boost=WHITE, background=BLACK, surface=BLACK, panel="#1C1C1C",
    variables={"block-cursor-background": YELLOW, "block-cursor-foreground": BLACK,
               "footer-key-foreground": YELLOW, "input-selection-background": f"{YELLOW} 40%"},
)


def apply_settings(app: App) -> list[str]:
    """Register our themes, then apply the saved theme and animation setting; returns
    warnings for the learner (a broken file, a theme that no longer exists)."""
    app.register_theme(HIGH_CONTRAST)
    settings, warnings = saved.load()
    app.animation_level = "full" if settings.animations else "none"
    app.saved_settings = settings  # before the theme is set, so setting it saves nothing
    if settings.theme is not None:
        if settings.theme in app.available_themes:
            app.theme = settings.theme
        else:
            warnings.append(f"There is no theme '{settings.theme}'; using the default. "
                            "Ctrl+P, then Theme, lists them.")
    return warnings


def fit_no_color(app: App) -> None:
    """With NO_COLOR, the colour filter that suits the theme in use. Textual picks it once,
    for the theme the app starts with: ``Monochrome`` (greys) for a theme of true colours,
    ``NoColor`` (the terminal's own) for an ANSI one. After a change to or from
    ``ansi-dark``/``ansi-light`` the wrong one stayed, and greys of the terminal's default
    colours drew every letter black on black. (Textual has no public way to swap it.)"""
    if not app.no_color:
        return
    wanted = NoColor() if app.native_ansi_color else Monochrome()
    filters = app._filters
    for index, line_filter in enumerate(filters):
        if isinstance(line_filter, (NoColor, Monochrome)) and type(line_filter) is not type(wanted):
            filters[index] = wanted


def remember_theme(app: App, theme: str) -> None:
    """Save a theme the learner chose (in a worker: it is a file write)."""
    current = getattr(app, "saved_settings", None)
    if current is None or current.theme == theme:
        return
    from dataclasses import replace

    app.saved_settings = replace(current, theme=theme)

    def write() -> None:
        try:
            saved.save(app.saved_settings)
        except OSError as error:
            app.call_from_thread(app.notify, f"The theme was not saved: {error}", severity="warning")

    app.run_worker(write, thread=True, group="settings", exit_on_error=False)
