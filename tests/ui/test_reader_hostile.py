"""The reader walked with a hostile course (issue 9): markup, actions and escape sequences
in every field, shown as text, and nothing fires.

The course's title, lesson titles, subtitles, sections, terms, table cells, path,
concepts and related lessons are full of ``[@click=app.quit]``,
``[@click=app.screenshot(...)]``, ``[/]``, ``[bold]`` and ESC sequences. The test
opens it at 80x24, goes through sections, the lesson map, the lesson list, search
(typing a hostile query), help, the palette, related lessons, links, the quiz (a hostile
quiz file, answered), the tutor (asked in markup) and the lesson's details, clicks all
over the screen, and asserts: the
app is still running, no action ran that the keys did not ask for, no file was
written, and the payload is on the screen as text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from alignlearn.ui.app import build_app
from pilot import settle as _settle


async def settle(pilot) -> None:
    await _settle(pilot, loaded=False, attempts=100)

SHOT = "pwned.svg"
MARKUP = "[@click=app.quit]Q[/] [bold]B[/bold] [ @click=app.quit]S[/]"
ESCAPES = "\x1b[2J\x1b]52;c;eA==\x07\x9b31m\u202e"
SHOWN_ESCAPES = "\u241b[2J\u241b]52;c;eA==\u2407\ufffd31m\ufffd"  # as the placeholders show them


def payload(folder: Path) -> str:
    return f"{MARKUP} [@click=app.screenshot('{SHOT}','{folder}')]W[/] {ESCAPES}"


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=True)  # \u001b escapes: valid TOML, sanitised on load


def write_course(root: Path, bad: str) -> None:
    root.mkdir()
    (root / "course.toml").write_text(
        f'format_version = 1\nid = "hostile"\ntitle = {q("Course " + bad)}\norder = ["one", "two"]\n', encoding="utf-8")
    front = "\n".join([
        '+++', 'id = "one"', f"title = {q('One ' + MARKUP)}", f"subtitle = {q(bad)}", f"audience = {q(MARKUP)}",
        "minutes = 5", f"path = [{q('First ' + MARKUP)}, {q(bad)}]", f"concepts = [{q(MARKUP)}, {q(bad)}]",
        'related = ["two"]', f"big_idea = {q(bad)}", "[terms]", f"{q('[bold]T[/bold]')} = {q(bad)}", '+++',
    ])
    body = "\n".join([
        f"Intro {bad}", "",
        f"## First {MARKUP}", "", f"Text {bad} [a link](https://example.com) [an editor](vscode://file/etc/passwd)", "",
        f"## Second {bad}", "", "| A | B |", "|---|---|", f"| {MARKUP} | {ESCAPES} |", "",
        "## Third [/]", "", f"- {bad}", f"> {MARKUP}", "",
    ])
    (root / "one.md").write_text(front + "\n\n" + body, encoding="utf-8")
    choices = [q("Right " + MARKUP), q(bad)]
    (root / "one.quiz.toml").write_text("\n".join([
        "[[questions]]", 'id = "q1"', 'kind = "single"', f"prompt = {q('Ask ' + bad)}",
        f"choices = [{', '.join(choices)}]", f"answer = {choices[0]}", f"explanation = {q('Because ' + bad)}",
        f"section = {q('Third [/]')}", "",
        "[[questions]]", 'id = "q2"', 'kind = "multiple"', f"prompt = {q(MARKUP)}",
        f"choices = [{', '.join(choices)}]", f"answer = [{choices[1]}]", f"explanation = {q(MARKUP)}", "",
    ]), encoding="utf-8")
    (root / "two.md").write_text(
        f'+++\nid = "two"\ntitle = {q("Two " + MARKUP)}\nsubtitle = {q(bad)}\n+++\n\n## Only {MARKUP}\n\nWords.\n',
        encoding="utf-8")


def screen_text(app: App) -> str:
    """What every widget of the screen on top paints now, line by line."""
    lines: list[str] = []
    for widget in app.screen.query("*"):
        if not widget.display or not widget.region.area:
            continue
        for y in range(widget.region.height):
            try:
                lines.append(widget.render_line(y).text)
            except Exception:  # a container without lines of its own
                break
    return "\n".join(lines)


def squash(text: str) -> str:
    return "".join(text.split())


class Fired:
    """Every call of the app's dangerous actions, recorded instead of run."""

    def __init__(self, app: App) -> None:
        self.calls: list[str] = []
        app.action_quit = lambda *args: self.calls.append("quit")  # type: ignore[method-assign]
        app.action_screenshot = lambda *args: self.calls.append(f"screenshot{args}")  # type: ignore[method-assign]


async def click_the_payload(pilot, most: int = 5) -> int:
    """Click where the screen shows ``@click``: on the very characters a markup link would
    hold. Returns how many were clicked."""
    app, hits, clicks = pilot.app, 0, 0
    key_bar_row = app.size.height - 1  # its keys are real: clicking "Quit" there should quit
    for widget in list(app.screen.query("*")):
        if not widget.display or not widget.region.area or clicks >= most:
            continue
        for y in range(widget.region.height):
            try:
                line = widget.render_line(y).text
            except Exception:
                break
            at = line.find("@click")
            row = widget.region.y + y
            if at >= 0 and row != key_bar_row and widget.region.x + at < app.size.width:
                await pilot.click(offset=(widget.region.x + at, row))
                hits, clicks = hits + 1, clicks + 1
                if clicks >= most:
                    break
    await pilot.pause()
    return hits


