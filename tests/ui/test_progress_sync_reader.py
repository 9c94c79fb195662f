"""The reader syncs (issue 20): at start, after a quiz attempt, at quit; a missing sync
folder is a notice and reading goes on."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from alignlearn.progress import Attempt, ProgressStore, loads
from alignlearn.progress.sync import sync
from alignlearn.ui import reader_progress, reading_marks
from alignlearn.ui.app import AlignlearnApp, build_app
from quiz_pilot import COURSE_ID, SEED, copy_course, settle


@pytest.fixture(autouse=True)
def quick_saves(monkeypatch):
    monkeypatch.setattr(reader_progress, "SAVE_AFTER", 0.05)
    monkeypatch.setattr(reading_marks, "READ_AFTER", 0.1)


@pytest.fixture
def notices(monkeypatch) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    original = AlignlearnApp.notify

    def notify(self, message, *, title="", severity="information", timeout=None, markup=True):
        seen.append((severity, message))
        return original(self, message, title=title, severity=severity, timeout=timeout, markup=markup)

    monkeypatch.setattr(AlignlearnApp, "notify", notify)
    return seen


@pytest.fixture
def laptop(tmp_path, monkeypatch):
    """A sync folder where another device, 'laptop', passed the seed lesson's quiz."""
    folder = tmp_path / "Sync"
    folder.mkdir()
    other = ProgressStore(tmp_path / "laptop-data" / "progress.toml")
    other.add_attempt(COURSE_ID, SEED, Attempt(datetime(2026, 12, 1, tzinfo=timezone.utc), 3, 3))
    other.mark_section_read(COURSE_ID, SEED, "from-the-laptop")
    sync(folder, "laptop", other)
    monkeypatch.setenv("ALIGNLEARN_SYNC_DIR", str(folder))
    monkeypatch.setenv("ALIGNLEARN_DEVICE", "server")
    return folder


async def until(pilot, condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("never happened")


async def test_the_reader_syncs_at_start_and_after_a_quiz_attempt(tmp_path, laptop):
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    own = laptop / "server.progress.toml"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: own.exists() and "from-the-laptop" in app.sections_read(SEED))
        assert app.best_score(SEED) == "3/3"  # the laptop's quiz, shown here
        assert loads(own.read_bytes()).find(COURSE_ID, SEED).sections_read >= {"from-the-laptop"}

        app.progress.add_attempt(SEED, Attempt.now(1, 3))  # what the quiz screen does at its end

        def attempts_there():
            lesson = loads(own.read_bytes()).find(COURSE_ID, SEED)
            return lesson is not None and len(lesson.attempts) == 2
        await until(pilot, attempts_there)
        await settle(pilot)
        app.progress.add_attempt(SEED, Attempt.now(2, 3))  # then quit at once
    lesson = loads(own.read_bytes()).find(COURSE_ID, SEED)
    assert len(lesson.attempts) == 3  # the sync at quit


async def test_a_missing_sync_folder_is_a_notice_and_reading_goes_on(tmp_path, monkeypatch, notices):
    monkeypatch.setenv("ALIGNLEARN_SYNC_DIR", str(tmp_path / "not-mounted"))
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: any("not synced" in message for _, message in notices))
        assert ("warning" in [severity for severity, message in notices if "not synced" in message])
        section = app.lesson_screen.section
        await pilot.press("n")
        await settle(pilot)
        assert app.lesson_screen.section == section + 1
    assert not (tmp_path / "not-mounted").exists()


async def test_no_sync_folder_no_sync(tmp_path, monkeypatch):
    monkeypatch.delenv("ALIGNLEARN_SYNC_DIR", raising=False)
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.sync.folder is None
