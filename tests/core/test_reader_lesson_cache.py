"""The lesson cache the reader opens lessons through: same lesson back, or a fresh parse."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from printed import printed

from alignlearn import paths
from alignlearn.course import open_course
from alignlearn.cache import parsed_lessons as lesson_cache
from alignlearn.cache import disk as cache

OLD = 10  # seconds: files this old are past the cache's "changed too recently" window


@pytest.fixture(autouse=True)
def private_folders(tmp_path, monkeypatch):
    for variable in ("ALIGNLEARN_DATA_DIR", "ALIGNLEARN_CONFIG_DIR", "ALIGNLEARN_CACHE_DIR"):
        monkeypatch.setenv(variable, str(tmp_path / variable.lower()))


def age(*files: Path) -> None:
    """Make files look written a while ago (the cache never trusts a fresh change)."""
    then = time.time() - OLD
    for file in files:
        if file.exists():
            os.utime(file, (then, then))


@pytest.fixture
def course_dir(tmp_path) -> Path:
    target = tmp_path / "course"
    shutil.copytree(paths.bundled_course(), target)
    age(*target.iterdir())
    return target


def lines(lesson, course) -> list[str]:
    return printed(lesson, course, 70)


def test_a_kept_lesson_comes_back_the_same(course_dir):
    course = open_course(course_dir)
    for info in course.lessons:
        parsed = lesson_cache.read(course, info.id)  # a miss: parsed and kept
        kept = lesson_cache.load(info.file)
        assert kept is not None and kept is not parsed
        assert lines(kept, course) == lines(parsed, course)
        assert [(s.number, s.title, s.key, s.line, [(u.title, u.line) for u in s.subsections])
                for s in kept.sections] == [(s.number, s.title, s.key, s.line,
                                             [(u.title, u.line) for u in s.subsections]) for s in parsed.sections]
        assert vars(kept.info) == vars(parsed.info)
        assert kept.problems == parsed.problems and kept.quiz_checked
        if parsed.quiz is not None:
            assert [vars(q) for q in kept.quiz.questions] == [vars(q) for q in parsed.quiz.questions]
            assert (kept.quiz.file, kept.quiz.written) == (parsed.quiz.file, parsed.quiz.written) != (parsed.quiz.file, 0)
        assert lesson_cache.read(course, info.id).title == parsed.title


def test_a_changed_lesson_or_quiz_is_parsed_again(course_dir):
    course = open_course(course_dir)
    info = course.lessons[0]
    lesson_cache.read(course, info.id)
    assert lesson_cache.load(info.file) is not None
    text = info.file.read_text(encoding="utf-8")
    info.file.write_text(text.replace("## ", "## Changed ", 1), encoding="utf-8")
    assert lesson_cache.load(info.file) is None
    fresh = lesson_cache.read(course, info.id)
    assert fresh.sections[0].title.startswith("Changed ")
    assert lesson_cache.load(info.file) is None  # changed just now: not trusted yet
    age(info.file)
    lesson_cache.read(course, info.id)
    assert lesson_cache.load(info.file).sections[0].title.startswith("Changed ")
    quiz = info.file.with_name(info.file.name.removesuffix(".md") + ".quiz.toml")
    if quiz.exists():
        quiz.write_text(quiz.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert lesson_cache.load(info.file) is None


def test_a_damaged_cache_file_is_ignored(course_dir):
    course = open_course(course_dir)
    info = course.lessons[0]
    lesson_cache.read(course, info.id)
    kept = cache.cache_file(info.file, lesson_cache.KIND)
    data = bytearray(kept.read_bytes())
    data[-5] ^= 0xFF
    kept.write_bytes(bytes(data))
    assert lesson_cache.load(info.file) is None
    assert lesson_cache.read(course, info.id).id == info.id
    kept.write_bytes(b"garbage")
    assert lesson_cache.load(info.file) is None


def test_the_course_copy_in_memory_is_not_what_gets_kept(course_dir):
    course = open_course(course_dir)
    info = course.lessons[0]
    stale = course.lesson(info.id)  # in memory, then the file changes
    info.file.write_text(info.file.read_text(encoding="utf-8").replace("## ", "## New ", 1), encoding="utf-8")
    age(info.file)
    fresh = lesson_cache.read(course, info.id)
    assert fresh.sections[0].title.startswith("New ") and not stale.sections[0].title.startswith("New ")
    assert lesson_cache.load(info.file).sections[0].title.startswith("New ")
