"""The progress store against the promises of SPEC section 6, one bad file at a time."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from alignlearn import paths
from alignlearn.progress import (
    SIZE_CAP,
    Attempt,
    LessonProgress,
    Progress,
    ProgressStore,
    section_key,
)
from alignlearn.progress import store as store_module

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("ALIGNLEARN_DATA_DIR", str(folder))
    return folder


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("progress.corrupt-*.toml"))


def test_the_store_uses_the_data_dir_and_writes_a_private_versioned_file(data_dir):
    store = ProgressStore()
    assert store.path == paths.progress_file() == data_dir / "progress.toml"
    assert store.load() == Progress() and not data_dir.exists()  # reading creates nothing
    store.mark_section_read("ai", "rlhf", "the-core-problem")
    text = store.path.read_text()
    assert text.startswith("# alignlearn progress")
    assert "format_version = 1" in text.splitlines()[1]
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert sorted(p.name for p in data_dir.iterdir()) == ["progress.toml", "progress.toml.lock"]


def test_what_the_reader_saves_comes_back_in_a_new_session(data_dir):
    store = ProgressStore()
    store.open_lesson("ai", "intro")
    store.mark_section_read("ai", "rlhf", section_key("The core problem"))
    store.set_position("ai", "rlhf", "the-core-problem", 42)
    store.save_draft("ai", "rlhf", {"q1": "Most human preference labelling", "q2": ["a", "c"]})
    attempt = Attempt(T0, 2, 3, {"q1": "x", "q2": ["a"], "q3": True}, {"q1": True, "q2": False, "q3": True})
    store.add_attempt("ai", "rlhf", attempt)

    again = ProgressStore().load()
    course = again.courses["ai"]
    assert course.last_lesson == "rlhf"  # set_position moves the course to this lesson
    lesson = course.lessons["rlhf"]
    assert lesson.sections_read == {"the-core-problem"}
    assert (lesson.position.section, lesson.position.line) == ("the-core-problem", 42)
    assert lesson.attempts == [attempt]
    assert lesson.draft is None  # a finished quiz clears its draft
    assert again == store.progress


def test_a_draft_is_kept_until_cleared(data_dir):
    store = ProgressStore()
    store.save_draft("ai", "rlhf", {"q1": True})
    assert ProgressStore().load().find("ai", "rlhf").draft.answers == {"q1": True}
    store.clear_draft("ai", "rlhf")
    assert ProgressStore().load().find("ai", "rlhf").draft is None


def test_section_keys_survive_punctuation_and_case():
    assert section_key("The core problem, in one sentence") == "the-core-problem-in-one-sentence"
    assert section_key("  RLHF vs. RLAIF!  ") == "rlhf-vs-rlaif"
    assert section_key("Überblick") == "überblick"


def test_best_attempt_and_is_done():
    lesson = LessonProgress()
    assert lesson.best_attempt() is None and not lesson.is_done({"a"})
    early = Attempt(T0, 3, 5)
    late_same = Attempt(T0 + timedelta(days=1), 6, 10)
    worse = Attempt(T0 + timedelta(days=2), 1, 5)
    lesson.attempts = [worse, late_same, early]
    assert lesson.best_attempt() is early  # same fraction: the first time it was reached
    assert lesson.last_attempt() is worse
    assert not lesson.passed() and not lesson.is_done({"a", "b"})
    lesson.sections_read = {"a", "b", "c"}
    assert lesson.is_done({"a", "b"}) and not lesson.is_done(())
    lesson.sections_read = set()
    lesson.attempts.append(Attempt(T0, 7, 10))
    assert lesson.is_done({"a"})


def test_naive_datetimes_and_impossible_scores_are_refused():
    with pytest.raises(ValueError):
        Attempt(datetime(2025, 1, 1), 1, 2)
    with pytest.raises(ValueError):
        Attempt(T0, 3, 2)


# ----------------------------------------------------------------- unreadable files

CORRUPT = {
    "bad toml": b"format_version = 1\n[courses.ai\n",
    "not utf-8": b"format_version = 1\n# caf\xe9 \xff\xfe\n",
    "wrong type": b'format_version = 1\n[courses.ai.lessons.rlhf]\nsections_read = "intro"\n',
    "boolean as score": b"format_version = 1\n[[courses.ai.lessons.x.attempts]]\n"
                        b"when = 2025-01-01T00:00:00Z\nscore = true\ntotal = 1\n",
    "score over total": b"format_version = 1\n[[courses.ai.lessons.x.attempts]]\n"
                        b"when = 2025-01-01T00:00:00Z\nscore = 3\ntotal = 1\n",
    "naive datetime": b"format_version = 1\n[courses.ai]\nlast_opened = 2025-01-01T00:00:00\n",
    "unknown key": b"format_version = 1\n[courses.ai.lessons.x]\nstars = 3\n",
    "no format_version": b"[courses.ai]\nlast_lesson = \"x\"\n",
    "over the cap": b"format_version = 1\n" + b"#" * (SIZE_CAP + 1) + b"\n",
}


@pytest.mark.parametrize("kind", CORRUPT)
def test_an_unreadable_file_is_kept_aside_intact_and_the_learner_starts_fresh(data_dir, kind):
    data_dir.mkdir()
    path = data_dir / "progress.toml"
    path.write_bytes(CORRUPT[kind])
    store = ProgressStore()
    assert store.load() == Progress()
    [backup] = backups(data_dir)
    assert backup.read_bytes() == CORRUPT[kind]
    assert not path.exists()
    [notice] = store.take_notices()
    assert notice.kind == "moved_aside" and notice.backup == backup
    assert str(backup) in notice.message and "starting fresh" in notice.message
    store.mark_section_read("ai", "rlhf", "intro")  # a new file; the backup untouched
    assert ProgressStore().load().find("ai", "rlhf").sections_read == {"intro"}
    assert backup.read_bytes() == CORRUPT[kind]
    assert store.take_notices() == []


def test_a_backup_never_replaces_an_earlier_backup(data_dir):
    data_dir.mkdir()
    path = data_dir / "progress.toml"
    for number in range(3):  # within the same second, so the names would clash
        path.write_bytes(b"not toml %d" % number)
        ProgressStore().load()
    found = backups(data_dir)
    assert sorted(p.read_bytes() for p in found) == [b"not toml 0", b"not toml 1", b"not toml 2"]


def test_a_file_spoiled_during_a_session_keeps_this_sessions_progress(data_dir):
    store = ProgressStore()
    store.mark_section_read("ai", "rlhf", "intro")
    store.path.write_bytes(b"\x00garbage")  # another program, say
    store.mark_section_read("ai", "rlhf", "rlaif")
    assert ProgressStore().load().find("ai", "rlhf").sections_read == {"intro", "rlaif"}
    [backup] = backups(data_dir)
    assert backup.read_bytes() == b"\x00garbage"
    assert "saved in a new file" in store.take_notices()[0].message


def test_a_newer_format_opens_read_only_and_is_never_written(data_dir):
    data_dir.mkdir()
    path = data_dir / "progress.toml"
    newer = b"format_version = 2\n[learner]\nstreak = 12\n"
    path.write_bytes(newer)
    store = ProgressStore()
    assert store.load() == Progress()
    assert store.read_only and "newer alignlearn" in store.read_only
    assert [n.kind for n in store.take_notices()] == ["read_only"]
    store.mark_section_read("ai", "rlhf", "intro")
    store.add_attempt("ai", "rlhf", Attempt(T0, 1, 1))
    assert store.progress.find("ai", "rlhf").sections_read == {"intro"}  # kept in memory
    assert store.reset() is False
    assert path.read_bytes() == newer
    assert backups(data_dir) == [] and store.take_notices() == []


# --------------------------------------------------------------- failing writes


def test_a_full_disk_keeps_progress_in_memory_and_saves_it_later(data_dir, monkeypatch):
    store = ProgressStore()
    store.mark_section_read("ai", "rlhf", "one")
    real_replace = os.replace

    def full_disk(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full_disk)
    store.mark_section_read("ai", "rlhf", "two")  # must not raise
    store.add_attempt("ai", "rlhf", Attempt(T0, 1, 2))
    assert store.saving_failed == "progress is not being saved: No space left on device"
    assert [n.kind for n in store.take_notices()] == ["saving_failed"]  # told once
    assert store.progress.find("ai", "rlhf").sections_read == {"one", "two"}
    assert ProgressStore().load().find("ai", "rlhf").sections_read == {"one"}
    assert not list(data_dir.glob(".progress.toml.*"))  # no temp file left behind

    monkeypatch.setattr(os, "replace", real_replace)
    store.mark_section_read("ai", "rlhf", "three")
    assert store.saving_failed is None
    assert [n.kind for n in store.take_notices()] == ["saving_resumed"]
    saved = ProgressStore().load().find("ai", "rlhf")
    assert saved.sections_read == {"one", "two", "three"} and len(saved.attempts) == 1


def test_a_folder_that_cannot_be_created_is_reported_not_raised(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("ALIGNLEARN_DATA_DIR", str(blocker / "alignlearn"))
    store = ProgressStore()
    store.mark_section_read("ai", "rlhf", "intro")
    assert store.saving_failed and "not being saved" in store.saving_failed
    blocker.unlink()
    store.mark_section_read("ai", "rlhf", "more")
    assert store.saving_failed is None
    assert ProgressStore().load().find("ai", "rlhf").sections_read == {"intro", "more"}


def test_a_progress_path_we_cannot_read_is_never_replaced(data_dir):
    (data_dir / "progress.toml").mkdir(parents=True)  # cannot be read as a file
    (data_dir / "progress.toml" / "keep").write_text("precious")
    store = ProgressStore()
    store.load()
    store.mark_section_read("ai", "rlhf", "intro")
    assert store.saving_failed and "cannot read" in store.saving_failed
    assert (data_dir / "progress.toml" / "keep").read_text() == "precious"
    (data_dir / "progress.toml" / "keep").unlink()
    (data_dir / "progress.toml").rmdir()
    store.mark_section_read("ai", "rlhf", "later")
    assert ProgressStore().load().find("ai", "rlhf").sections_read == {"intro", "later"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_at_the_progress_path_does_not_hang_and_is_left_alone(data_dir):
    """A plain open() of a pipe waits for a writer: the reader would never start."""
    import threading

    data_dir.mkdir()
    os.mkfifo(data_dir / "progress.toml")
    store = ProgressStore()
    done = threading.Event()

    def use() -> None:
        store.load()
        store.mark_section_read("ai", "rlhf", "intro")
        done.set()

    threading.Thread(target=use, daemon=True).start()
    assert done.wait(10), "the store blocked on a named pipe"
    assert store.saving_failed and "not a plain file" in store.saving_failed
    assert stat.S_ISFIFO(os.lstat(data_dir / "progress.toml").st_mode)  # never replaced
    assert store.progress.find("ai", "rlhf").sections_read == {"intro"}  # kept in memory


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_folder_keeps_progress_in_memory_and_saves_it_when_writable(data_dir):
    store = ProgressStore()
    store.mark_section_read("ai", "rlhf", "one")
    data_dir.chmod(0o500)
    try:
        store.mark_section_read("ai", "rlhf", "two")
        assert store.saving_failed and "not being saved" in store.saving_failed
    finally:
        data_dir.chmod(0o700)
    store.mark_section_read("ai", "rlhf", "three")
    assert ProgressStore().load().find("ai", "rlhf").sections_read == {"one", "two", "three"}


# ------------------------------------------------------------- several writers


def test_two_stores_keep_each_others_progress(data_dir):
    first, second = ProgressStore(), ProgressStore()
    first.load(), second.load()
    first.mark_section_read("ai", "rlhf", "from-first")
    second.mark_section_read("ai", "rlhf", "from-second")
    second.set_position("ai", "rlhf", "from-second", 3)
    first.add_attempt("ai", "rlhf", Attempt(T0, 1, 1))
    expected = {"from-first", "from-second"}
    for progress in (first.progress, ProgressStore().load()):
        lesson = progress.find("ai", "rlhf")
        assert lesson.sections_read == expected and len(lesson.attempts) == 1
        assert lesson.position.section == "from-second"


def test_a_save_does_not_reparse_the_file_it_wrote_but_sees_anyone_elses(data_dir, monkeypatch):
    store = ProgressStore()
    store.mark_section_read("ai", "rlhf", "one")
    parses = []
    real_loads = store_module.loads
    monkeypatch.setattr(store_module, "loads", lambda data: parses.append(1) or real_loads(data))
    store.mark_section_read("ai", "rlhf", "two")
    store.load()
    assert parses == []
    ProgressStore().mark_section_read("ai", "rlhf", "elsewhere")  # parses it once
    store.mark_section_read("ai", "rlhf", "three")  # must parse it: not our write
    assert parses == [1, 1]
    assert store.progress.find("ai", "rlhf").sections_read == {"one", "two", "three", "elsewhere"}


def test_a_rewrite_with_the_same_size_and_time_is_still_noticed(data_dir):
    """Only the per-write token tells these two files apart."""
    store = ProgressStore()
    store.mark_section_read("ai", "rlhf", "aaaa")
    path = store.path
    before = path.stat()
    text = path.read_text()
    first, rest = text.split("\n", 1)
    with open(path, "r+") as file:  # same inode, same size
        file.write(first[:-4] + "ffff\n" + rest.replace("aaaa", "bbbb"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    store.mark_section_read("ai", "rlhf", "cccc")
    assert ProgressStore().load().find("ai", "rlhf").sections_read == {"aaaa", "bbbb", "cccc"} - {"aaaa"}


def test_reset_elsewhere_is_not_undone_by_an_open_reader(data_dir):
    reader = ProgressStore()
    reader.mark_section_read("ai", "rlhf", "old")
    reader.save_draft("ai", "rlhf", {"q1": True})
    assert ProgressStore().reset() is True
    reader.mark_section_read("ai", "rlhf", "new")
    lesson = ProgressStore().load().find("ai", "rlhf")
    assert lesson.sections_read == {"new"} and lesson.draft is None


def test_a_missing_file_mid_session_is_written_again_from_memory(data_dir):
    store = ProgressStore()
    store.mark_section_read("ai", "rlhf", "one")
    store.path.unlink()
    store.mark_section_read("ai", "rlhf", "two")
    assert ProgressStore().load().find("ai", "rlhf").sections_read == {"one", "two"}


def test_import_merges_and_replaces_nothing(data_dir):
    store = ProgressStore()
    store.mark_section_read("ai", "rlhf", "here")
    other = Progress()
    other.course("ai").lesson("rlhf").sections_read.add("there")
    other.course("other").lesson("x").attempts.append(Attempt(T0, 1, 1))
    store.import_progress(other)
    saved = ProgressStore().load()
    assert saved.find("ai", "rlhf").sections_read == {"here", "there"}
    assert saved.find("other", "x").attempts == [Attempt(T0, 1, 1)]


def test_temp_files_of_a_killed_writer_are_swept(data_dir):
    data_dir.mkdir()
    stale = data_dir / ".progress.toml.abc123.tmp"
    stale.write_text("half a file")
    ProgressStore().mark_section_read("ai", "rlhf", "x")
    assert not stale.exists()


def test_the_core_never_imports_textual_or_rich():
    code = ("import sys, alignlearn.progress, alignlearn.commands.progress; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_symlinked_progress_file_stays_a_link_and_its_target_is_updated(data_dir, tmp_path):
    """Issue 15: a learner who keeps progress.toml elsewhere (a synced folder) links it."""
    elsewhere = tmp_path / "synced"
    elsewhere.mkdir()
    target = elsewhere / "my-progress.toml"
    data_dir.mkdir()
    link = data_dir / "progress.toml"
    link.symlink_to(target)  # dangling at first: the first save makes the target
    store = ProgressStore()
    store.mark_section_read("ai", "rlhf", "intro")
    store.mark_section_read("ai", "rlhf", "rlaif")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert ProgressStore(target).load().find("ai", "rlhf").sections_read == {"intro", "rlaif"}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in data_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_a_symlinked_progress_file_that_cannot_be_read_is_moved_aside_beside_its_target(
        data_dir, tmp_path):
    elsewhere = tmp_path / "synced"
    elsewhere.mkdir()
    target = elsewhere / "progress.toml"
    target.write_bytes(b"\x00 not progress")
    data_dir.mkdir()
    link = data_dir / "progress.toml"
    link.symlink_to(target)
    store = ProgressStore()
    store.load()
    [notice] = store.take_notices()
    assert notice.backup.parent == elsewhere and notice.backup.read_bytes() == b"\x00 not progress"
    assert link.is_symlink() and backups(data_dir) == []
    store.mark_section_read("ai", "rlhf", "intro")
    assert link.is_symlink()
    assert ProgressStore(target).load().find("ai", "rlhf").sections_read == {"intro"}


def test_a_place_moved_to_before_another_lesson_opens_is_written_before_the_opening(data_dir):
    """The reader queues a move and writes it a second later; a lesson opened meanwhile
    (backspace just after a search hit) must stay the course's last lesson, because
    set_position makes its lesson the last one too."""
    from alignlearn.progress.saver import ProgressSaver

    saver = ProgressSaver("course")
    saver.take_read(*saver.read()[:2])
    saver.opened("hit")
    saver.drain()
    assert saver.moved("hit", "a-section", 4)
    saver.opened("left")  # before the move's timer: its place is still waiting
    saver.drain()
    course = ProgressStore().load().courses["course"]
    assert course.last_lesson == "left"
    assert course.lessons["hit"].position.line == 4
