"""The lesson map of a lesson as big as the caps allow (issue 15, item 10).

The map of a lesson of 15,000 sections took a second or more to open: every entry was
wrapped first. Now only the entries in view (and a margin) are, and the rest when they
come into view; these tests hold that, and that the map still shows the section being
read and reaches every entry from the keyboard.
"""

from __future__ import annotations

import random

import pytest
from rich.console import Console
from rich.text import Text

from alignlearn.ui.app import build_app
from alignlearn.ui.widgets.entry_layout import CHUNK, EntryLayout, wrap
from alignlearn.ui.widgets.entry_list import Entry, EntryList
from pilot import settle

SECTIONS = 15_000
MADE_AT_MOST = 12 * CHUNK  # the entries in view and a screen either side, in whole chunks, a few times over


def long_title(number: int) -> str:
    # Every other title wraps to more lines than its length suggests (words of 17
    # letters), so the map's first guess at its height is wrong.
    if number % 2:
        return f"S{number}"
    return f"S{number} " + " ".join(letter * 17 for letter in "abc")


@pytest.fixture
def huge(tmp_path):
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "course.toml").write_text(
        'format_version = 1\nid = "huge"\ntitle = "Huge"\norder = ["huge"]\n', encoding="utf-8")
    body = "".join(f"## {long_title(n)}\n" for n in range(1, SECTIONS + 1))
    (folder / "huge.md").write_text(f'+++\nid = "huge"\ntitle = "Huge"\n+++\n{body}', encoding="utf-8")
    return str(folder)


def made(lesson_map) -> int:
    """How many entries of the map have their lines made."""
    return sum(1 for entry in lesson_map.entries if entry.lines)


def map_text(lesson_map) -> str:
    return "\n".join(lesson_map.render_line(y).text for y in range(lesson_map.size.height))


def marked_line(lesson_map) -> str:
    return next((line for line in map_text(lesson_map).split("\n") if "\u25b6" in line), "")


def cursor_shown(lesson_map) -> bool:
    """The highlighted entry's first line is painted in the map's window."""
    index = lesson_map.cursor
    top = lesson_map._starts[index] - round(lesson_map.scroll_y)
    return 0 <= top < lesson_map.scrollable_content_region.height and \
        lesson_map.entries[index].title.split()[0] in lesson_map.render_line(top).text


async def test_opening_the_map_makes_only_the_entries_in_view(huge):
    app = build_app(huge)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        assert len(screen.lesson.sections) > 14_000
        await pilot.press("m")
        await settle(pilot)
        lesson_map = screen.lesson_map
        assert lesson_map.display and len(lesson_map.entries) > 14_000
        assert 0 < made(lesson_map) <= MADE_AT_MOST
        assert "S1" in marked_line(lesson_map)


async def test_the_maps_keys_reach_every_entry_and_enter_goes_there(huge):
    app = build_app(huge)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        last = screen.lesson.sections[-1]
        await pilot.press("m")
        await settle(pilot)
        lesson_map = screen.lesson_map
        await pilot.press("end")
        await pilot.pause()
        assert lesson_map.highlighted.id == f"sec-{last.number}" and cursor_shown(lesson_map)
        await pilot.press("pageup", "pageup", "up", "up", "up")
        await pilot.pause()
        chosen = lesson_map.highlighted.value.section
        assert last.number - 60 < chosen < last.number - 3 and cursor_shown(lesson_map)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.section == chosen and not lesson_map.display  # narrow: it closes on a choice
        await pilot.press("m")
        await settle(pilot)
        assert marked_line(lesson_map).split()[1].rstrip(".") == str(chosen)
        assert lesson_map.highlighted.value.section == chosen and cursor_shown(lesson_map)
        await pilot.press("home", *["pagedown"] * 5, "down", "down")
        await pilot.pause()
        chosen = lesson_map.highlighted.value.section
        assert 20 < chosen < 200 and cursor_shown(lesson_map)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.section == chosen
        assert made(lesson_map) <= 3 * MADE_AT_MOST  # three places visited
        assert app.is_running and app._exception is None


async def test_the_map_beside_the_lesson_follows_it(huge):
    app = build_app(huge)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        lesson_map = screen.lesson_map
        assert lesson_map.display
        for number in (7_001, 12_000, 3):
            screen.go_to_section(number)
            await settle(pilot)
            assert screen.section == number and lesson_map.section == number
            assert lesson_map.highlighted.id == f"sec-{number}" and cursor_shown(lesson_map)
            assert f"{number}." in marked_line(lesson_map)
        assert made(lesson_map) <= 3 * MADE_AT_MOST


def test_lines_made_late_are_the_lines_made_at_once():
    # Whatever order the chunks are made in, the layout ends as one made in one go.
    rng = random.Random(15)
    words = ["a", "tiny", "word", "x" * 17, "y" * 30, "caf\u00e9", "\u4e2d\u6587", "long-hyphenated-thing"]
    entries = [Entry(f"e{n}", f"  {n}. ", " ".join(rng.choice(words) for _ in range(rng.randrange(1, 9))),
                     note=rng.choice(["", " \u00a73"]), right=rng.choice(["", "\u2713", "12"]))
               for n in range(1000)]
    for width in (20, 37, 44, 80):
        console = Console(width=width, color_system=None, force_terminal=False, markup=False, emoji=False)
        whole = [wrap(console, entry, width) for entry in entries]
        layout = EntryLayout(entries, width)
        assert layout.made == 0
        for first in rng.sample(range(len(entries)), 40):
            layout.ensure(first, first + rng.randrange(0, 100))
        layout.ensure(0, len(entries) - 1)
        heights = [len(lines) for lines in whole]
        assert layout.heights == heights and layout.total == sum(heights)
        assert layout.starts == [sum(heights[:n]) for n in range(len(entries))]
        assert [entry.lines for entry in entries] == whole


