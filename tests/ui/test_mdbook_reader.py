"""The reader on an mdBook at 80x24: it opens, the lesson list shows parts and nesting,
a link to another chapter's anchor opens that chapter at that section; cat and check."""

from __future__ import annotations

import subprocess
import sys

from alignlearn.ui.app import build_app
from mdbook_support import make_book
from pilot import settle


async def test_open_book_and_follow_a_chapter_link_to_its_section(tmp_path):
    root = make_book(tmp_path / "book")
    app = build_app(str(root), lesson="links")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        assert screen.lesson_id == "links"
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")  # the first link: basics.md#second-part
        await settle(pilot)
        assert screen.lesson_id == "basics"
        await pilot.pause()
        assert screen.section == 2


def test_links_by_source_and_by_page_name_chapters_by_path(tmp_path):
    from alignlearn.course import open_course
    from alignlearn.course.links import links_in, target

    course = open_course(make_book(tmp_path / "book"))
    lesson = course.lesson("links")
    found = [target(link.href, course, "links") for link in links_in(lesson.sections[0].blocks)]
    assert found == [("lesson", "basics#second-part"), ("lesson", "basics/details"),
                     ("lesson", "basics/details#details")]
    inner = [target(link.href, course, "basics/details") for link in links_in(lesson.sections[0].blocks)]
    assert inner[1] == ("none", "not opened: no lesson of this course has that name")  # relative to basics/


async def test_lesson_list_shows_parts_and_nesting(tmp_path):
    from alignlearn.ui.screens.lesson_list import LessonListScreen
    from alignlearn.ui.widgets.entry_list import EntryList

    app = build_app(str(make_book(tmp_path / "book")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        entries = app.screen.query_one("#lessons", EntryList).entries
        titles = [(e.kind, e.left.strip(" 0123456789"), e.title) for e in entries]
        assert ("heading", "", "PART ONE") in titles and ("heading", "", "PART TWO") in titles
        details = next(e for e in entries if e.title == "Details")
        assert details.left.endswith("  ") and details.kind == "item"
        await pilot.press("enter")
        await settle(pilot)
        assert app.lesson_screen.lesson_id == "preface"


def run(*args):
    return subprocess.run([sys.executable, "-m", "alignlearn", *args], capture_output=True, text=True)


def test_cat_and_check_a_book(tmp_path):
    root = make_book(tmp_path / "book")
    result = run("cat", "basics/details", "--width", "80", "--course", str(root))
    assert result.returncode == 0 and "let x = 5;" in result.stdout and "{{#" not in result.stdout
    by_path = run("cat", str(root / "src" / "basics" / "details.md"), "--width", "80")
    assert by_path.stdout == result.stdout
    (root / "src" / "links.md").write_text("# Links\n\n{{#include ../../outside.md}}\n", encoding="utf-8")
    checked = run("check", str(root))
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert f"{root / 'src' / 'links.md'}:3:1: error:" in checked.stdout
    one = run("check", str(root / "src" / "links.md"))
    assert one.returncode == 1 and f"{root / 'src' / 'links.md'}:3:1: error:" in one.stdout
