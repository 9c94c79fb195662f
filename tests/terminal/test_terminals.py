"""Small terminals, few colours, no colour: the reader must still say everything (issue 7).

Pilot tests at 60x20, 80x24 and 120x40, in 16 colours and with NO_COLOR: the section
being read carries a mark (``▶``) on screen, not only a highlight; the header and the
key bar are on screen, and the key bar keeps ``? Help`` however narrow; the dialogs fit.
Then the real thing in a pseudo-terminal: with TERM=xterm (16 colours) no 256-colour or
truecolour sequence is sent, with NO_COLOR no colour at all, and the mark is there.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from textual import constants
from textual.geometry import Region

from alignlearn.ui.app import build_app
from alignlearn.ui.widgets.lesson_map import MARK
from alignlearn.ui.widgets.key_bar import KeyBar
from pilot import seed_course as one_lesson, settle
from pty_run import run_in_pty

SEED = "alignment-technical-problem"
SIZES = [(60, 20), (80, 24), (120, 40)]


@pytest.fixture
def course(tmp_path) -> str:
    return str(one_lesson(tmp_path, course_id="c", title="C"))


@pytest.fixture
def linked_course(course) -> str:
    lesson = Path(course) / f"{SEED}.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("\n## ", "\nSee [a page](https://example.org/page).\n\n## ", 1), encoding="utf-8")
    return course


@pytest.fixture(params=["16 colours", "NO_COLOR"])
def colours(request, monkeypatch) -> str:
    if request.param == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setattr(constants, "COLOR_SYSTEM", "standard")  # what TERM=xterm gets
    return request.param


def screen_text(app) -> str:
    """The screen as exported (characters only: what is left when colour is gone)."""
    svg = app.export_screenshot()
    return re.sub(r"<[^>]+>", "", svg).replace("&#160;", " ")


def inside(region: Region, size) -> bool:
    return region.area > 0 and Region(0, 0, size.width, size.height).contains_region(region)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_section_being_read_is_marked_without_colour(course, colours, size):
    app = build_app(course)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if colours == "NO_COLOR":
            assert app.no_color
        else:
            assert app.console.color_system == "standard"
        await pilot.press("n", "n")
        screen = app.lesson_screen
        if screen.lesson_map is None or not screen.lesson_map.display:
            await pilot.press("m")  # narrower than 100 columns the map is an overlay
        await pilot.pause()
        await pilot.pause()
        lesson_map = screen.lesson_map
        title = screen.lesson.sections[1].title
        assert lesson_map.text_of("sec-2").startswith(f"{MARK}2. ")
        assert not lesson_map.text_of("sec-1").startswith(MARK.strip())
        shown = screen_text(app)
        # on screen, scrolled into view, as a character (at 60 columns the map is 27 wide: the title wraps)
        assert f"{MARK}2. {title[:20] if size[0] >= 80 else title.split()[0]}" in shown
        assert shown.count(MARK.strip()) == 1


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_header_and_key_bar_are_on_screen(course, colours, size):
    app = build_app(course)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        header, keys = screen.query_one("#header"), screen.query_one(KeyBar)
        assert inside(header.region, app.size) and inside(keys.region, app.size)
        assert keys.region.y == size[1] - 1
        assert "AI Alignment: The Actual Technical Problem" in screen_text(app)
        bar = keys.render_line(0).text
        assert re.search(r"\?\s+Help", bar), bar  # help lists every key, so it always shows


@pytest.mark.parametrize("key", ["l", "slash", "question_mark", "o", "i"])
async def test_dialogs_fit_at_60x20(linked_course, colours, key):
    app = build_app(linked_course)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press(key)  # o: the links of the introduction
        await pilot.pause()
        await pilot.pause()
        dialogs = list(app.screen.query(".dialog"))
        assert dialogs, f"{key} opened no dialog"
        for dialog in dialogs:
            assert inside(dialog.region, app.size), (key, dialog.region)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_what_the_header_cuts_is_whole_in_about(course, size):
    app = build_app(course)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        info = app.course.info(SEED)
        assert info.subtitle not in screen_text(app).replace("\n", " ")  # cut in the header
        await pilot.press("i")
        await pilot.pause()
        about = app.screen.query_one("#about")
        assert inside(app.screen.query_one(".dialog").region, app.size)
        shown = " ".join(about.render_line(y).text.strip() for y in range(about.size.height))
        assert " ".join(info.subtitle.split()) in " ".join(shown.split())
        assert info.title in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.lesson_screen


# --- a real terminal -----------------------------------------------------------------

COLOUR_SGR = re.compile(rb"\x1b\[([0-9;]*)m")


def colours_used(output: bytes) -> set[tuple[str, ...]]:
    """Every colour an SGR sequence sets: ("16", n), ("256", n) or ("rgb", r, g, b)."""
    found = set()
    for match in COLOUR_SGR.finditer(output):
        params = match.group(1).decode().split(";")
        index = 0
        while index < len(params):
            param = params[index]
            if param in ("38", "48") and index + 1 < len(params):
                if params[index + 1] == "5":
                    found.add(("256", int(params[index + 2])))
                    index += 3
                else:
                    found.add(("rgb", *(int(p) for p in params[index + 2:index + 5])))
                    index += 5
                continue
            if param.isdigit() and (30 <= int(param) <= 37 or 40 <= int(param) <= 47
                                    or 90 <= int(param) <= 97 or 100 <= int(param) <= 107):
                found.add(("16", int(param)))
            index += 1
    return found


def is_grey(colour: tuple) -> bool:
    """Textual answers NO_COLOR with a monochrome picture: greys only, no hue."""
    kind, *value = colour
    if kind == "rgb":
        return value[0] == value[1] == value[2]
    if kind == "256":
        n = value[0]
        if n >= 232 or n in (0, 7, 8, 15):
            return True
        if 16 <= n <= 231:
            n -= 16
            return n // 36 == (n // 6) % 6 == n % 6
        return False
    return value[0] in (30, 37, 40, 47, 90, 97, 100, 107)


def run_reader(course: str, term: str, no_color: bool, size=(120, 40), tmp: Path | None = None) -> tuple[bytes, int]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("NO_COLOR", "COLORTERM", "FORCE_COLOR", "TEXTUAL_COLOR_SYSTEM", "TEXTUAL_DRIVER")}
    env.update(TERM=term, COLUMNS=str(size[0]), LINES=str(size[1]))
    if no_color:
        env["NO_COLOR"] = "1"
    # Once the first frame is up (the introduction and the section mark drawn), q.
    return run_in_pty([sys.executable, "-m", "alignlearn", course], env, (b"Introduction", MARK.strip().encode()),
                      [b"q"], size=size, first_after=0.3)


@pytest.mark.parametrize("term, no_color", [("xterm-256color", False), ("screen-256color", False),
                                            ("xterm", False), ("xterm-256color", True)])
def test_in_a_real_terminal(course, term, no_color):
    output, code = run_reader(course, term, no_color)
    assert code == 0, output[-500:]
    assert b"AI Alignment: The Actual Technical Problem" in output
    assert MARK.strip().encode() in output  # the map is open at 120 columns, the introduction marked
    colours = colours_used(output)
    assert colours
    if no_color:
        assert all(is_grey(colour) for colour in colours), sorted(colours)
    elif term == "xterm":  # 16 colours: nothing a 16-colour terminal would misread
        assert all(kind == "16" for kind, *_ in colours), sorted(colours)
    else:
        assert not all(is_grey(colour) for colour in colours)


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
def test_no_color_with_an_ansi_theme_leaves_the_terminal_its_own_colours(course, theme):
    """Textual picks its NO_COLOR filter for the theme it starts with (greys for true
    colours); with a saved ANSI theme the greys of the terminal's default colours drew
    every letter black on black. Now no colour at all is sent: the terminal's own."""
    from alignlearn import paths

    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text(f'theme = "{theme}"\n', encoding="utf-8")
    output, code = run_reader(course, "xterm-256color", no_color=True)
    assert code == 0, output[-500:]
    assert b"AI Alignment: The Actual Technical Problem" in output
    assert colours_used(output) == set(), sorted(colours_used(output))


async def test_no_color_follows_a_change_of_theme_both_ways(course, monkeypatch):
    from textual.filter import Monochrome, NoColor

    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(course)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        kinds = lambda: {type(f) for f in app._filters} & {NoColor, Monochrome}  # noqa: E731
        assert kinds() == {Monochrome}
        app.theme = "ansi-dark"
        await pilot.pause()
        assert kinds() == {NoColor}
        app.theme = "alignlearn-high-contrast"
        await pilot.pause()
        assert kinds() == {Monochrome}
