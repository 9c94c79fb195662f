"""progress sync (issue 20, SPEC section 6): devices with their own data folders, one
synced folder; every fault a synced folder can hold; the device's own file written whole."""

from __future__ import annotations

import os
import threading
from datetime import datetime, timedelta, timezone

import pytest

from alignlearn.progress import Attempt, Position, ProgressStore, dumps, loads, merge
from alignlearn.progress import sync as sync_module
from alignlearn.progress.device import device_name, read_header, safe_name
from alignlearn.progress.sync import sync
from alignlearn.progress.sync_record import last_syncs

T0 = datetime(2026, 12, 1, tzinfo=timezone.utc)


def device(tmp_path, name):
    return ProgressStore(tmp_path / f"data-{name}" / "progress.toml")


def do_things(store, tag, minutes=0):
    store.mark_section_read("ai", f"lesson-{tag}", f"section-{tag}")
    store.mark_section_read("ai", "shared", f"from-{tag}")
    store.add_attempt("ai", "shared", Attempt(T0 + timedelta(minutes=minutes), minutes % 5, 5, {"q1": tag}))


def file_progress(path):
    return loads(path.read_bytes())


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "Sync"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("count", [2, 3])
def test_devices_reach_the_same_progress(tmp_path, folder, count):
    stores = [device(tmp_path, f"d{n}") for n in range(count)]
    for number, store in enumerate(stores):
        do_things(store, f"d{number}", number)
    for _ in range(2):  # a round for everything to reach the folder, one to bring it back
        for number, store in enumerate(stores):
            report = sync(folder, f"d{number}", store)
            assert report.error is None and report.warnings == []
    states = [ProgressStore(store.path).load() for store in stores]
    assert all(state == states[0] for state in states)
    shared = states[0].courses["ai"].lessons["shared"]
    assert shared.sections_read == {f"from-d{n}" for n in range(count)}
    assert len(shared.attempts) == count
    assert {f"lesson-d{n}" for n in range(count)} <= states[0].courses["ai"].lessons.keys()
    assert sorted(p.name for p in folder.iterdir()) == [f"d{n}.progress.toml" for n in range(count)]
    assert file_progress(folder / "d0.progress.toml") == states[0]  # progress import reads it


def test_a_sync_with_nothing_new_writes_no_progress(tmp_path, folder):
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    do_things(a, "a"), do_things(b, "b")
    for store, name in ((a, "a"), (b, "b"), (a, "a"), (b, "b")):
        sync(folder, name, store)
    before = b.path.stat().st_mtime_ns, b.path.read_bytes()
    report = sync(folder, "b", ProgressStore(b.path))
    assert report.lessons == set() and report.wrote
    assert (b.path.stat().st_mtime_ns, b.path.read_bytes()) == before


def test_the_newest_position_wins_and_scores_are_kept(tmp_path, folder):
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    a.update(lambda p: setattr(p.course("ai").lesson("l"), "position", Position("s1", 3, T0)))
    b.update(lambda p: setattr(p.course("ai").lesson("l"), "position", Position("s2", 9, T0 + timedelta(hours=1))))
    a.add_attempt("ai", "l", Attempt(T0, 5, 5))
    b.add_attempt("ai", "l", Attempt(T0 + timedelta(days=1), 1, 5))
    for store, name in ((a, "a"), (b, "b"), (a, "a")):
        sync(folder, name, store)
    lesson = a.progress.find("ai", "l")
    assert (lesson.position.section, lesson.position.line) == ("s2", 9)
    assert lesson.best_attempt().score == 5 and len(lesson.attempts) == 2


# ---------------------------------------------------------------- names and folders


@pytest.mark.parametrize("given, expected", [
    ("Ana's MacBook Pro", "ana-s-macbook-pro"), ("../../etc/passwd", "etc-passwd"), ("", "device"),
    (".hidden", "hidden"), ("Ünïcode-Höst", "unicode-host"), ("a" * 100, "a" * 64), ("\x1b[31m", "31m"),
])
def test_device_names_are_safe_file_names(given, expected):
    assert safe_name(given) == expected


