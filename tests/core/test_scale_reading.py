"""The quick paths of reading a lesson give the answers of the plain ones (issue 8)."""

from __future__ import annotations

import os

import pytest

from alignlearn.course.lesson import MAX_FRONT_MATTER_LINES, split_front_matter
from alignlearn.course.problems import LessonError, Problems
from alignlearn.course.source import has_unsafe, read_text
from alignlearn.untrusted import UNSAFE


@pytest.mark.parametrize("code", [*range(0x00, 0x300), 0x061C, 0x200B, 0x202E, 0x2066, 0xFEFF, 0xFFF9, 0xE0001,
                                  0xE007F, 0xE0080, 0x1F600, 0x4E2D])
def test_has_unsafe_is_unsafe_search(code):
    for text in (chr(code), f"plain ascii {chr(code)} text", f"caf\u00e9 {chr(code)}"):
        assert has_unsafe(text) == (UNSAFE.search(text) is not None)


@pytest.mark.parametrize("text", [
    "+++\nid = 1\n+++\nbody\n", "+++\n+++\n", "+++ \nid = 1\n+++  \n\nbody\n\nmore", "+++\r\n+++\n",
    "+++\n" + "x = 1\n" * (MAX_FRONT_MATTER_LINES - 1) + "+++\nbody\n" + "line\n" * 50,
    "+++\n" + "x = 1\n" * MAX_FRONT_MATTER_LINES + "+++\nbody\n", "+++\nno end\n", "no start\n", "",
])
def test_front_matter_is_split_as_the_whole_text_split_would(text):
    def whole(text):
        lines = text.split("\n")
        if not lines or lines[0].rstrip() != "+++":
            return "missing"
        for number in range(1, min(len(lines), MAX_FRONT_MATTER_LINES + 1)):
            if lines[number].rstrip() == "+++":
                return "\n".join(lines[1:number]), "\n".join(lines[number + 1:]), number + 2
        return "unterminated"

    try:
        got = split_front_matter(text, Problems("lesson.md"))
    except LessonError as error:
        got = "missing" if "missing" in error.problems[0].message else "unterminated"
    assert got == whole(text)


@pytest.mark.parametrize("size", [0, 1, 6000, 1024 * 1024])
def test_read_text_reads_the_whole_file_up_to_the_cap(tmp_path, size):
    file = tmp_path / "lesson.md"
    file.write_bytes(b"a\n" * (size // 2) + b"b" * (size % 2))
    assert read_text(file, Problems(file)) == file.read_text()


def test_read_text_refuses_a_file_over_the_cap(tmp_path):
    file = tmp_path / "lesson.md"
    file.write_bytes(b"a" * (1024 * 1024 + 1))
    with pytest.raises(LessonError, match="too large"):
        read_text(file, Problems(file))


def test_a_course_from_the_catalog_cache_has_the_front_matter_it_was_read_with(tmp_path, monkeypatch):
    import dataclasses
    import importlib.util
    from pathlib import Path

    from alignlearn.course import open_course

    monkeypatch.setenv("ALIGNLEARN_CACHE_DIR", str(tmp_path / "cache"))
    generator = Path(__file__).resolve().parents[2] / "benchmarks" / "make_course.py"
    spec = importlib.util.spec_from_file_location("make_course", generator)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = module.make_course(tmp_path / "course", 6, seed=5)
    for entry in root.iterdir():  # old enough for the cache to trust
        os.utime(entry, ns=(entry.stat().st_mtime_ns - 10**10,) * 2)
    read = open_course(root).lessons
    cached = open_course(root).lessons
    assert [type(info).__name__ for info in cached] == ["_CachedInfo"] * 6
    for fresh, kept in zip(read, cached):
        assert dataclasses.asdict(kept) == dataclasses.asdict(fresh) and repr(kept) == repr(fresh)
    changed = dataclasses.replace(cached[0], title="Another")
    assert (changed.title, changed.terms) == ("Another", read[0].terms)
    cached[1].__dict__["_packed"] = b"not marshal"  # as if damaged: read from the file instead
    assert cached[1].concepts == read[1].concepts
