"""Pilot tests of the reader: keys in, state out (screen, lesson, section, scroll, focus).

Every app is built by ``build_app``, the factory the command line uses. Each test runs
at 80x24 (map hidden, shown over the lesson) and at 120x40 (map beside the lesson).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from alignlearn.render.lesson import related_infos
from alignlearn.ui.app import AlignlearnApp, ReaderError, build_app
from alignlearn.ui.screens.lesson import LessonScreen
from alignlearn.ui.widgets import LessonView
from alignlearn.ui.widgets.lesson_view import MARGIN
from pilot import copy_course, settle

SIZES = [(80, 24), (120, 40)]
SEED = "alignment-technical-problem"


@pytest.fixture
def course_dir(tmp_path) -> Path:
    return copy_course(tmp_path, quizzes=False)


def view_of(app: AlignlearnApp) -> LessonView:
    return app.lesson_screen.view


def plain(renderable) -> str:
    console = Console(width=60, color_system=None)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def shown_text(view: LessonView) -> list[str]:
    """The lines painted in the view right now, as the terminal would show them."""
    return [view.render_line(y).text[MARGIN:] for y in range(view.scrollable_content_region.height)]


@pytest.mark.parametrize("size", SIZES)
async def test_opens_the_first_lesson_of_the_course(course_dir, size):
    app = build_app(str(course_dir))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        assert screen.lesson_id == app.course.lessons[0].id
        assert isinstance(app.focused, LessonView)
        assert screen.section == 0
        assert screen.map_open is (size[0] >= 100)
        if size[0] >= 100:
            assert screen.lesson_map.display
        else:  # not even mounted until it is first shown
            assert screen.lesson_map is None
        header = screen.query_one("#header").render_line(1).text
        assert screen.lesson.title[:20] in header
        assert any(line.strip() for line in shown_text(screen.view))


@pytest.mark.parametrize("size", SIZES)
async def test_scroll_keys_move_without_animation(course_dir, size):
    app = build_app(str(course_dir))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = view_of(app)
        await pilot.press("j")
        assert view.scroll_y == 1
        await pilot.press("down", "down")
        assert view.scroll_y == 3
        await pilot.press("k")
        assert view.scroll_y == 2
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.scroll_y == 2 + view.scrollable_content_region.height
        await pilot.press("space")
        await pilot.pause()
        assert view.scroll_y == 2 + 2 * view.scrollable_content_region.height
        await pilot.press("pageup")
        await pilot.pause()
        assert view.scroll_y == 2 + view.scrollable_content_region.height
        await pilot.press("end")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 0
        last = related_infos(view.lesson, view.course)[-1].title if view.lesson.related else ""
        assert last.split()[0] in "\n".join(shown_text(view))  # the end: the last lesson to read next
        await pilot.press("home")
        await pilot.pause()
        assert view.scroll_y == 0


@pytest.mark.parametrize("size", SIZES)
async def test_n_and_p_move_between_sections_and_the_map_follows(course_dir, size):
    app = build_app(str(course_dir))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen: LessonScreen = app.screen
        if screen.lesson_map is None:  # 80 columns: show the map once, then hide it again
            await pilot.press("m", "escape")
            await pilot.pause()
        view, lesson_map = screen.view, screen.lesson_map
        assert lesson_map.display is (size[0] >= 100)
        await pilot.press("n")
        assert screen.section == 1 and lesson_map.section == 1
        assert view.scroll_y == view.page.section_start(1)
        assert shown_text(view)[0].startswith("Section 1 ")
        await pilot.press("n", "n")
        assert screen.section == 3 and lesson_map.section == 3
        assert lesson_map.text_of("sec-3").startswith("\u25b6 3. ")
        assert lesson_map.text_of("sec-2").startswith("  2. ")
        await pilot.press("p")
        assert screen.section == 2 and lesson_map.section == 2
        # scrolling by hand moves the highlight too
        await pilot.press("home")
        await pilot.pause()
        assert screen.section == 0 and lesson_map.section == 0
        # n all the way: the last section counts as read even if it cannot reach the top
        last = screen.lesson.sections[-1].number
        for _ in range(last):
            await pilot.press("n")
        assert screen.section == last and lesson_map.section == last


@pytest.mark.parametrize("size", SIZES)
async def test_brackets_open_the_next_and_previous_lesson(course_dir, size):
    app = build_app(str(course_dir))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen: LessonScreen = app.screen
        second = app.course.lessons[1]
        await pilot.press("n")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.lesson_id == second.id
        assert screen.lesson.id == second.id
        assert screen.section == 0 and screen.view.scroll_y == 0
        assert "Lesson 2 of" in screen.query_one("#header").render_line(0).text
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.lesson_id == app.course.lessons[0].id
        await pilot.press("left_square_bracket")  # the first lesson: stays
        await settle(pilot)
        assert screen.lesson_id == app.course.lessons[0].id


@pytest.mark.parametrize("size", SIZES)
async def test_lesson_list_opens_the_chosen_lesson(course_dir, size):
    from alignlearn.ui.screens.lesson_list import LessonListScreen

    app = build_app(str(course_dir))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        table = app.screen.query_one("#lessons")
        assert len(table.entries) == len(app.course.lessons)
        assert table.cursor == 0  # the lesson being read
        await pilot.press("q")  # from a dialog, q goes back rather than quitting
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.is_running
        await pilot.press("l", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson_id == app.course.lessons[1].id
        await pilot.press("l", "1")
        await settle(pilot)
        assert app.screen.lesson_id == app.course.lessons[0].id


@pytest.mark.parametrize("size", SIZES)
async def test_search_finds_and_opens_the_lesson_at_the_section(course_dir, size):
    from alignlearn.ui.screens.search import SearchScreen

    app = build_app(str(course_dir))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"sycophancy")
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.screen.results:
                break
        results = app.screen.results
        assert results, "no result for a word the seed lesson uses"
        assert app.screen.query_one("OptionList").option_count == len(results)
        with_section = next(i for i, r in enumerate(results) if r.section)
        for _ in range(with_section):
            await pilot.press("down")
        chosen = results[with_section]
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        assert screen.lesson_id == chosen.lesson
        assert screen.section == chosen.section
        assert screen.view.scroll_y == min(screen.view.page.section_start(chosen.section), screen.view.max_scroll_y)


async def test_search_results_follow_each_keystroke(course_dir):
    app = build_app(str(course_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"rew")
        await app.workers.wait_for_complete()
        await pilot.pause()
        few = list(app.screen.results)
        assert few  # "rew" as a prefix: reward, ...
        await pilot.press(*"ard hacking")
        await pilot.pause()
        assert app.screen.results and app.screen.results != few
        await pilot.press("q", "question_mark")  # typed, not bound: the dialog stays
        await pilot.pause()
        assert app.screen.query_one("Input").value == "reward hackingq?"
        await pilot.press("backspace", "backspace")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_a_related_lesson_opens_with_r(course_dir, size):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        related = related_infos(app.screen.lesson, app.course)
        assert related
        await pilot.press("r")
        await pilot.pause()
        assert [entry.value for entry in app.screen.query_one("#lessons").entries] == [r.id for r in related]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.lesson_id == related[0].id


async def test_resize_re_renders_at_the_new_width_and_keeps_the_place(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen: LessonScreen = app.screen
        wide = screen.view.page.width
        await pilot.press("n", "n", "n")
        assert screen.section == 3
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        narrow = screen.view.page.width
        assert narrow < wide
        assert narrow == screen.view.scrollable_content_region.width - MARGIN
        assert max(len(line.rstrip()) for line in shown_text(screen.view)) <= narrow
        assert screen.section == 3
        assert not screen.lesson_map.display  # the map hides at 80 columns
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert screen.view.page.width == wide and screen.lesson_map.display
        assert screen.section == 3


@pytest.mark.parametrize("size", SIZES)
async def test_help_lists_the_keys_from_the_bindings(course_dir, size):
    from alignlearn.ui.screens.help import HelpScreen

    app = build_app(str(course_dir))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {does for _, bindings in app.screen.groups for b in bindings
                     for does in [b.tooltip or b.description]}
        for binding in LessonScreen.BINDINGS + LessonView.BINDINGS:
            assert (binding.tooltip or binding.description) in described
        assert "Open the next lesson of the course" in described
        assert app.screen.query_one("#key-table").size.height > 20  # all of it, in a scrollable box
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)


async def test_help_opens_from_a_dialog_and_a_question_mark_is_typed_in_its_input(course_dir):
    """A modal screen hides the app's bindings: the dialogs offer ? themselves, and an
    input in a dialog still takes ? as text."""
    from textual.widgets import Input

    from alignlearn.ui.screens.help import HelpScreen
    from alignlearn.ui.screens.lesson_list import LessonListScreen
    from alignlearn.ui.screens.search import SearchScreen

    app = build_app(str(course_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("w", "h", "y", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query", Input).value == "why?"


async def test_map_entry_scrolls_to_its_section_at_120_columns(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen: LessonScreen = app.screen
        await pilot.press("tab")
        assert app.focused is screen.lesson_map
        lesson_map = screen.lesson_map
        lesson_map.highlight("sec-4")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.section == 4
        assert app.focused is screen.view
        # a path entry that names a section goes there too
        await pilot.press("tab")
        lesson_map.highlight("path-2")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.section == 2


async def test_map_is_an_overlay_toggled_with_m_at_80_columns(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen: LessonScreen = app.screen
        assert screen.lesson_map is None and not screen.map_open
        width = screen.view.page.width
        await pilot.press("m")
        await pilot.pause()
        assert screen.lesson_map.display and app.focused is screen.lesson_map
        assert screen.view.page.width == width  # over the lesson: the lesson keeps its width
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.lesson_map.display and app.focused is screen.view
        await pilot.press("m")
        await pilot.pause()
        screen.lesson_map.highlight("sec-5")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.section == 5
        assert not screen.lesson_map.display and app.focused is screen.view


async def test_palette_offers_every_lesson_and_section(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        target = app.course.lesson(SEED).sections[-1]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*target.title)
        for _ in range(50):
            await pilot.pause(0.05)
            if app.screen.query("CommandList Option, CommandList") and app.screen.query_one("CommandList").option_count:
                break
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        assert screen.section == target.number


async def test_q_quits(course_dir):
    app = build_app(str(course_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


def test_build_app_reports_a_missing_course_or_lesson(tmp_path, course_dir):
    with pytest.raises(ReaderError):
        build_app(str(tmp_path / "nowhere"))
    with pytest.raises(ReaderError):
        build_app(str(course_dir), lesson="no-such-lesson")
    app = build_app(str(course_dir / f"{SEED}.md"))
    assert app.course.root == course_dir


async def test_a_long_lesson_shows_at_once_and_end_reaches_its_end(tmp_path):
    import sys

    from textual import events

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from make_long_lesson import long_lesson, write_course

    # The section being read is the one at the top of the view, so End makes the last
    # section current only when it is at least a screen tall: cut the lesson (about 4,000
    # lines of the seed lesson repeated) 40 lines or more into a section, wherever the
    # seed lesson's text puts its headings.
    lines = 4000
    while len(long_lesson(lines).split("\n## ")[-1].split("\n")) < 40:
        lines += 1
    lesson_file = write_course(tmp_path / "long", lines)
    app = build_app(str(lesson_file))
    async with app.run_test(size=(80, 24)) as pilot:
        view = None
        for _ in range(500):  # the first page, before the whole lesson is parsed and rendered
            await pilot.pause(0.005)
            view = app.lesson_screen.view
            if view.page is not None:
                break
        assert view.page is not None and not view.page.complete
        app.post_message(events.Key("end", None))
        await pilot.pause()
        last = lambda: [view.render_line(y).text.strip() for y in range(view.size.height)]  # noqa: E731
        assert "Long lessons must open as fast as short ones." in last()
        await settle(pilot)
        assert view.page.complete
        assert view.scroll_y == view.max_scroll_y
        assert "Long lessons must open as fast as short ones." in last()
        last_section = app.lesson_screen.lesson.sections[-1].number
        assert app.lesson_screen.section == last_section
        await pilot.press("home", "n", "n")
        assert app.lesson_screen.section == 2
        assert last()[0].startswith("Section 2 ")


async def test_the_reader_sweeps_old_cache_files_once_it_is_reading(course_dir, monkeypatch):
    import os
    import time

    from alignlearn import paths
    from alignlearn.ui import app as app_module

    monkeypatch.setattr(app_module, "SWEEP_AFTER", 0.05)
    folder = paths.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / f"lesson-{'e' * 32}.cache"  # a lesson not read for three months
    stale.write_bytes(b"old")
    os.utime(stale, (time.time() - 90 * 24 * 3600,) * 2)
    app = build_app(str(course_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(100):
            await pilot.pause(0.02)
            if not stale.exists():
                break
        assert not stale.exists()
        assert app.lesson_screen.lesson is not None  # the lesson's own cache is new: kept


async def test_quitting_while_the_course_is_indexed_does_not_wait_for_the_index(course_dir, monkeypatch):
    """A course never indexed is indexed at the first /. Closing the search goes on
    indexing; quitting stops it at the next lesson (the app used to wait for all of it)."""
    import threading
    import time

    from alignlearn.course import lesson as lesson_module
    from alignlearn.search import index_file as search_index
    from alignlearn.cache import disk as cache

    real = lesson_module.load_lesson
    parsed: list[str] = []
    slow = threading.Event()

    def slow_load(path, with_quiz=True):
        parsed.append(str(path))
        if slow.is_set():
            time.sleep(0.3)  # a course of thousands of lessons, a lesson at a time
        return real(path, with_quiz=with_quiz)

    monkeypatch.setattr(lesson_module, "load_lesson", slow_load)
    app = build_app(str(course_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        slow.set()
        parsed.clear()
        await pilot.press("slash")
        for _ in range(100):
            await pilot.pause(0.02)
            if parsed:
                break
        assert parsed  # indexing has begun
        await pilot.press("escape")  # the search is closed: the indexing goes on
        at_close = len(parsed)
        for _ in range(150):
            await pilot.pause(0.02)
            if len(parsed) > at_close:
                break
        assert isinstance(app.screen, LessonScreen) and len(parsed) > at_close
        started = time.monotonic()
    assert time.monotonic() - started < 1.5  # no longer waits for every lesson (0.3 s each)
    count = len(parsed)
    time.sleep(0.7)
    assert len(parsed) == count  # stopped, not running on behind the closed app
    assert len(parsed) < len(list(course_dir.glob("*.md")))
    assert not cache.cache_file(course_dir, search_index.KIND).exists()  # nothing half-built was saved