def test_the_device_name_comes_from_the_environment_then_config_then_host(monkeypatch):
    monkeypatch.setenv("ALIGNLEARN_DEVICE", "Work PC")
    assert device_name("laptop") == "work-pc"
    monkeypatch.delenv("ALIGNLEARN_DEVICE")
    assert device_name("Laptop") == "laptop"
    monkeypatch.setattr("socket.gethostname", lambda: "Server.Example")
    assert device_name(None) == "server.example"


def test_a_missing_folder_is_an_error_and_nothing_is_made(tmp_path):
    store = device(tmp_path, "a")
    do_things(store, "a")
    report = sync(tmp_path / "nowhere", "a", store)
    assert "cannot use the sync folder" in report.error
    assert not (tmp_path / "nowhere").exists()


def test_a_folder_that_cannot_be_written_still_brings_progress_in(tmp_path, folder, monkeypatch):
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    do_things(a, "a")
    sync(folder, "a", a)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(folder))
    monkeypatch.setattr(sync_module.tempfile, "mkstemp", refuse)
    report = sync(folder, "b", b)
    assert "Permission denied" in report.error
    assert "lesson-a" in b.progress.courses["ai"].lessons
    assert sorted(p.name for p in folder.iterdir()) == ["a.progress.toml"]


# ---------------------------------------------------------------- faults


def seeded_folder(tmp_path, folder):
    """Device 'good' has synced; this device ('me') has progress of its own."""
    good = device(tmp_path, "good")
    do_things(good, "good")
    sync(folder, "good", good)
    me = device(tmp_path, "me")
    do_things(me, "me", 1)
    return me


def check_skipped(report, me, path, words):
    assert report.error is None
    said = [w for w in report.warnings if w.startswith(f"{path}")]
    assert len(said) == 1 and ": warning: " in said[0] and words in said[0], report.warnings
    assert "lesson-good" in me.progress.courses["ai"].lessons  # the good file still merged
    assert (path.parent / "me.progress.toml").exists()


