"""check, lessons and cat run with no PATH in a folder that holds no course (no course.toml,
no book.toml, no Markdown): each falls back to the bundled course, as the reader does with no
PATH (SPEC section 5), and check says what it looked for and how to name a course. None
prints a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from alignlearn import paths
from alignlearn.cli import main


@pytest.fixture
def empty_folder(tmp_path, monkeypatch):
    folder = tmp_path / "nothing-here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_check_says_the_folder_holds_no_course_and_how_to_give_a_path(empty_folder, capsys):
    assert main(["check"]) == 0  # the bundled course has no problems
    out, err = capsys.readouterr()
    assert err == (f"alignlearn: {empty_folder.resolve()} holds no course (no course.toml, book.toml or "
                   f"Markdown lessons): checking the bundled course ({paths.bundled_course().resolve()}); "
                   "to check yours, give a PATH: alignlearn check PATH\n")
    assert out.splitlines()[-1].endswith(": 0 errors, 0 warnings")


def test_check_json_keeps_the_note_off_standard_output(empty_folder, capsys):
    import json

    assert main(["check", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["errors"] == 0 and "give a PATH: alignlearn check PATH" in err


def test_check_where_something_is_to_read_gives_no_path_hint(empty_folder, capsys):
    (empty_folder / "notes.md").write_text("# Notes\n\nSome words.\n", encoding="utf-8")
    assert main(["check"]) == 0
    err = capsys.readouterr().err
    assert "checking the Markdown files in the current folder" in err and "give a PATH" not in err


def test_lessons_lists_the_bundled_course(empty_folder, capsys):
    assert main(["lessons"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("AI Alignment · ") and err == ""


def test_cat_with_no_lesson_is_a_usage_error_naming_what_it_wants(empty_folder, capsys):
    assert main(["cat"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "alignlearn cat: error: the following arguments are required: lesson" in err


def test_cat_of_an_id_no_course_has_says_where_it_looked(empty_folder, capsys):
    assert main(["cat", "first-steps"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == (f"alignlearn: error: no lesson 'first-steps' in course 'ai-alignment' "
                                 f"({paths.bundled_course()})\n")


@pytest.mark.parametrize("argv, code", [(["check"], 0), (["lessons"], 0), (["cat"], 2), (["cat", "nowhere"], 1)])
def test_no_traceback_in_a_real_process(argv, code, empty_folder):
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    done = subprocess.run([sys.executable, "-m", "alignlearn", *argv], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60, env=env, cwd=empty_folder)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