async def visit(pilot, *keys: str) -> str:
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen_text(pilot.app)


async def test_a_hostile_course_is_shown_as_text_and_fires_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = payload(tmp_path)
    write_course(tmp_path / "course", bad)
    before = sorted(tmp_path.rglob("*"))
    app = build_app(str(tmp_path / "course"))
    fired = Fired(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen = [screen_text(app)]
        assert MARKUP in seen[0]
        assert "\x1b" not in seen[0]
        assert await click_the_payload(pilot) > 0
        for keys in (("n",), ("n",), ("n",), ("p",), ("end",), ("home",)):
            seen.append(await visit(pilot, *keys))
            await click_the_payload(pilot)
        seen.append(await visit(pilot, "m"))  # the map, over the lesson at 80 columns
        assert MARKUP in seen[-1] or squash(MARKUP) in squash(seen[-1])
        await click_the_payload(pilot)
        seen.append(await visit(pilot, "escape"))
        for opening, closing in ((("l",), ("escape",)), (("r",), ("escape",)), (("question_mark",), ("escape",)),
                                 (("o",), ("escape",))):
            if not isinstance(app.screen, type(app.lesson_screen)):
                await visit(pilot, "escape")
            seen.append(await visit(pilot, *opening))
            await click_the_payload(pilot)
            seen.append(await visit(pilot, *closing))
        seen.append(await visit(pilot, "slash", *"[@click=app.quit] [/]"))
        await click_the_payload(pilot)
        seen.append(await visit(pilot, "down", "up", "escape"))
        seen.append(await visit(pilot, "ctrl+p", *"One [/"))
        await pilot.pause(0.3)
        seen.append(screen_text(app))
        assert f"Lesson 1 of 2 \u00b7 {MARKUP}" in seen[-1]  # the audience, in a hit's help line
        await click_the_payload(pilot)
        seen.append(await visit(pilot, "escape"))
        # The quiz: each question, a wrong answer (its explanation and section), the end.
        seen.append(await visit(pilot, "x"))
        assert f"Ask {MARKUP}" in seen[-1]
        await click_the_payload(pilot)
        seen.append(await visit(pilot, "2", "enter"))
        assert f"Because {MARKUP}" in seen[-1] or squash(f"Because {MARKUP}") in squash(seen[-1])
        await click_the_payload(pilot)
        seen.append(await visit(pilot, "enter", "2", "enter"))
        await click_the_payload(pilot)
        seen.append(await visit(pilot, "enter"))
        await click_the_payload(pilot)
        seen.append(await visit(pilot, "escape"))
        # The tutor, asked in markup; the lesson's details (i).
        seen.append(await visit(pilot, "t", *"[@click=app.quit] [/] first", "enter"))
        await click_the_payload(pilot)
        assert "[@click=app.quit] [/] first" in seen[-1]
        seen.append(await visit(pilot, "escape"))
        seen.append(await visit(pilot, "i"))
        await click_the_payload(pilot)
        seen.append(await visit(pilot, "escape"))
        seen.append(await visit(pilot, "right_square_bracket"))
        await settle(pilot)
        seen.append(screen_text(app))
        await click_the_payload(pilot)
        assert app.is_running and app.return_code is None
        assert fired.calls == []

        everything = "\n".join(seen)
        assert "\x1b" not in everything and "\x9b" not in everything and "\u202e" not in everything
        assert SHOWN_ESCAPES in squash(everything)
        assert f"[@click=app.screenshot('{SHOT}','{tmp_path}')]W[/]" in squash(everything)
        assert "Two [@click=app.quit]Q[/]" in everything  # lesson two's title: in the list, the header
        await pilot.press("q")
        await pilot.pause()
        assert fired.calls == ["quit"]  # the recorder sees a real quit: its silence above means something
    written = set(tmp_path.rglob("*")) - set(before)
    assert {path for path in written if (tmp_path / "home") not in path.parents and path != tmp_path / "home"} == set()
    assert not list(tmp_path.rglob(SHOT)) and not list(Path.cwd().glob("*.svg"))


class _Markup(App):
    def compose(self) -> ComposeResult:
        yield Static(f"[@click=app.screenshot('{SHOT}','{self.folder}')]click here to write a file[/]")


async def test_the_walk_would_see_an_action_fired_by_markup(tmp_path):
    """What the walk guards against, shown: markup in a Static runs the action when clicked."""
    app = _Markup()
    app.folder = tmp_path
    fired = Fired(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click(offset=(3, 0))
        await pilot.pause()
    assert fired.calls and fired.calls[0].startswith("screenshot")


@pytest.fixture(autouse=True)
def private_folders(tmp_path, monkeypatch):
    for variable in ("ALIGNLEARN_DATA_DIR", "ALIGNLEARN_CONFIG_DIR", "ALIGNLEARN_CACHE_DIR"):
        monkeypatch.setenv(variable, str(tmp_path / "home" / variable.lower()))
