"""Lesson text is content, never markup; links open nothing unconfirmed; bad lessons do not crash.

Each test writes its own small course in tmp_path and asserts on what is painted
(the view's Strips, the header's lines) and that the app is still running.
"""

from __future__ import annotations

import pytest

from pathlib import Path

from alignlearn.ui.app import AlignlearnApp, build_app
from alignlearn.ui.screens.lesson import LessonScreen
from pilot import copy_course, settle as _settle


async def settle(pilot) -> None:
    await _settle(pilot, loaded=False)

QUIT = "[@click=app.quit]"


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_lesson(folder: Path, lesson_id: str, title: str = "A lesson", body: str = "Text.\n",
                 terms: dict[str, str] | None = None, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["+++", f'id = "{lesson_id}"', f"title = {toml_string(title)}", extra]
    if terms:
        lines.append("[terms]")
        lines += [f"{toml_string(term)} = {toml_string(definition)}" for term, definition in terms.items()]
    lines.append("+++")
    file = folder / f"{lesson_id}.md"
    file.write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")
    return file


def write_course(folder: Path, order: list[str]) -> None:
    quoted = ", ".join(f'"{lesson_id}"' for lesson_id in order)
    (folder / "course.toml").write_text(
        f'format_version = 1\nid = "test"\ntitle = "Test course"\norder = [{quoted}]\n', encoding="utf-8")


def squash(text: str) -> str:
    """Without whitespace: long paths wrap across painted lines."""
    return "".join(text.split())


def painted(app: AlignlearnApp) -> str:
    """Every line of the lesson as painted by the view's render_line, scrolling through it."""
    view = app.lesson_screen.view
    height = view.scrollable_content_region.height
    lines = []
    for top in range(0, max(1, len(view.page.lines)), height):
        view.scroll_to(y=top, animate=False)
        lines += [view.render_line(y).text.rstrip() for y in range(height)]
    view.scroll_to(y=0, animate=False)
    return "\n".join(lines)


async def test_markup_in_the_title_shows_literally(tmp_path):
    title = f"{QUIT}Quit[/] [bold]bold[/bold] arr[i]"
    write_lesson(tmp_path, "markup", title=title, extra='path = ["[@click=app.quit]p[/]"]')
    app = build_app(str(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        header = app.screen.query_one("#header")
        assert header.render_line(1).text.strip() == title
        await pilot.click("#header", offset=(3, 1))
        await pilot.press("l")
        await pilot.pause()
        listed = app.screen.query_one("#lessons")
        assert title in listed.text_of("markup").replace("\n", " ")
        await pilot.press("escape")
        await pilot.pause()
        map_text = "\n".join(app.screen.lesson_map.render_line(y).text for y in range(6))
        assert "[@click=app.quit]p[/]" in map_text
        assert app.is_running and isinstance(app.screen, LessonScreen)


async def test_markup_in_the_body_shows_literally_and_fires_nothing(tmp_path):
    sentence = f"Hi {QUIT}click me[/] [bold]not bold[/bold] arr[i] [/] end."
    write_lesson(tmp_path, "markup", body=f"{sentence}\n\n## [b]One[/b]\n\nMore arr[i].\n")
    app = build_app(str(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = painted(app)
        assert sentence in text
        assert "Section 1 [b]One[/b]" in text
        view = app.lesson_screen.view
        await pilot.click(view, offset=(10, 0))
        await pilot.click(view, offset=(14, 0))
        await pilot.press("enter", "n")
        await pilot.pause()
        assert app.is_running and app.lesson_screen.section == 1


async def test_markup_in_a_table_cell_shows_literally(tmp_path):
    body = (
        "| Approach | Note | Other |\n|---|---|---|\n"
        f"| {QUIT}RLHF[/] | [bold]cell[/bold] | a |\n"
        "| arr[i] | [red]x[/red] | b |\n"
    )
    write_lesson(tmp_path, "markup", body=body)
    app = build_app(str(tmp_path))
    for size in ((160, 40), (40, 24)):  # a box table, and one card per row on a narrow screen
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            text = painted(app)
            for cell in (f"{QUIT}RLHF[/]", "[bold]cell[/bold]", "arr[i]", "[red]x[/red]"):
                assert cell in text, (size, cell)
            if size[0] == 160:
                assert "\u2502" in text and "\u250c" in text  # drawn as a real table
            else:
                assert "Note: [bold]cell[/bold]" in text  # a card: its first cell, then "Header: value"
            await pilot.click(app.lesson_screen.view, offset=(3, 3))
            assert app.is_running
        app = build_app(str(tmp_path))


async def test_markup_in_a_term_shows_literally(tmp_path):
    terms = {"[bold]Term[/bold]": f"{QUIT}definition[/] of arr[i]"}
    write_lesson(tmp_path, "markup", terms=terms)
    app = build_app(str(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = painted(app)
        assert f"[bold]Term[/bold]: {QUIT}definition[/] of arr[i]" in text
        await pilot.press("end")
        await pilot.click(app.lesson_screen.view, offset=(4, 2))
        assert app.is_running


async def test_markup_in_titles_is_literal_in_the_palette(tmp_path):
    title = f"{QUIT}Quit[/] arr[i]"
    write_lesson(tmp_path, "markup", title=title, body="## [bold]Sec[/bold]\n\nText.\n")
    app = build_app(str(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Quit")
        commands = None
        for _ in range(50):
            await pilot.pause(0.05)
            found = app.screen.query("CommandList")
            if found and found.first().option_count:
                commands = found.first()
                break
        assert commands is not None
        shown = "\n".join(commands.render_line(y).text for y in range(commands.size.height))
        assert f"Lesson: {title}" in shown
        assert "[bold]Sec[/bold]" in shown
        await pilot.press("escape")
        assert app.is_running


async def test_links_open_only_after_confirming_and_only_web_or_lessons(tmp_path, monkeypatch):
    body = (
        "## Links\n\n"
        "See [the site](https://example.com/page), [the next lesson](second.md) "
        "and [a trap](ftp://example.com/x) and [another](javascript:alert(1)).\n"
    )
    write_lesson(tmp_path, "first", body=body)
    write_lesson(tmp_path, "second", title="Second")
    write_course(tmp_path, ["first", "second"])
    opened: list[str] = []
    app = build_app(str(tmp_path))
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **kw: opened.append(url) or True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = painted(app)
        assert "the site (https://example.com/page)" in text  # links are shown
        await pilot.press("n", "o")
        await pilot.pause()
        links = app.screen.query_one("OptionList")
        assert links.option_count == 3  # markdown-it itself drops the javascript: one
        await pilot.press("enter")  # the web page: asks first
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen" and opened == []
        await pilot.press("n")
        await pilot.pause()
        assert opened == [] and type(app.screen).__name__ == "LinksScreen"
        await pilot.press("down", "down", "enter")  # ftp: listed, never opened
        await pilot.pause()
        assert opened == [] and type(app.screen).__name__ == "LinksScreen"
        await pilot.press("up", "up", "enter", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened == ["https://example.com/page"]
        assert isinstance(app.screen, LessonScreen)
        assert [n.message for n in app._notifications][-1] == (
            "Opening https://example.com/page in your browser. If no browser opens, copy the address from here.")
        await pilot.press("o", "down", "enter")  # a lesson of the course: opens it
        await settle(pilot)
        assert app.screen.lesson_id == "second"


async def test_escape_hides_the_messages_in_the_corner(tmp_path):
    """"No web browser could be opened here" stays a minute (to copy its address), over the tutor's
    input once that is opened, and no key hid it."""
    write_lesson(tmp_path, "short", body="## One\n\nText.\n")
    app = build_app(str(tmp_path))
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await settle(pilot)
        app.notify("No web browser could be opened here.", timeout=60)
        await pilot.pause()
        assert len(app._notifications) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert len(app._notifications) == 0 and app.is_running


async def test_links_on_screen_below_the_current_section_are_offered(tmp_path):
    """A short lesson read to its end is still "in" its first section: o said "There are no
    links in section 1" with the links of section 3 on screen."""
    body = "## One\n\nNo links.\n\n## Two\n\nNone here.\n\n## Three\n\nSee [the site](https://example.com/page).\n"
    write_lesson(tmp_path, "short", body=body)
    app = build_app(str(tmp_path))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n", "end", "o")
        await pilot.pause()
        assert type(app.screen).__name__ == "LinksScreen", [n.message for n in app._notifications]
        assert app.screen.query_one("OptionList").option_count == 1


@pytest.mark.parametrize("fails", ["answers no", "raises"])
async def test_a_web_page_no_browser_can_open_leaves_its_address_to_copy(fails, tmp_path, monkeypatch):
    """Over SSH no browser starts: the learner who said yes is told, and gets the address."""
    import webbrowser

    def no_browser(url, *args, **kw):
        if fails == "raises":
            raise webbrowser.Error("could not locate runnable browser")
        return False

    write_lesson(tmp_path, "first", body="## Links\n\nSee [the site](https://example.com/a?b=[c]).\n")
    write_course(tmp_path, ["first"])
    monkeypatch.setattr("webbrowser.open", no_browser)
    app = build_app(str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "o", "enter", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        [note] = list(app._notifications)
        assert note.message == "No web browser could be opened here. The address, to copy: https://example.com/a?b=%5Bc%5D"
        assert note.severity == "warning" and note.timeout >= 30 and not note.markup
        await pilot.press("j", "p")  # reading on: the address stays up
        await pilot.pause()
        assert [n.message for n in app._notifications] == [note.message]


async def test_a_web_page_in_serve_opens_in_a_tab_of_the_learners_browser(tmp_path, monkeypatch):
    write_lesson(tmp_path, "first", body="## Links\n\nSee [the site](https://example.com/page).\n")
    write_course(tmp_path, ["first"])
    monkeypatch.setattr("webbrowser.open", lambda *a, **kw: pytest.fail("a browser on the server"))
    monkeypatch.setattr(AlignlearnApp, "is_web", property(lambda self: True))
    app = build_app(str(tmp_path))
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "o", "enter", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened == ["https://example.com/page"]
        assert [n.message for n in app._notifications] == ["Opening https://example.com/page in a new tab."]


async def test_a_lesson_that_fails_to_load_shows_its_problems(tmp_path):
    write_lesson(tmp_path, "good", title="Good", body="## One\n\nFine.\n")
    bad = write_lesson(tmp_path, "bad", title="Bad")
    write_course(tmp_path, ["good", "bad"])
    app = build_app(str(tmp_path))
    # broken after the course was opened: the reader finds out when it reads the lesson
    bad.write_text('+++\nid = "bad"\ntitle = \n+++\n\nText.\n', encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        screen = app.screen
        assert screen.lesson_id == "bad" and screen.lesson is None
        text = painted(app)
        assert squash(f"{bad}:3:") in squash(text)
        assert "error:" in text
        await pilot.press("n", "j", "left_square_bracket")
        await settle(pilot)
        assert app.is_running and app.screen.lesson_id == "good"


async def test_a_broken_lesson_file_given_on_the_command_line_shows_its_problems(tmp_path):
    file = tmp_path / "broken.md"
    file.write_text("no front matter here\n", encoding="utf-8")
    # In a native course: without course.toml the folder is a plain folder of Markdown
    # (SPEC 1a), where a file without front matter is a lesson (tests/test_folder_source.py).
    (tmp_path / "course.toml").write_text('format_version = 1\nid = "c"\ntitle = "C"\n', encoding="utf-8")
    app = build_app(str(file))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = painted(app)
        assert "could not be opened" in text
        assert squash(f"{file}:1:1: error: missing front matter") in squash(text)
        await pilot.press("n", "j", "l")
        await pilot.pause()
        assert app.is_running


async def test_a_course_without_lessons_says_so_and_keys_do_nothing_harmful(tmp_path):
    app = build_app(str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "This course has no lessons yet" in painted(app)
        for key in ("n", "p", "right_square_bracket", "left_square_bracket", "r", "o", "m", "escape", "tab"):
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running and isinstance(app.screen, LessonScreen)
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.query_one("#lessons").entries == []


async def test_a_course_whose_only_lesson_cannot_be_read_says_so_not_where_lessons_go(tmp_path):
    """It said "lesson files (*.md) go in <the folder>", the folder they are in."""
    (tmp_path / "broken.md").write_text('+++\ntitle = "Broken\n+++\n\nText.\n', encoding="utf-8")
    app = build_app(str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = squash(painted(app))
        assert squash("no lesson it can read") in text and squash("go in") not in text
        assert squash("broken.md:2:") in text


async def test_a_subsection_in_the_map_scrolls_to_its_heading(tmp_path):
    filler = "\n\n".join(f"Paragraph {n} of filler text." for n in range(30))
    body = f"## First\n\n{filler}\n\n## Second\n\n{filler}\n\n### The subsection\n\nIts text.\n\n{filler}\n"
    write_lesson(tmp_path, "subs", body=body)
    app = build_app(str(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        lesson_map = screen.lesson_map
        lesson_map.focus()
        lesson_map.highlight("sub-2-0")
        await pilot.press("enter")
        await pilot.pause()
        view = screen.view
        assert view.render_line(0).text.strip() == "The subsection"
        assert screen.section == 2 and lesson_map.section == 2
        assert app.focused is view


async def test_reload_shows_the_changed_file_at_the_same_place(tmp_path):
    filler = "\n\n".join(f"Paragraph {n}." for n in range(20))
    file = write_lesson(tmp_path, "live", body=f"## One\n\n{filler}\n\n## Two\n\nOld text.\n\n## Three\n\n{filler}\n")
    app = build_app(str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.section == 1  # no introduction: the lesson opens on section 1
        await pilot.press("n")
        assert screen.section == 2
        file.write_text(file.read_text(encoding="utf-8").replace("Old text.", "New text."), encoding="utf-8")
        old = screen.lesson
        screen.reload()
        for _ in range(100):
            await settle(pilot)
            if screen.lesson is not old:
                break
        shown = [screen.view.render_line(y).text.strip() for y in range(4)]
        assert shown[0] == "Section 2 Two" and shown[2] == "New text."  # the same place, the new text
        assert screen.section == 2
        assert "Old text." not in painted(app)


@pytest.mark.parametrize("key", ["n", "p", "right_square_bracket", "x", "t"])
async def test_in_a_course_without_lessons_keys_say_there_are_none_and_the_map_says_so(tmp_path, key):
    """At 80 columns the map is mounted on ``m``; it said "Loading…" for ever. n said
    "This is the last section", x "once the lesson is open": there is no lesson at all."""
    app = build_app(str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        lesson_map = app.lesson_screen.lesson_map
        shown = "\n".join(lesson_map.render_line(y).text for y in range(lesson_map.size.height))
        assert "No lessons" in shown and "Loading" not in shown
        await pilot.press("escape", key)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "This course has no lessons." in messages, messages
        assert not any("last section" in m or "once the lesson is open" in m for m in messages), messages


async def test_a_lesson_the_course_could_not_read_is_announced_once(tmp_path):
    """A walkthrough: a course of two lessons, one with broken front matter, opened as
    "Lesson 1 of 1" with no word of the other."""
    # course.toml's order names the broken lesson too: one fault, one file counted
    (tmp_path / "course.toml").write_text('format_version = 1\nid = "c"\ntitle = "C"\norder = ["good", "broken"]\n',
                                          encoding="utf-8")
    (tmp_path / "good.md").write_text('+++\nid = "good"\ntitle = "Good"\n+++\n\n## A\n\nText.\n', encoding="utf-8")
    (tmp_path / "broken.md").write_text('+++\nid = "broken\ntitle = "B"\n+++\n\nText.\n', encoding="utf-8")
    app = build_app(str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        said = [n.message for n in app._notifications if "could not be read" in n.message]
        assert len(said) == 1, said
        assert "1 lesson file could not be read and is left out: broken.md line 2:" in said[0]
        assert f"alignlearn check {tmp_path}" in said[0]


async def test_a_course_that_reads_whole_says_nothing(tmp_path):
    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not [n for n in app._notifications if "could not be read" in n.message]


async def test_an_empty_lesson_says_it_has_no_text_not_a_blank_page(tmp_path):
    (tmp_path / "a.md").write_text("# Notes\n\nHello.\n", encoding="utf-8")
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    app = build_app(str(tmp_path / "empty.md"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "This lesson has no text yet." in painted(app)
