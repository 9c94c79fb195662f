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
def test_a_lesson_that_cannot_be_read_is_counted_with_its_questions(skeleton, capsys, argv):
    """An unclosed quote in the title and two errors in the quiz: the lesson and its quiz's four
    questions were checked and reported, and are counted. It said "0 lessons, 4 questions", four
    questions of no lesson, as if the file the error names had not been read."""
    edit(skeleton / "first-lesson.md", 'title = "First lesson"', 'title = "First lesson')
    quiz = skeleton / "first-lesson.quiz.toml"
    edit(quiz, 'kind = "single" ', 'kind = "singel" ')
    edit(quiz, 'answer = ["Tables", "Lists"]', 'answer = ["Tables", "Images"]')
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "unknown kind 'singel'" in out and "answer 'Images' is not one of the choices" in out
    assert out.splitlines()[-1] == "1 lesson, 4 questions: 3 errors, 0 warnings"
    assert main([*argv, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["lessons"], data["questions"], data["errors"], data["warnings"]) == (1, 4, 3, 0)


UNREADABLE = {
    "lessons": {"one.md": '+++\nid = "one"\ntitle = "One"\n+++\n\n## A\n\nText.\n',
                "two.md": '+++\nid = "two"\ntitle = "Two\n+++\n\n## A\n\nText.\n'},
    "plain folder": {"one.md": "# One\n\nText.\n", "two.md": b"# Two\n\n\xff\xfe\n"},
    "mdbook": {"book.toml": '[book]\ntitle = "B"\n', "src/SUMMARY.md": "- [One](one.md)\n- [Two](two.md)\n",
               "src/one.md": "# One\n\nText.\n", "src/two.md": b"# Two\n\n\xff\xfe\n"},
}


@pytest.mark.parametrize("files", UNREADABLE.values(), ids=UNREADABLE)
def test_every_lesson_file_checked_is_counted_one_that_cannot_be_read_too(tmp_path, monkeypatch, capsys, files):
    """Two lessons, one that cannot be read (bad front matter, not UTF-8): "2 lessons", in
    every kind of course; it said "1 lesson", as if the file its error names were not there."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["lessons"], data["errors"]) == (2, 1), data


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
