"""``shown_file``: the one rule for how a problem names its file (relative to the current
folder when it is in it, else as it is), and Problem printing and JSON follow it."""

from __future__ import annotations

import os

import pytest

from alignlearn.course.problems import Problem, shown_file


@pytest.fixture
def here(tmp_path, monkeypatch):
    folder = tmp_path / "here"
    (folder / "deep").mkdir(parents=True)
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize("name, shown", [
    ("here/a.md", "a.md"),
    ("here/deep/b.md", os.path.join("deep", "b.md")),
    ("here", None),  # the current folder itself: in full
    ("other/c.md", None),  # beside it: in full, never ../other/c.md
    ("herein/d.md", None),  # a name that only starts like it
])
def test_an_absolute_path_under_the_current_folder_is_shown_relative(here, name, shown):
    file = str(here.parent / name)
    assert shown_file(file) == (shown or file)


@pytest.mark.parametrize("file", ["a.md", "./a.md", "../x/a.md"])
def test_a_relative_path_is_shown_as_given(here, file):
    assert shown_file(file) == file


def test_through_a_symbolic_link_to_the_current_folder(here, tmp_path):
    (tmp_path / "link").symlink_to(here)
    assert shown_file(str(tmp_path / "link" / "a.md")) == "a.md"


def test_in_the_root_folder_paths_stay_absolute(monkeypatch, tmp_path):
    monkeypatch.chdir("/")
    assert shown_file(str(tmp_path / "a.md")) == str(tmp_path / "a.md")


def test_printed_and_json_problems_use_it_and_keep_the_full_path(here):
    problem = Problem(str(here / "a.md"), 3, 1, "error", "bad", "fix it")
    assert str(problem) == "a.md:3:1: error: bad\n  hint: fix it"
    assert problem.as_dict()["file"] == "a.md" and problem.file == str(here / "a.md")
