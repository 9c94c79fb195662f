"""The lesson list's Min column for lessons that declare no minutes (a plain Markdown
folder, a book's chapters): the estimate ``alignlearn lessons`` shows, "~N", read in a
thread for the lessons in view only, so that a course of thousands opens as fast."""

from __future__ import annotations

import os
import time
from pathlib import Path

from textual.worker import WorkerCancelled

from alignlearn.authoring.quiz_lint import shown_minutes
from alignlearn.commands import lessons as lessons_command
from alignlearn.course import open_course
from alignlearn.ui.app import build_app
from alignlearn.ui.screens.lesson_list import LessonListScreen
from alignlearn.ui.widgets.entry_list import EntryList
from pilot import settle


def plain_folder(folder: Path, words: dict[str, int], minutes: dict[str, int] | None = None) -> Path:
    """A folder of Markdown files, no course.toml: each a heading and so many words."""
    folder.mkdir(parents=True)
    for name, count in words.items():
        front = f"---\nminutes: {minutes[name]}\n---\n" if minutes and name in minutes else ""
        (folder / f"{name}.md").write_text(f"{front}# {name.title()}\n\n" + "word " * count + "\n", encoding="utf-8")
    then = time.time() - 60  # not written this second, as a course on disk is
    for path in folder.iterdir():
        os.utime(path, (then, then))
    return folder


def minutes_of(entry) -> str:
    """The Min column of an entry: the first four columns of its right-hand side."""
    return entry.right[:4].strip()


async def estimated(pilot) -> None:
    """Wait until the minutes in view are read and shown."""
    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        await pilot.pause()


async def test_a_plain_folder_shows_estimated_minutes_as_lessons_does(tmp_path):
    folder = plain_folder(tmp_path / "notes", {"a-long": 1000, "b-short": 30, "c-declared": 500},
                          minutes={"c-declared": 12})
    app = build_app(str(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LessonListScreen)
        await estimated(pilot)
        listing = app.screen.query_one("#lessons", EntryList)
        shown = {lesson: minutes_of(listing.entries[listing.index_of(lesson)]) for lesson in ("a-long", "b-short", "c-declared")}
        assert shown == {"a-long": "~5", "b-short": "~1", "c-declared": "12"}
        assert "~5" in listing.text_of("a-long")  # painted, not only kept
    rows, _ = lessons_command.rows(open_course(folder))  # the very same as `alignlearn lessons`
    assert {row.id: shown_minutes(row.minutes, row.reading_minutes) for row in rows} == shown


async def test_only_the_lessons_in_view_are_read_for_their_minutes(tmp_path):
    folder = plain_folder(tmp_path / "notes", {f"lesson-{n:03}": 200 + n for n in range(300)})
    app = build_app(str(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        await estimated(pilot)
        listing = app.screen.query_one("#lessons", EntryList)

        def known() -> list[bool]:
            return [minutes_of(entry) in ("~1", "~2") for entry in listing.entries]

        first = known()
        assert all(first[index] for index in listing.in_view())
        assert not any(first[-100:])  # far out of view: not read
        await pilot.press("end")
        await estimated(pilot)
        last = known()
        assert all(last[index] for index in listing.in_view()) and last[-1]
        assert not any(last[100:150])  # the middle, never in view


async def test_at_60_columns_the_list_still_says_escape_goes_back(tmp_path):
    """The hint line is cut at the right: the least needed hint ("1-9") goes first, not "back"."""
    app = build_app(str(plain_folder(tmp_path / "notes", {"one": 50, "two": 50})))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonListScreen)
        hint = screen.query_one(".dialog-hint")
        shown = hint.render_line(0).text
        assert "escape" in shown and "back" in shown, shown
