"""``new ID --course FILE`` and ``progress show --course FILE`` say when FILE is no course,
as ``check --course FILE`` does: named, exit 1, no traceback. ``new`` said "no such folder
(create the course folder first)" of a file that is there; ``progress show`` printed the
table (or "No progress yet") with exit 0, as if the course were fine."""

from __future__ import annotations

import pytest

from alignlearn.cli import main

LESSON = '+++\nid = "first"\ntitle = "The First Lesson"\n+++\nWords.\n\n## One\n\nMore words.\n'
NO_COURSE = "is a file, not a course, a lesson or a book"


def write_course(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.toml").write_text('format_version = 1\nid = "mine"\ntitle = "Mine"\n', encoding="utf-8")
    (folder / "first.md").write_text(LESSON, encoding="utf-8")
    return folder


def record_progress() -> None:
    """Some progress in course "mine": ``progress show`` then draws its table."""
    from alignlearn.progress import ProgressStore

    ProgressStore().mark_section_read("mine", "first", "one")


@pytest.mark.parametrize("argv", [["new", "fresh"], ["progress", "show"], ["progress", "show", "--json"]])
@pytest.mark.parametrize("with_progress", [False, True])
def test_a_file_that_is_no_course_is_refused_and_named(argv, with_progress, tmp_path, capsys):
    if with_progress:
        record_progress()
    other = tmp_path / "notes.txt"
    other.write_text("Not a course.\n", encoding="utf-8")
    assert main([*argv, "--course", str(other)]) == 1
    out, err = capsys.readouterr()
    assert f"alignlearn: error: {other} {NO_COURSE}" in err and "Traceback" not in err
    assert not out and list(tmp_path.iterdir()) == [other]  # nothing written beside it


@pytest.mark.parametrize("with_progress", [False, True])
def test_progress_show_of_a_folder_with_no_lessons_says_it_is_no_course(with_progress, tmp_path, capsys):
    if with_progress:
        record_progress()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["progress", "show", "--course", str(empty)]) == 1
    out, err = capsys.readouterr()
    assert f"alignlearn: error: no course at {empty}: no lessons found" in err and not out


def test_progress_show_of_a_folder_whose_lessons_cannot_be_read_says_so(tmp_path, capsys):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "x.md").write_text("+++\nid = \n+++\n", encoding="utf-8")
    assert main(["progress", "show", "--course", str(broken)]) == 1
    assert f"no course at {broken}: none of its lessons can be read (run: alignlearn check {broken})" in \
        capsys.readouterr().err


def test_progress_show_of_a_missing_course_says_so_even_with_no_progress(tmp_path, capsys):
    assert main(["progress", "show", "--course", str(tmp_path / "nowhere")]) == 1
    assert f"no course at {tmp_path / 'nowhere'}" in capsys.readouterr().err


@pytest.mark.parametrize("named", ["", "course.toml", "first.md"])
def test_progress_show_takes_a_course_as_the_other_commands_do(named, tmp_path, capsys):
    """Its titles come from the course named: by its folder, course.toml or a lesson file
    (a lesson file gave lesson ids, the course being opened at the file)."""
    record_progress()
    course = write_course(tmp_path / "c")
    assert main(["progress", "show", "--course", str(course / named)]) == 0
    assert "The First Lesson" in capsys.readouterr().out


@pytest.mark.parametrize("named", ["", "course.toml", "first.md"])
def test_new_takes_a_course_as_the_other_commands_do(named, tmp_path, capsys):
    course = write_course(tmp_path / "c")
    assert main(["new", "second", "--course", str(course / named)]) == 0
    assert (course / "second.md").is_file() and (course / "second.quiz.toml").is_file()


def test_new_still_begins_a_course_in_an_empty_folder_and_wants_the_folder_to_be_there(tmp_path, capsys):
    assert main(["new", "first", "--course", str(tmp_path)]) == 0
    assert (tmp_path / "first.md").is_file()
    assert main(["new", "first", "--course", str(tmp_path / "nope")]) == 1
    assert "nope: no such folder" in capsys.readouterr().err
