"""Syncing is a join (issue 20): the same files merged in any order, any number of times,
give the same progress; the chunked reading of a file means what the whole file means;
and syncs from two processes at once lose nothing."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignlearn.progress import Progress, ProgressStore, dumps, loads, merge
from alignlearn.progress.chunks import ChunkReader, chunks_of
from alignlearn.progress.codec import ProgressFileError
from alignlearn.progress.sync import sync
from progress_strategies import progress_states

SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _canonical(progress: Progress) -> Progress:
    return merge(progress, Progress())


@SLOW
@given(st.lists(progress_states(small=True), min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_syncing_the_same_files_in_any_order_any_number_of_times_gives_one_progress(states, rng):
    expected = Progress()
    for state in states:
        expected = merge(expected, state)
    with tempfile.TemporaryDirectory() as base:
        folder = Path(base) / "Sync"
        folder.mkdir()
        for number, state in enumerate(states):
            (folder / f"d{number}.progress.toml").write_text(dumps(state))
        results = []
        for run in range(2):
            names = [path.name for path in folder.iterdir()]
            store = ProgressStore(Path(base) / f"me{run}" / "progress.toml")
            order = list(range(len(states)))
            rng.shuffle(order)
            # Devices' files arrive one at a time in a random order, some twice.
            staging = Path(base) / f"staging{run}"
            staging.mkdir()
            for number in order + order[: rng.randint(0, len(order))]:
                source = folder / f"d{number}.progress.toml"
                (staging / source.name).write_bytes(source.read_bytes())
                report = sync(staging, f"me{run}", store)
                assert report.error is None and report.warnings == [], report.warnings
            assert len(names) == len(states)
            results.append(ProgressStore(store.path).load())
        assert results[0] == results[1] == _canonical(expected)


@settings(max_examples=150, deadline=None)
@given(progress_states(), progress_states())
def test_reading_a_file_in_chunks_means_what_reading_it_whole_means(state, known_state):
    """Chunks already known (another file's, here) are skipped; with what they hold, the
    rest is the whole file: the first read parses, the second comes from memory."""
    text = dumps(state).encode("utf-8")
    known = set(chunks_of(dumps(known_state))[1])
    whole = merge(loads(text), known_state)
    reader = ChunkReader()
    for _ in range(2):
        reader.begin()
        found = reader.read(text, known).as_progress()
        reader.end()
        assert merge(found, known_state) == whole


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_the_chunked_reader_refuses_what_the_codec_refuses(data):
    prefix = b"format_version = 1\n\n[courses.ai.lessons.x]\n"
    for blob in (data, prefix + data):
        try:
            whole = loads(blob)
        except ProgressFileError:
            whole = None
        try:
            found = ChunkReader().read(blob).as_progress()
        except ProgressFileError:
            found = None
        assert (whole is None) == (found is None)
        if whole is not None:
            assert _canonical(found) == _canonical(whole)


SYNC_LOOP = """
import sys
from alignlearn.progress import ProgressStore
from alignlearn.progress.sync import sync
data, folder, name, tag = sys.argv[1:5]
store = ProgressStore(data + "/progress.toml")
for number in range(15):
    store.mark_section_read("ai", "shared", f"{tag}-{number}")
    report = sync(folder, name, store, lock_timeout=60)
    assert report.error is None, report.error
"""


def test_syncs_from_processes_at_once_lose_nothing(tmp_path):
    folder = tmp_path / "Sync"
    folder.mkdir()
    # Two processes of one device (one data folder), and one of another device.
    runs = [(tmp_path / "a", "a", "a1"), (tmp_path / "a", "a", "a2"), (tmp_path / "b", "b", "b1")]
    processes = [subprocess.Popen([sys.executable, "-c", SYNC_LOOP, str(data), str(folder), name, tag])
                 for data, name, tag in runs]
    assert [process.wait(timeout=240) for process in processes] == [0, 0, 0]
    for name in ("a", "b"):
        sync(folder, name, ProgressStore(tmp_path / name / "progress.toml"))
    everything = {f"{tag}-{number}" for _, _, tag in runs for number in range(15)}
    for name in ("a", "b"):
        state = ProgressStore(tmp_path / name / "progress.toml").load()
        assert state.courses["ai"].lessons["shared"].sections_read == everything
        assert loads((folder / f"{name}.progress.toml").read_bytes()) == state


def test_only_new_lessons_are_parsed():
    from alignlearn.progress import Attempt
    from datetime import datetime, timezone

    state = Progress()
    for number in range(20):
        state.course("ai").lesson(f"l{number}").sections_read = {"a", "b"}
    reader = ChunkReader()
    reader.begin()
    assert reader.read(dumps(state).encode()).parsed == 20
    reader.end()
    state.course("ai").lesson("l3").attempts.append(Attempt(datetime(2026, 1, 1, tzinfo=timezone.utc), 1, 1))
    reader.begin()
    found = reader.read(dumps(state).encode())
    assert (found.parsed, found.chunks) == (1, 20)
    assert reader.read(dumps(state).encode(), set(chunks_of(dumps(state))[1])).lessons == {}


KILL_LOOP = """
import sys
from alignlearn.progress import ProgressStore
from alignlearn.progress.sync import sync
data, folder = sys.argv[1:3]
store = ProgressStore(data + "/progress.toml")
number = 0
while True:
    for k in range(20):
        store.mark_section_read("ai", f"lesson-{number}-{k}", "s")
    number += 1
    sync(folder, "victim", store)
    print(number, flush=True)
"""


def test_a_sync_killed_at_any_moment_leaves_the_old_or_the_new_file(tmp_path):
    import random
    import time

    folder = tmp_path / "Sync"
    folder.mkdir()
    own = folder / "victim.progress.toml"
    rng = random.Random(20)
    seen = 0
    for _ in range(8):
        process = subprocess.Popen([sys.executable, "-c", KILL_LOOP, str(tmp_path / "data"), str(folder)],
                                   stdout=subprocess.PIPE, text=True)
        process.stdout.readline()  # one sync done: the file is there
        time.sleep(rng.uniform(0, 0.3))
        process.kill()
        process.wait()
        state = loads(own.read_bytes())  # whole, never torn
        lessons = len(state.courses["ai"].lessons)
        assert lessons >= seen  # and never less than a file seen before
        seen = lessons
    assert seen > 0
