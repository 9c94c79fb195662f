"""The lesson list's Done column after a restart, for every kind of course: a lesson
whose sections were all read in an earlier run says "✓ read" before it is opened in
this one (it did only for the bundled course's kind, whose lessons the lesson cache
held; a plain folder's and a book's lessons were known only once opened)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from alignlearn.cache import reading
from alignlearn.course import open_course
from alignlearn.progress import ProgressStore, section_key
from alignlearn.ui.app import build_app
from alignlearn.ui.widgets.entry_list import EntryList
from mdbook_support import make_book, quiz_reader  # noqa: F401  (a fixture)
from pilot import copy_course, settle


def plain_folder(folder: Path) -> Path:
    """Two lessons of a few ``##`` sections each, no course.toml."""
    folder.mkdir(parents=True)
    for n in (1, 2, 3):
        (folder / f"lesson{n}.md").write_text(
            f"# Lesson {n}\n\nIntro {n}.\n\n## First part\n\nText one.\n\n## Second part\n\nText two.\n",
            encoding="utf-8")
    then = time.time() - 60  # not written this second, as a course on disk is
    for path in folder.iterdir():
        os.utime(path, (then, then))
    return folder


def read_before(course_path: Path, lesson_id: str, every: bool = True) -> None:
    """Progress written by an earlier run: all of the lesson's sections read (or all but one)."""
    course = open_course(course_path)
    lesson = reading.read(course, lesson_id)
    keys = [section_key(s.title) for s in lesson.sections]
    store = ProgressStore()
    for key in keys if every else keys[:-1]:
        store.mark_section_read(course.id, lesson_id, key)


def forget_the_lesson_caches() -> None:
    """As on a machine that never opened the lessons (progress synced from another)."""
    from alignlearn import paths
    import shutil

    shutil.rmtree(paths.cache_dir(), ignore_errors=True)


async def done_column(pilot) -> dict[str, str]:
    """The Done column of each lesson in the list ``l`` shows, once every worker is done."""
    await pilot.press("l")
    await settle(pilot)  # the sections of lessons not in a cache are learnt in a thread
    await pilot.pause()
    listing = pilot.app.screen.query_one("#lessons", EntryList)
    return {entry.id: entry.right for entry in listing.entries if entry.selectable}


@pytest.mark.parametrize("cold", [False, True], ids=["cached", "cold-cache"])
async def test_a_plain_folder_s_lesson_read_before_says_read_unopened(tmp_path, cold):
    folder = plain_folder(tmp_path / "x")
    read_before(folder, "lesson2")
    read_before(folder, "lesson3", every=False)
    if cold:
        forget_the_lesson_caches()
    app = build_app(str(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.lesson_screen.lesson_id == "lesson1"
        done = await done_column(pilot)
        assert "\u2713 read" in done["lesson2"]
        assert "\u2713" not in done["lesson1"] and "\u2713" not in done["lesson3"]  # one section still to read
        assert "\u2713 read" in app.screen.query_one("#lessons", EntryList).text_of("lesson2")  # painted


async def test_a_book_s_chapter_read_before_says_read_unopened(tmp_path, quiz_reader):
    book = make_book(tmp_path / "book")
    read_before(book, "quizzes")
    app = build_app(str(book))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.lesson_screen.lesson_id != "quizzes"
        done = await done_column(pilot)
        assert "\u2713 read" in done["quizzes"]
        assert "\u2713" not in done["basics"]


async def test_a_course_s_lesson_read_on_another_machine_says_read_unopened(tmp_path):
    """The bundled course's kind, its lesson cache empty (as after a sync from another device)."""
    course_dir = copy_course(tmp_path)
    course = open_course(course_dir)
    second = course.lessons[1].id
    read_before(course_dir, second)
    forget_the_lesson_caches()
    app = build_app(str(course_dir), lesson=course.lessons[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        done = await done_column(pilot)
        assert "\u2713 read" in done[second]


async def test_a_list_already_up_marks_the_lessons_found_done_meanwhile(tmp_path):
    folder = plain_folder(tmp_path / "x")
    app = build_app(str(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        listing = app.screen.query_one("#lessons", EntryList)
        assert "\u2713" not in listing.text_of("lesson2")
        progress = app.progress
        progress.saver.lessons["lesson2"] = type(progress.saver.lesson("lesson2"))({"first-part", "second-part",
                                                                                    "lesson-2"})
        progress._sections_known({"lesson2": {"lesson-2", "first-part", "second-part"}})
        await pilot.pause()
        assert "\u2713 read" in listing.text_of("lesson2")
