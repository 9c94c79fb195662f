"""Real processes against one progress file: killed mid-write, and writing at once.

SPEC section 6: a crash or kill at any moment leaves the old file or the new one, and
two readers open at once both keep their progress.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from alignlearn.progress import Attempt, Progress, ProgressStore, loads

LOOP_LESSON = ("ai", "loop")


def _write_forever(path: str, loaded) -> None:
    """The victim: save one more section, forever, until killed."""
    store = ProgressStore(path)
    read = store.load().course("ai").lesson("loop").sections_read
    number = len(read)
    loaded.set()
    while True:
        store.mark_section_read(*LOOP_LESSON, f"s{number:06d}")
        number += 1


def _seed(path: Path) -> Progress:
    """Fifty lessons of other progress, so each write takes long enough to be hit."""
    store = ProgressStore(path)
    base = datetime(2025, 1, 1, tzinfo=timezone.utc)

    def fill(progress: Progress) -> None:
        for number in range(50):
            lesson = progress.course("ai").lesson(f"lesson-{number}")
            lesson.sections_read = {f"section-{k}" for k in range(6)}
            lesson.attempts = [
                Attempt(base + timedelta(hours=number, minutes=k), 3, 5,
                        {f"q{q}": "an answer of some length" for q in range(5)},
                        {f"q{q}": q % 2 == 0 for q in range(5)})
                for k in range(3)
            ]
    store.update(fill)
    return store.progress


def test_a_writer_killed_at_random_moments_leaves_the_old_or_the_new_file(tmp_path):
    path = tmp_path / "progress.toml"
    seeded = _seed(path)
    others = {k: v for k, v in seeded.courses["ai"].lessons.items()}
    fork = multiprocessing.get_context("fork")
    rng = random.Random(20250301)
    saved = 0
    grew = 0
    started = time.monotonic()
    for _ in range(100):
        loaded = fork.Event()
        writer = fork.Process(target=_write_forever, args=(str(path), loaded), daemon=True)
        writer.start()
        assert loaded.wait(10)
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        assert writer.exitcode == -signal.SIGKILL

        progress = loads(path.read_bytes())  # parses: never torn
        lessons = progress.courses["ai"].lessons
        read = lessons.get("loop").sections_read if "loop" in lessons else set()
        # Exactly a state the writer produced: s000000 .. sN, nothing half-done.
        assert read == {f"s{n:06d}" for n in range(len(read))}
        assert len(read) >= saved  # nothing that was on disk went away
        grew += len(read) > saved
        saved = len(read)
        assert {k: v for k, v in lessons.items() if k != "loop"} == others
    assert grew > 10, "the writer was killed before it ever wrote: the test proves nothing"
    assert time.monotonic() - started < 30
    leftovers = list(tmp_path.glob(".progress.toml.*.tmp"))
    ProgressStore(path).mark_section_read("ai", "other", "x")
    assert not any(p.exists() for p in leftovers)  # killed writers' temp files are swept


WRITER = """
import sys
from datetime import datetime, timedelta, timezone
from alignlearn.progress import Attempt, ProgressStore

path, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
store = ProgressStore(path)
store.load()
import os, time
while not os.path.exists(go):
    time.sleep(0.001)
start = datetime(2025, 1, 1, tzinfo=timezone.utc)
for number in range(count):
    if number % 2:
        store.mark_section_read("ai", "shared", f"{name}-{number}")
    else:
        store.add_attempt("ai", "shared", Attempt(start + timedelta(seconds=number), 1, 2,
                                                  {"q1": name}, {"q1": True}))
mine = store.progress.find("ai", "shared")
print(len(mine.sections_read) + len(mine.attempts))
"""


def test_two_processes_saving_at_once_both_keep_all_their_progress(tmp_path):
    path, go = tmp_path / "progress.toml", tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "200", str(go)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for name in ("first", "second")
    ]
    time.sleep(0.3)
    go.touch()
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert int(out) >= 200  # each ends with its own 200, and some of the other's
    lesson = ProgressStore(path).load().find("ai", "shared")
    assert len(lesson.sections_read) == 200
    assert len(lesson.attempts) == 200  # same instants, different answers: both kept
    assert {a.answers["q1"] for a in lesson.attempts} == {"first", "second"}
