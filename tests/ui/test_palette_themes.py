"""The command palette's themes (issue 21, item 8): "theme" lists every theme first,
above lessons and sections that mention themes, and marks the one in use."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from alignlearn.ui.app import build_app
from pilot import settle

LESSON = """+++
id = "{id}"
title = "{title}"
+++
Some words.

## {section}

More words.
"""


def themed_course(folder):
    """Lessons and sections whose titles mention themes, to be listed after the themes."""
    folder.mkdir()
    (folder / "course.toml").write_text('format_version = 1\nid = "t"\ntitle = "T"\norder = ["one", "two"]\n',
                                        encoding="utf-8")
    (folder / "one.md").write_text(LESSON.format(id="one", title="Theme", section="Theme"), encoding="utf-8")
    (folder / "two.md").write_text(LESSON.format(id="two", title="Themes of alignment", section="The theme"),
                                   encoding="utf-8")
    return folder


async def palette_for(pilot, query: str) -> list[str]:
    """The palette's hits for ``query``, in the order shown."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    shown, steady = [], 0
    for _ in range(200):  # until the list has stopped changing (hits arrive in batches)
        await pilot.pause(0.05)
        commands = app.screen.query_one(CommandList)
        now = [commands.get_option_at_index(n).hit.text for n in range(commands.option_count)
               if hasattr(commands.get_option_at_index(n), "hit")]
        steady = steady + 1 if now == shown and now else 0
        shown = now
        if steady >= 6:
            break
    return shown


async def test_theme_lists_the_themes_first_and_marks_the_one_in_use(tmp_path):
    app = build_app(str(themed_course(tmp_path / "course")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        themes = len(app.available_themes)
        assert themes > 5
        shown = await palette_for(pilot, "theme")
        assert len(shown) > themes  # the lessons and sections about themes are there too, after
        first = shown[:themes]
        assert all(text.startswith("Theme: ") for text in first), shown
        assert first[0] == f"Theme: {app.theme} \u2713 in use"
        assert [text for text in shown if "\u2713" in text] == [first[0]]
        assert any(text.startswith("Lesson: Theme") for text in shown[themes:])

        await pilot.press("escape")
        await pilot.pause()
        await palette_for(pilot, "theme dracula")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "dracula"

        shown = await palette_for(pilot, "theme")
        assert shown[0] == "Theme: dracula \u2713 in use"
        assert [text for text in shown if "\u2713" in text] == [shown[0]]
        assert "Theme: textual-dark" in shown[:themes]


async def test_the_theme_command_lists_only_themes_the_one_in_use_first(tmp_path):
    app = build_app(str(themed_course(tmp_path / "course")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        app.search_themes()  # what the palette's "Theme" command does
        await pilot.pause()
        for _ in range(100):
            await pilot.pause(0.05)
            commands = app.screen.query_one(CommandList)
            if commands.option_count == len(app.available_themes):
                break
        texts = [commands.get_option_at_index(n).hit.text for n in range(commands.option_count)]
        assert texts[0] == "Theme: nord \u2713 in use" and all(text.startswith("Theme: ") for text in texts)


# New-user walkthrough: Textual's own "Theme" command sat beside the themes listed here
# (a second list of the same themes, without the mark): one way to change theme is kept.

async def test_the_palette_has_no_second_theme_command_nor_keys_or_screenshot(tmp_path):
    app = build_app(str(themed_course(tmp_path / "course")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = await palette_for(pilot, "theme")
        assert "Theme" not in shown and not any("Change the current theme" in text for text in shown), shown
        assert shown[0].startswith("Theme: ")
        await pilot.press("escape")
        await pilot.pause()
        for name in ("Quit", "Maximize"):
            assert name in await palette_for(pilot, name.casefold()), name
            await pilot.press("escape")
            await pilot.pause()
        # Keys (a panel escape does not close; ? lists every key) and Screenshot (saved to a
        # Downloads folder a server seldom has) are left out
        for name in ("Keys", "Screenshot"):
            assert name not in await palette_for(pilot, name.casefold()), name
            await pilot.press("escape")
            await pilot.pause()
