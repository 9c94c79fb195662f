"""``check`` of a large course in processes says exactly what it says in one, in order."""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

import pytest

from alignlearn.course import open_course
from alignlearn.render.measure import table_width
from alignlearn.authoring.check import check_course
from alignlearn.parallel import PARALLEL_FROM

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "make_course.py"


@pytest.fixture(scope="module")
def flawed_course(tmp_path_factory):
    """A generated course past ``PARALLEL_FROM`` lessons, with a problem of each kind in it."""
    spec = importlib.util.spec_from_file_location("make_course", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = module.make_course(tmp_path_factory.mktemp("flawed"), PARALLEL_FROM + 6, seed=3)
    files = sorted(root.glob("*.md"))
    # A lesson that cannot be read, one naming an unknown lesson, one with raw HTML, an
    # image, a wide table and an unmentioned concept, and a quiz that is not TOML.
    files[3].write_text("no front matter here\n", encoding="utf-8")
    text = files[10].read_text(encoding="utf-8")
    files[10].write_text(text.replace('related = [', 'related = ["no-such-lesson", ', 1), encoding="utf-8")
    text = files[20].read_text(encoding="utf-8").replace('concepts = [', 'concepts = ["never said", ', 1)
    files[20].write_text(text + "\n<div>raw</div>\n\n![a chart](chart.png)\n\n| " + " | ".join(["wide cell"] * 12)
                         + " |\n|" + "---|" * 12 + "\n| " + " | ".join(["x"] * 12) + " |\n", encoding="utf-8")
    quiz = files[30].with_name(files[30].name.removesuffix(".md") + ".quiz.toml")
    quiz.write_text('[[questions]]\nid = "q1\n', encoding="utf-8")
    return root


def test_check_in_processes_reports_what_one_process_does(flawed_course):
    course = open_course(flawed_course)
    course.lessons[5].file.write_text("+++\nid = \n+++\n", encoding="utf-8")  # broken since it was listed
    calls: list[tuple[int, int]] = []
    assert threading.active_count() == 1  # else check_course stays in this process
    alone = check_course(course, workers=1, table_width=table_width)
    together = check_course(course, progress=lambda done, total: calls.append((done, total)), workers=2,
                            table_width=table_width)
    assert together.as_dict() == alone.as_dict()
    assert [str(p) for p in together.problems] == [str(p) for p in alone.problems]
    messages = " ".join(p.message for p in alone.problems)
    for expected in ("missing front matter", "invalid TOML: Invalid value", "unknown lesson 'no-such-lesson'",
                     "raw HTML", "image 'a chart'", "columns wide", "concept 'never said'", "invalid TOML"):
        assert expected in messages
    # every lesson file checked is counted: the one broken since it was listed and those never listed too
    assert alone.lessons == len(course.lessons) + len(course.unreadable) and course.unreadable and alone.errors >= 3
    total = len(course.lessons)
    assert calls == [(done, total) for done in range(1, total + 1)]


def test_index_built_in_processes_is_the_one_built_in_one(flawed_course, tmp_path, monkeypatch):
    """The first search of a large course parses its lessons in processes: the index
    file written is byte for byte the one a single process writes."""
    from alignlearn.search import building as search
    from alignlearn import parallel
    from alignlearn.search import index_file as search_index
    from alignlearn.cache import disk as cache

    def build(where: str, workers: int) -> bytes:
        monkeypatch.setenv("ALIGNLEARN_CACHE_DIR", str(tmp_path / where))
        real = parallel.in_processes
        monkeypatch.setattr(search, "in_processes", lambda *args, **kw: real(*args, workers=workers, **kw))
        calls: list[tuple[int, int]] = []
        index = search.build_index(open_course(flawed_course), progress=lambda done, total: calls.append((done, total)))
        assert calls[-1] == (len(calls), len(calls)) and len(calls) >= PARALLEL_FROM
        assert index.search("lesson")  # a word every generated lesson has
        return cache.cache_file(flawed_course, search_index.KIND).read_bytes()

    assert threading.active_count() == 1  # else the index is built in this process
    assert build("together", 2) == build("alone", 1)
