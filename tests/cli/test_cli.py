"""The commands of SPEC section 5, run as a learner or a script would."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from alignlearn.cli import main

SEED = "alignment-technical-problem"


def run(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ, NO_COLOR="1")
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "alignlearn", *args], capture_output=True, text=True,
                          env=env, timeout=60, cwd="/")


def test_cat_the_seed_lesson_from_any_folder():
    result = run("cat", SEED, "--width", "80")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "AI Alignment: The Actual Technical Problem" in out
    assert "Lesson 1 of " in out and "17 min" in out
    assert "Section 1" in out and "Section 6" in out
    assert "\x1b" not in out  # no colour on a pipe
    assert "┌" in out and "│ RLHF" in out  # the comparison table is box-drawn
    assert "|---|" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Key terms" in out and "The big idea" in out and "Keep going" in out
    # the reader's cards name its keys ("x", "t"), which do nothing on paper
    assert "Quiz: check what stuck" not in out and "answered from its own text" not in out


PADDED = """+++
id = "padded"
title = "Padded"
+++

## Gizmos

A gizmo is a widget  
that spins fast.

```python
x = 1
```

> [!NOTE]
> A callout.

> A quote.

| Gizmo | Speed | Notes |
|---|---|---|
| A | fast | a long note that has to wrap onto a second line at this width, or more |
| B | slow | short |
"""


@pytest.mark.parametrize("width", ["80", "40", "120"])
def test_cat_and_quiz_in_a_pipe_end_no_line_with_spaces(tmp_path, width):
    """Rich pads every line to the width: in a pipe that was trailing whitespace on most
    lines (code, quotes, tables). Without it, each line is as the console drew it."""
    from rich.console import Console, Group

    from alignlearn.course import load_lesson, open_course
    from alignlearn.render import parts

    lesson_file = tmp_path / "padded.md"
    lesson_file.write_text(PADDED, encoding="utf-8")
    (tmp_path / "padded.quiz.toml").write_text(
        '[[questions]]\nid = "q"\nkind = "single"\nprompt = "Which?"\nchoices = ["A", "B"]\nanswer = "A"\n'
        'explanation = "```\\ncode\\n```"\nsection = "Gizmos"\n', encoding="utf-8")
    for command in (["cat", str(lesson_file)], ["quiz", str(lesson_file), "--answers"],
                    ["cat", SEED], ["quiz", SEED, "--answers"]):
        result = run(*command, "--width", width)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() and "\x1b" not in result.stdout
        assert [line for line in result.stdout.splitlines() if line != line.rstrip()] == [], command
    console = Console(width=int(width), color_system=None, force_terminal=False, markup=False, emoji=False,
                      highlight=False)
    with console.capture() as drawn:
        console.print(Group(*(r for _, r in parts(load_lesson(lesson_file, with_quiz=False), open_course(tmp_path), int(width), keys=False))))
    assert run("cat", str(lesson_file), "--width", width).stdout == \
        "\n".join(line.rstrip() for line in drawn.get().split("\n"))


def test_ask_in_a_pipe_ends_no_line_with_spaces(tmp_path, monkeypatch, capsys):
    """A model may end a line with spaces (a Markdown line break): printed without them."""
    from model_server import ModelServer
    from tutor_lessons import FRONT, KITES, LAUNCH, write_lesson

    lesson = write_lesson(tmp_path, KITES, FRONT)
    with ModelServer(pieces=["Stand with your back  \n", "to the wind [§2].   "]) as server:
        monkeypatch.setenv("ALIGNLEARN_TUTOR_ENDPOINT", server.url)
        monkeypatch.setenv("ALIGNLEARN_TUTOR_MODEL", "tiny")
        assert main(["ask", str(lesson), LAUNCH]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Stand with your back\nto the wind [§2].\n\nSources:\n")
    assert [line for line in out.splitlines() if line != line.rstrip()] == []


def test_cat_narrow_width_turns_tables_into_cards(capsys):
    assert main(["cat", SEED, "--width", "30"]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 30
    lines = [line.rstrip() for line in out.splitlines()]
    assert "Approach: RLHF" in lines and "  Strength: Human-grounded" in lines  # a card: titled by its first cell


@pytest.mark.parametrize("width", ["0", "-3", "wide"])
def test_cat_width_below_one_is_bad_usage(width, capsys):
    assert main(["cat", "alignment-technical-problem", "--width", width]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "--width" in err


def test_cat_unknown_lesson_is_bad_input(capsys):
    assert main(["cat", "no-such-lesson"]) == 1
    assert "no lesson 'no-such-lesson'" in capsys.readouterr().err


def test_cat_a_lesson_file_with_markup_shows_it_literally(tmp_path, capsys):
    path = tmp_path / "x.md"
    path.write_text('+++\nid = "x"\ntitle = "[bold]Hi[/] [@click=app.quit]"\n+++\n\n## A\n\narr[i] and [/]\n')
    assert main(["cat", str(path), "--width", "60"]) == 0
    out = capsys.readouterr().out
    assert "[bold]Hi[/] [@click=app.quit]" in out and "arr[i] and [/]" in out


def test_cat_bad_lesson_prints_problems_not_a_traceback(tmp_path, capsys):
    path = tmp_path / "x.md"
    path.write_text('+++\nid = "x"\ntitle = \n+++\n')
    assert main(["cat", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:3:9: error: invalid TOML" in err and "Traceback" not in err


BROKEN_PART = {
    "an include not found": ("book", "src/one.md", 3, "'gone.rs': file not found"),
    "YAML that does not parse": ("folder", "one.md", 2, "invalid YAML front matter"),
}


@pytest.mark.parametrize("command", ["cat", "ask"])
@pytest.mark.parametrize("kind, file, line, message", BROKEN_PART.values(), ids=BROKEN_PART)
def test_cat_and_ask_say_on_stderr_what_in_the_lesson_has_an_error(tmp_path, monkeypatch, capsys, command, kind,
                                                                   file, line, message):
    """A lesson that loads with an error (a chapter's include not found, YAML front matter that
    does not parse): cat and ask printed it, or answered from it, without a word of the error,
    where preview and the reader show it. Now one line on standard error, hint left to check;
    the exit code and standard output as before."""
    if kind == "book":
        (tmp_path / "book.toml").write_text('[book]\ntitle = "B"\n', encoding="utf-8")
        (tmp_path / "src").mkdir()
        (tmp_path / "src" / "SUMMARY.md").write_text("- [One](one.md)\n", encoding="utf-8")
        text = "# One\n\n{{#include gone.rs}}\n\nBorrowing lets you use a value without owning it.\n"
    else:
        text = "---\ntitle: [open\n---\n\n# One\n\nBorrowing lets you use a value without owning it.\n"
    (tmp_path / file).write_text(text, encoding="utf-8")
    (tmp_path / "two.md").write_text("# Two\n\nText.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = [command, file] + (["What does borrowing let you do?"] if command == "ask" else [])
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "without owning it" in out
    assert err.splitlines() == [next(line for line in err.splitlines() if message in line)], err
    assert err.startswith(f"{file}:{line}:") and ": error: " in err and "hint" not in err


def test_cat_of_a_lesson_without_errors_says_nothing_on_stderr(capsys):
    assert main(["cat", SEED]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("command", ["cat", "ask", "quiz"])
@pytest.mark.parametrize("by_path", [False, True], ids=["by id", "by path"])
def test_a_lesson_its_course_could_not_read_is_named_with_its_error_not_called_missing(tmp_path, capsys, command,
                                                                                       by_path):
    """`--course broken cat interpretability` said "no lesson 'interpretability'": the file is
    there, with a broken front matter, and the author needs that error."""
    (tmp_path / "course.toml").write_text('format_version = 1\nid = "c"\ntitle = "C"\n', encoding="utf-8")
    (tmp_path / "good.md").write_text('+++\nid = "good"\ntitle = "Good"\n+++\n\n## A\n\nText.\n', encoding="utf-8")
    broken = tmp_path / "broken.md"
    broken.write_text('+++\nid = "broken\ntitle = "B"\n+++\n\nText.\n', encoding="utf-8")
    name = str(broken) if by_path else "broken"
    argv = ["--course", str(tmp_path), command, name] + (["what is it?"] if command == "ask" else [])
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"{broken}:2:" in err and "invalid TOML" in err and "no lesson" not in err, err


def test_check_bundled_course_exits_zero():
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout


def test_check_reports_errors_and_exits_one(tmp_path):
    (tmp_path / "x.md").write_text('+++\nid = "Bad Id"\ntitle = "t"\n+++\n')
    result = run("check", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path / 'x.md'}:2:1: error: bad id 'Bad Id'" in result.stdout
    assert "Traceback" not in result.stderr


def test_check_json(tmp_path, capsys):
    (tmp_path / "x.md").write_text('+++\nid = "x"\ntitle = "t"\nfoo = 1\n+++\n')
    assert main(["check", str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["lessons"] == 1 and data["errors"] == 0 and data["warnings"] == 1
    problem = data["problems"][0]
    assert {k: problem[k] for k in ("file", "line", "col", "severity")} == {
        "file": str(tmp_path / "x.md"), "line": 4, "col": 1, "severity": "warning"}


def test_check_missing_path(capsys):
    assert main(["check", "/no/such/place"]) == 1
    assert "no such file" in capsys.readouterr().err


NOTHING_TO_READ = {  # folders with no lesson in them, and why check says there is none
    "empty": ({}, "a lesson is a Markdown file (*.md) in this folder"),
    "a manifest alone": ({"course.toml": 'format_version = 1\nid = "c"\ntitle = "C"\n'},
                         "a lesson is a Markdown file (*.md) in this folder"),
    "no Markdown": ({"notes.txt": "not a lesson\n"}, "a lesson is a Markdown file (*.md) in this folder"),
    "a book of drafts": ({"book.toml": '[book]\ntitle = "B"\n', "src/SUMMARY.md": "# Summary\n\n- [Draft]()\n"},
                         "SUMMARY.md lists no chapter with a file"),
}


@pytest.mark.parametrize("files, why", NOTHING_TO_READ.values(), ids=NOTHING_TO_READ)
def test_check_of_a_folder_with_no_lessons_is_an_error(tmp_path, capsys, files, why):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{tmp_path}:1:1: error: no lessons found: {why}",
                                "0 lessons, 0 questions: 1 error, 0 warnings"]
    assert "Traceback" not in err
    assert main(["check", str(tmp_path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == 1 and data["lessons"] == 0
    assert data["problems"] == [{"file": str(tmp_path), "line": 1, "col": 1, "severity": "error",
                                 "message": f"no lessons found: {why}"}]


def test_check_of_a_folder_whose_lessons_cannot_be_read_says_why_not_that_there_are_none(tmp_path, capsys):
    (tmp_path / "x.md").write_text('+++\nid = "x"\ntitle = \n+++\n', encoding="utf-8")  # bad TOML
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "invalid TOML" in out and "no lessons found" not in out


def test_search_ranks_and_prints_json(capsys):
    assert main(["search", "constitution", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["query"] == "constitution" and data["results"]
    first = data["results"][0]
    assert set(first) == {"lesson", "section", "title", "snippet"}
    assert first["lesson"] == "constitutional-ai-deep-dive"


def test_search_prefix_of_the_last_word(capsys):
    assert main(["search", "goodh", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert results and results[0]["lesson"] == "specification-gaming-and-goodhart"


def test_search_says_introduction_for_a_lessons_introduction(capsys):
    # "§0" meant nothing to a learner (second walkthrough).
    assert main(["search", "temperaments"]) == 0
    out = capsys.readouterr().out
    assert "alignment-technical-problem introduction  " in out and "\u00a70" not in out


def test_search_nothing(capsys):
    assert main(["search", "zzzqqq"]) == 0
    assert "No lesson matches" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["cat", "--help"], ["search", "--help"],
                                  ["ask", "--help"], ["preview", "--help"], ["serve", "--help"]])
def test_help_everywhere(args, capsys):
    assert main(args) == 0
    assert "usage:" in capsys.readouterr().out


def test_bad_usage_exits_two(capsys):
    assert main(["cat"]) == 2
    assert main(["check", "--format", "xml"]) == 2


def test_python_dash_m_works():
    result = run("--help")
    assert result.returncode == 0 and "alignlearn" in result.stdout


def test_course_option_before_the_command(tmp_path, capsys):
    (tmp_path / "x.md").write_text('+++\nid = "x"\ntitle = "Tiny"\n+++\n\n## One\n\nHello there.\n')
    assert main(["--course", str(tmp_path), "cat", "x", "--width", "40"]) == 0
    out = capsys.readouterr().out
    assert "Tiny" in out and "Lesson 1 of 1" in out and "Hello there." in out


def test_the_main_module_runs_no_command_when_a_spawned_worker_imports_it(monkeypatch):
    """Where pools spawn rather than fork (Windows), each worker imports __main__ as
    __mp_main__: check would run again in every worker."""
    import runpy

    from alignlearn import cli

    monkeypatch.setattr(cli, "main", lambda *args: pytest.fail("the command ran again"))
    runpy.run_module("alignlearn.__main__", run_name="__mp_main__")


def test_the_exit_code_comes_from_the_error_type_not_its_words(monkeypatch, capsys):
    from alignlearn.commands import check, common

    def usage(args):
        raise common.UsageError("no lesson here, but a usage error all the same")

    def missing(args):
        raise common.NotFound("a missing course")

    monkeypatch.setattr(check, "run", usage)
    assert main(["check"]) == 2
    monkeypatch.setattr(check, "run", missing)
    assert main(["check"]) == 1
