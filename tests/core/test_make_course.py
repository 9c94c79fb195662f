"""The benchmark course generator: deterministic, realistic in size and shape, and clean for ``check``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from alignlearn.course import open_course
from alignlearn.render.measure import table_width
from alignlearn.authoring.check import check_course

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "make_course.py"


@pytest.fixture(scope="module")
def make_course():
    spec = importlib.util.spec_from_file_location("make_course", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_course


@pytest.fixture(scope="module")
def course_folder(make_course, tmp_path_factory):
    return make_course(tmp_path_factory.mktemp("generated"), 30, seed=7)


def test_generated_course_passes_check(course_folder):
    report = check_course(open_course(course_folder), table_width=table_width)
    assert report.lessons == 30
    assert report.errors == 0, [str(p) for p in report.problems if p.is_error][:5]


def test_generated_lessons_have_the_shape_of_real_ones(course_folder):
    course = open_course(course_folder)
    assert [info.id for info in course.lessons][:2] == ["reward-modelling-0001", "preference-learning-0002"]
    for info in course.lessons:
        size = info.file.stat().st_size
        assert 3000 <= size <= 8000, (info.file.name, size)
        lesson = course.lesson(info.id)
        assert 4 <= len(lesson.sections) <= 8
        assert info.path and info.concepts and info.related and info.terms and info.big_idea
        assert all(course.info(other) is not None for other in info.related)
        assert 10 <= len(lesson.quiz.questions) <= 15
        assert {q.kind for q in lesson.quiz.questions} == {"single", "multiple", "true_false"}
    kinds = {type(block).__name__ for info in course.lessons
             for section in course.lesson(info.id).sections for block in section.blocks}
    assert {"Table", "ListBlock", "Paragraph", "Quote", "Heading"} <= kinds


def test_same_seed_same_course_other_seed_other_course(make_course, tmp_path):
    first = make_course(tmp_path / "a", 5, seed=3)
    second = make_course(tmp_path / "b", 5, seed=3)
    third = make_course(tmp_path / "c", 5, seed=4)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)
    assert any((first / n).read_bytes() != (third / n).read_bytes() for n in names)