def test_a_half_written_file_is_reported_skipped_and_kept(tmp_path, folder):
    me = seeded_folder(tmp_path, folder)
    whole = (folder / "good.progress.toml").read_bytes()
    torn = folder / "torn.progress.toml"
    torn.write_bytes(whole.replace(b"lesson-good", b"lesson-torn")[: len(whole) // 2 + 7])
    report = sync(folder, "me", me)
    check_skipped(report, me, torn, "cannot be read")
    assert "lesson-torn" not in me.progress.courses["ai"].lessons
    assert torn.read_bytes() == whole.replace(b"lesson-good", b"lesson-torn")[: len(whole) // 2 + 7]


def test_a_conflict_copy_is_reported_skipped_and_left(tmp_path, folder):
    me = seeded_folder(tmp_path, folder)
    other = device(tmp_path, "other")
    other.mark_section_read("ai", "only-in-the-copy", "s")
    copy = folder / "laptop.sync-conflict-20261205-101010-ABCDEFG.progress.toml"
    copy.write_text(dumps(other.progress))
    report = sync(folder, "me", me)
    assert any(str(copy) in w and "conflict copy" in w and "skipped" in w for w in report.warnings)
    assert "only-in-the-copy" not in me.progress.courses["ai"].lessons  # issue 20: reported and skipped
    assert copy.exists()


def test_a_newer_format_is_reported_skipped_and_kept(tmp_path, folder):
    me = seeded_folder(tmp_path, folder)
    newer = folder / "future.progress.toml"
    newer.write_text("format_version = 99\n\n[courses.ai.lessons.x]\nwhatever = 1\n")
    report = sync(folder, "me", me)
    check_skipped(report, me, newer, "newer alignlearn")
    assert newer.read_text().startswith("format_version = 99")


def test_a_symbolic_link_is_not_followed(tmp_path, folder):
    me = seeded_folder(tmp_path, folder)
    elsewhere = tmp_path / "elsewhere.toml"
    other = device(tmp_path, "other")
    other.mark_section_read("ai", "through-a-link", "s")
    elsewhere.write_text(dumps(other.progress))
    link = folder / "link.progress.toml"
    link.symlink_to(elsewhere)
    report = sync(folder, "me", me)
    check_skipped(report, me, link, "symbolic link")
    assert "through-a-link" not in me.progress.courses["ai"].lessons
    assert link.is_symlink()


def test_a_link_at_this_devices_own_name_is_replaced_not_written_through(tmp_path, folder):
    me = seeded_folder(tmp_path, folder)
    target = tmp_path / "precious.txt"
    target.write_text("not yours\n")
    (folder / "me.progress.toml").symlink_to(target)
    report = sync(folder, "me", me)
    assert report.error is None
    assert target.read_text() == "not yours\n"
    own = folder / "me.progress.toml"
    assert not own.is_symlink() and "lesson-me" in file_progress(own).courses["ai"].lessons


def test_a_huge_file_is_not_read(tmp_path, folder):
    me = seeded_folder(tmp_path, folder)
    huge = folder / "huge.progress.toml"
    with open(huge, "wb") as file:
        file.truncate(17 * 1024 * 1024)  # sparse: no 17 MB written
    report = sync(folder, "me", me)
    check_skipped(report, me, huge, "larger than")


def test_a_named_pipe_never_blocks(tmp_path, folder):
    me = seeded_folder(tmp_path, folder)
    pipe = folder / "pipe.progress.toml"
    os.mkfifo(pipe)
    done = []
    worker = threading.Thread(target=lambda: done.append(sync(folder, "me", me)), daemon=True)
    worker.start()
    worker.join(20)
    assert done, "the sync waited on a named pipe"
    check_skipped(done[0], me, pipe, "not a plain file")


def test_other_files_and_hidden_ones_are_ignored(tmp_path, folder):
    me = seeded_folder(tmp_path, folder)
    (folder / "notes.txt").write_text("hello")
    (folder / ".syncthing.x.progress.toml.tmp").write_text("garbage")
    (folder / ".stfolder").mkdir()
    report = sync(folder, "me", me)
    assert report.warnings == [] and report.error is None


# ---------------------------------------------------------------- killed mid-sync


def test_a_failed_rename_leaves_the_old_file_and_no_temp_file(tmp_path, folder, monkeypatch):
    me = seeded_folder(tmp_path, folder)
    sync(folder, "me", me)
    own = folder / "me.progress.toml"
    old = own.read_bytes()
    me.mark_section_read("ai", "after", "s")

    def killed(*args):
        raise OSError(5, "Input/output error")
    monkeypatch.setattr(sync_module.os, "replace", killed)
    report = sync(folder, "me", me)
    assert "cannot write" in report.error
    assert own.read_bytes() == old
    assert sorted(p.name for p in folder.iterdir()) == ["good.progress.toml", "me.progress.toml"]
    monkeypatch.undo()
    assert sync(folder, "me", me).error is None
    assert "after" in file_progress(own).courses["ai"].lessons


def test_a_temp_file_left_by_a_killed_sync_is_swept_once_old(tmp_path, folder):
    me = seeded_folder(tmp_path, folder)
    stale = folder / ".me.progress.toml.abc123.tmp"
    fresh = folder / ".me.progress.toml.def456.tmp"
    stale.write_text("half"), fresh.write_text("half")
    os.utime(stale, (0, 0))
    sync(folder, "me", me)
    assert not stale.exists() and fresh.exists()
    assert not (folder / ".good.progress.toml.x.tmp").exists()


# ---------------------------------------------------------------- last synced


def test_each_device_says_when_it_last_synced(tmp_path, folder):
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    sync(folder, "a", a)
    sync(folder, "b", b)
    said = read_header((folder / "a.progress.toml").read_text())
    assert said is not None and said[0] == "a"
    where, devices = last_syncs(b.path.parent)
    assert where == str(folder) and set(devices) == {"a", "b"} and devices["b"] >= devices["a"]


def test_the_merge_of_the_folder_equals_the_merge_of_the_files(tmp_path, folder):
    stores = [device(tmp_path, f"d{n}") for n in range(3)]
    for number, store in enumerate(stores):
        do_things(store, f"d{number}", number)
        sync(folder, f"d{number}", store)
    expected = merge(merge(stores[0].progress, stores[1].progress), stores[2].progress)
    me = device(tmp_path, "fresh")
    sync(folder, "fresh", me)
    assert me.progress == expected
