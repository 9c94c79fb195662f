"""The parsed copy of a big progress file: used only for exactly the file it was made
from, never trusted when stale, torn or foreign."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest

from alignlearn.progress import Attempt, Position, ProgressStore
from alignlearn.progress import store as store_module
from alignlearn.progress.snapshot import WORTH_IT, snapshot_path

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
COURSE = "ai-alignment"


@pytest.fixture
def big_file(tmp_path):
    """A progress file past WORTH_IT, written by one store and closed with a checkpoint."""
    path = tmp_path / "progress.toml"
    store = ProgressStore(path)

    def fill(progress):
        course = progress.course(COURSE)
        for number in range(400):
            lesson = course.lesson(f"lesson-{number:04d}")
            lesson.sections_read = {f"section-{k}-about-something" for k in range(6)}
            lesson.position = Position("section-2-about-something", number, T0 + timedelta(seconds=number))
            for attempt in range(2):
                lesson.attempts.append(Attempt(T0 + timedelta(days=attempt, seconds=number), 7, 10,
                                               {f"q{q}": ["a choice", "another"] for q in range(10)},
                                               {f"q{q}": q % 3 > 0 for q in range(10)}))

    store.update(fill)
    assert path.stat().st_size >= WORTH_IT
    store.checkpoint()
    return path, store


def parses(monkeypatch) -> list[int]:
    """Count the times the TOML file is really parsed."""
    counted: list[int] = []
    real = store_module.loads

    def counting(data):
        counted.append(len(data))
        return real(data)

    monkeypatch.setattr(store_module, "loads", counting)
    return counted


def test_a_new_session_reads_the_snapshot_not_the_toml(big_file, monkeypatch):
    path, store = big_file
    counted = parses(monkeypatch)
    again = ProgressStore(path).load()
    assert counted == []
    assert again == store.progress


def test_a_file_changed_since_is_parsed_and_its_snapshot_renewed(big_file, monkeypatch):
    path, store = big_file
    other = ProgressStore(path)
    other.load()
    other.mark_section_read(COURSE, "lesson-0001", "written-elsewhere")  # no checkpoint
    counted = parses(monkeypatch)
    fresh = ProgressStore(path).load()
    assert len(counted) == 1 and "written-elsewhere" in fresh.find(COURSE, "lesson-0001").sections_read
    ProgressStore(path).load()
    assert len(counted) == 1  # the parse left a snapshot of the new version


@pytest.mark.parametrize("spoil", ["torn", "garbage", "foreign"])
def test_a_spoiled_snapshot_is_ignored(big_file, monkeypatch, spoil):
    path, store = big_file
    snapshot = snapshot_path(path)
    data = snapshot.read_bytes()
    if spoil == "torn":
        snapshot.write_bytes(data[: len(data) // 2])
    elif spoil == "garbage":
        snapshot.write_bytes(os.urandom(len(data)))
    else:  # well-formed marshal, right key, but not a progress document
        import marshal

        version, key, _document = marshal.loads(data)
        snapshot.write_bytes(marshal.dumps((version, key, {"format_version": "one"})))
    counted = parses(monkeypatch)
    again = ProgressStore(path).load()
    assert len(counted) == 1
    assert again == store.progress


def test_small_files_get_no_snapshot(tmp_path):
    path = tmp_path / "progress.toml"
    store = ProgressStore(path)
    store.mark_section_read(COURSE, "a-lesson", "a-section")
    store.checkpoint()
    ProgressStore(path).load()
    assert not snapshot_path(path).exists()
