"""The reader's first search of a large course: its lessons are parsed by another
process (search/index_worker.py), which may use every core, while the screen stays free."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from alignlearn.search import building as search
from alignlearn.search import elsewhere as indexing, index_worker
from alignlearn.search import index_file as search_index
from alignlearn.cache import disk as cache
from alignlearn.parallel import PARALLEL_FROM
from alignlearn.ui.app import build_app
from alignlearn.ui.screens.search import SearchScreen
from pilot import settle

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "make_course.py"


@pytest.fixture
def large_course(tmp_path, monkeypatch) -> Path:
    """A course past PARALLEL_FROM lessons, indexed elsewhere from that many (not 200: time)."""
    monkeypatch.setattr(search, "ELSEWHERE_FROM", PARALLEL_FROM)
    spec = importlib.util.spec_from_file_location("make_course", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = module.make_course(tmp_path / "course", PARALLEL_FROM + 6, seed=7)
    for entry in root.iterdir():  # as a course on disk is: old enough for the caches to trust
        os.utime(entry, ns=(entry.stat().st_mtime_ns - 10**10,) * 2)
    return root


@pytest.fixture
def parsed_here(monkeypatch) -> list[int]:
    """The lessons this process parses for the index."""
    calls: list[int] = []
    real = search._places_of

    def counting(job):
        calls.append(job[0])
        return real(job)

    monkeypatch.setattr(search, "_places_of", counting)
    return calls


async def search_for(pilot, words: str) -> SearchScreen:
    app = pilot.app
    await pilot.press("slash", *words)
    for _ in range(600):  # up to 12 s on a loaded machine
        await pilot.pause(0.02)
        if isinstance(app.screen, SearchScreen) and app.screen.index is not None:
            break
    await pilot.pause()
    assert isinstance(app.screen, SearchScreen) and app.screen.index is not None
    return app.screen


async def test_the_first_search_of_a_large_course_is_indexed_by_another_process(large_course, parsed_here):
    app = build_app(str(large_course))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await search_for(pilot, "lesson")
        assert screen.results  # every generated lesson says it
        assert parsed_here == []  # not one lesson parsed in the reader's process
        assert cache.cache_file(large_course, search_index.KIND).is_file()
        first = app.course.lessons[0]
        await pilot.press("escape")
        await pilot.pause()
        screen = await search_for(pilot, first.title.split(":")[0].lower())
        assert first.id in {result.lesson for result in screen.results}


async def test_without_another_process_the_reader_indexes_the_course_itself(large_course, parsed_here, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no Python to run here")

    monkeypatch.setattr(indexing.subprocess, "Popen", refuse)
    app = build_app(str(large_course))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await search_for(pilot, "lesson")
        assert screen.results
        assert sorted(parsed_here) == list(range(len(app.course.lessons)))


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process sessions are POSIX")
def test_stopping_the_indexing_process_stops_the_processes_it_forked(large_course, monkeypatch):
    import shutil
    import signal
    import subprocess
    import time

    if shutil.which("ps") is None:
        pytest.skip("no ps here")

    class Quit(Exception):
        pass

    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        raise Quit  # as the reader's does once the app has stopped

    started: list[subprocess.Popen] = []
    killed: list[tuple[int, int]] = []
    real_popen, real_killpg = subprocess.Popen, os.killpg

    def popen(argv, *args, **kwargs):  # subprocess's own: ps below comes through here too
        child = real_popen(argv, *args, **kwargs)
        if "alignlearn.search.index_worker" in argv:
            assert kwargs["start_new_session"]  # a session, and so a process group, of its own
            started.append(child)
        return child

    def killpg(group: int, signal_number: int) -> None:
        killed.append((group, signal_number))
        real_killpg(group, signal_number)

    monkeypatch.setattr(indexing.subprocess, "Popen", popen)
    monkeypatch.setattr(indexing.os, "killpg", killpg)
    with pytest.raises(Quit):
        indexing.index_elsewhere(large_course, progress)
    assert seen and seen[0][1] == PARALLEL_FROM + 6  # it had begun: its workers were running
    [child] = started
    assert killed == [(child.pid, signal.SIGKILL)]  # the whole group: the workers it forked too
    for _ in range(100):
        left = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
        if str(large_course) not in left:
            break
        time.sleep(0.05)
    assert str(large_course) not in left  # the forked workers went with it
    assert not cache.cache_file(large_course, search_index.KIND).exists()


def test_the_indexing_module_builds_the_index_a_search_finds(large_course, capsys):
    assert index_worker.main([str(large_course)]) == 0
    lines = capsys.readouterr().out.split()
    assert lines[-2:] == [str(PARALLEL_FROM + 6)] * 2  # "DONE TOTAL" per lesson, the last all of them
    assert cache.cache_file(large_course, search_index.KIND).is_file()
    assert index_worker.main(["/no/such/folder"]) == 2