async def test_a_short_list_is_laid_out_whole_at_once():
    from textual.app import App

    entries = [Entry(f"e{n}", "", f"Entry {n} " + "word " * (n % 7)) for n in range(50)]

    class One(App):
        def compose(self):
            yield EntryList(entries)

    async with One().run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        assert all(entry.lines for entry in entries)
        listing = pilot.app.query_one(EntryList)
        assert listing.virtual_size.height == sum(len(entry.lines) for entry in entries)


async def test_quitting_while_a_huge_lesson_is_parsed_does_not_wait_for_the_parse(huge, monkeypatch):
    import threading
    import time

    from alignlearn.course import cancel
    from alignlearn.cache import parsed_lessons as lesson_cache
    from alignlearn.ui.app import AlignlearnApp

    quitting, outcome = threading.Event(), []
    real_exit, real_read = AlignlearnApp.exit, lesson_cache.read

    def exit_(self, *args, **kwargs):
        quitting.set()
        return real_exit(self, *args, **kwargs)

    def read(*args, **kwargs):  # the parse starts once q is pressed, however fast the machine
        quitting.wait(5)
        try:
            lesson = real_read(*args, **kwargs)
        except cancel.Cancelled:
            outcome.append("cancelled")
            raise
        outcome.append("read")
        return lesson

    monkeypatch.setattr(AlignlearnApp, "exit", exit_)
    monkeypatch.setattr(lesson_cache, "read", read)
    app = build_app(huge)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(400):  # the sketch painted, the lesson not yet read
            if app.lesson_screen.is_mounted and app.lesson_screen.view.page is not None:
                break
            await pilot.pause(0.01)
        assert app.lesson_screen.lesson is None
        start = time.monotonic()
        await pilot.press("q")
    assert outcome == ["cancelled"]
    assert time.monotonic() - start < 1.5  # it waited for the sketch (2 s) and the parse before


def test_a_checkpoint_stops_only_the_work_run_under_its_check():
    from alignlearn.course import cancel
    from alignlearn.course.markdown import parse_blocks

    text = "## A heading\n\nA paragraph.\n\n" * 50
    assert len(parse_blocks(text)) == 100
    with cancel.under(lambda: False):
        assert len(parse_blocks(text)) == 100
    with pytest.raises(cancel.Cancelled), cancel.under(lambda: True):
        parse_blocks(text)
    assert len(parse_blocks(text)) == 100  # the check is gone with its block


async def test_a_huge_lesson_without_sections_shows_before_it_is_parsed(tmp_path, monkeypatch):
    # 300,000 paragraphs and no heading: there was no sketch to show, only a blank view
    # until the whole file was parsed.
    import threading

    from alignlearn.cache import parsed_lessons as lesson_cache

    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "course.toml").write_text(
        'format_version = 1\nid = "flat"\ntitle = "Flat"\norder = ["flat"]\n', encoding="utf-8")
    (folder / "flat.md").write_text('+++\nid = "flat"\ntitle = "Flat"\n+++\n' + "p\n\n" * 300_000, encoding="utf-8")
    parse, real_read = threading.Event(), lesson_cache.read

    def read(*args, **kwargs):  # parsed only when the test says so
        parse.wait(10)
        return real_read(*args, **kwargs)

    monkeypatch.setattr(lesson_cache, "read", read)
    app = build_app(str(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.lesson_screen
        for _ in range(300):
            if screen.is_mounted and screen.view.page is not None:
                break
            await pilot.pause(0.01)
        view = screen.view
        assert view.page is not None and not view.page.complete and screen.lesson is None
        assert [view.render_line(y).text.strip() for y in range(4, 8)].count("p") >= 2
        parse.set()
        await settle(pilot)
        assert view.page.complete and screen.lesson is not None


async def test_scrolling_into_entries_not_made_yet_paints_them_in_order():
    # Heights guessed wrong (words of 17 letters wrap to more lines than their length
    # suggests); scrolled to by the scroll bar or the wheel, not the cursor.
    from textual.app import App

    entries = [Entry(f"e{n}", f"{n:>5}. ", long_title(n)) for n in range(3000)]

    class One(App):
        def compose(self):
            yield EntryList(entries)

    async with One().run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        listing = pilot.app.query_one(EntryList)
        width = listing.scrollable_content_region.width
        console = Console(width=width, color_system=None, force_terminal=False, markup=False, emoji=False)
        whole = "\n".join(Text.assemble(*(s.text for s in line)).plain.rstrip()
                          for entry in entries for line in wrap(console, entry, width))
        for y in (2000, 5000, listing.max_scroll_y, 3000, 2990, 10):
            listing.scroll_to(y=y, animate=False, immediate=True)
            wanted = listing._entry_at(round(listing.scroll_y))
            await pilot.pause()
            assert listing._entry_at(round(listing.scroll_y)) == wanted  # what was to be at the top is
            shown = "\n".join(listing.render_line(row).text.rstrip() for row in range(listing.size.height))
            assert shown in whole  # the entries' lines in order, none missing, none twice
        listing.scroll_relative(y=-3, animate=False)
        await pilot.pause()
        shown = "\n".join(listing.render_line(row).text.rstrip() for row in range(listing.size.height))
        assert shown in whole
        assert sum(1 for entry in entries if entry.lines) <= 3 * MADE_AT_MOST
