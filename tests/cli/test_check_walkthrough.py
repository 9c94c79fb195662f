"""`check` on a lesson `new` wrote, after the slips a new author makes: what it counts, the
hints it gives, and how it names the files."""

from __future__ import annotations

import json

import pytest

from alignlearn.cli import main


@pytest.fixture
def skeleton(tmp_path, monkeypatch, capsys):
    """The folder of a lesson ``alignlearn new first-lesson`` wrote, as the current folder."""
    folder = tmp_path / "course"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert main(["new", "first-lesson"]) == 0
    capsys.readouterr()
    return folder


def edit(file, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("argv", [["check"], ["check", "."], ["check", "first-lesson.md"]])
def test_a_quiz_whose_lesson_cannot_be_read_still_counts_its_questions(skeleton, capsys, argv):
    """An unclosed quote in the title and two errors in the quiz: the quiz's four questions
    were checked and reported, and are counted; the lesson, which could not be read, is not."""
    edit(skeleton / "first-lesson.md", 'title = "First lesson"', 'title = "First lesson')
    quiz = skeleton / "first-lesson.quiz.toml"
    edit(quiz, 'kind = "single" ', 'kind = "singel" ')
    edit(quiz, 'answer = ["Tables", "Lists"]', 'answer = ["Tables", "Images"]')
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "unknown kind 'singel'" in out and "answer 'Images' is not one of the choices" in out
    assert out.splitlines()[-1] == "0 lessons, 4 questions: 3 errors, 0 warnings"
    assert main([*argv, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["lessons"], data["questions"], data["errors"], data["warnings"]) == (0, 4, 3, 0)


@pytest.mark.parametrize("answer, wrong, hint", [
    ('["Tables", "Lists", "Images"]', "Images", "`answer` must be the exact text of one of the choices"),
    ('["Tables", "Lists", "Tabels"]', "Tabels", "`answer` must be the exact text of one of the choices"),
    ('["Lists", "Tabels"]', "Tabels", "`answer` must be the text of one of the choices: did you mean 'Tables'?"),
    ('["Tables", "Raw HTMX"]', "Raw HTMX", "`answer` must be the text of one of the choices: did you mean 'Raw HTML'?"),
])
def test_did_you_mean_never_suggests_a_choice_the_answer_already_gives(skeleton, capsys, answer, wrong, hint):
    """`answer = ["Tables", "Lists", "Images"]` was told "did you mean 'Tables'?", which it has."""
    edit(skeleton / "first-lesson.quiz.toml", 'answer = ["Tables", "Lists"]', f"answer = {answer}")
    assert main(["check", "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["message"], p["hint"]) for p in problems] == [(f"answer '{wrong}' is not one of the choices", hint)]


def test_an_unknown_related_lesson_is_never_told_one_related_already_names(skeleton, capsys):
    assert main(["new", "second-lesson"]) == 0
    edit(skeleton / "first-lesson.md", "related = []", 'related = ["second-lesson", "second-lessen"]')
    capsys.readouterr()
    assert main(["check", "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["message"], p["hint"]) for p in problems] == [
        ("'related' names unknown lesson 'second-lessen'",
         "no lesson in this course has id = \"second-lessen\": remove it, or write that lesson")]


def test_problems_name_files_under_the_current_folder_relative_to_it(skeleton, tmp_path, monkeypatch, capsys):
    """`check` with no PATH printed /tmp/walk/course/first-lesson.quiz.toml:20:1, where the
    docs show first-lesson.quiz.toml:20:1: a file under the current folder is named from it,
    in text and JSON; one elsewhere keeps its full path."""
    edit(skeleton / "first-lesson.quiz.toml", 'answer = ["Tables", "Lists"]', 'answer = ["Tables", "Images"]')
    wrong = ":20:1: error: answer 'Images' is not one of the choices"
    for argv in (["check"], ["check", "."], ["check", str(skeleton)], ["check", str(skeleton / "first-lesson.md")]):
        assert main(argv) == 1
        assert capsys.readouterr().out.splitlines()[0] == "first-lesson.quiz.toml" + wrong
        assert main([*argv, "--format", "json"]) == 1
        assert json.loads(capsys.readouterr().out)["problems"][0]["file"] == "first-lesson.quiz.toml"
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(skeleton)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == "course/first-lesson.quiz.toml" + wrong
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["check", str(skeleton), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["problems"][0]["file"] == str(skeleton / "first-lesson.quiz.toml")


@pytest.mark.parametrize("argv", [["cat", "FILE"], ["quiz", "FILE"], ["ask", "FILE", "why?"],
                                  ["cat", "first-lesson", "--course", "HERE"], ["lessons", "HERE"]])
def test_every_command_names_a_problems_file_by_the_same_rule(skeleton, capsys, argv):
    """Named by their full paths, the files are still shown from the current folder."""
    edit(skeleton / "first-lesson.md", 'title = "First lesson"', 'title = "First lesson')
    named = {"FILE": str(skeleton / "first-lesson.md"), "HERE": str(skeleton)}
    assert main([named.get(word, word) for word in argv]) == 1
    err = capsys.readouterr().err
    assert "\nfirst-lesson.md:10:22: error: invalid TOML" in "\n" + err and str(skeleton) not in err
