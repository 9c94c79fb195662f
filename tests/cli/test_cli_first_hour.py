"""What a new user meets on the command line in the first hour (issue 21, items 9-13)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from alignlearn.cli import main

LESSON = """+++
id = "{id}"
title = "A lesson"
related = [{related}]
+++
Some words.

## One

More words.
"""


def write_course(folder, related: str = "", manifest: bool = True):
    folder.mkdir(parents=True, exist_ok=True)
    if manifest:
        (folder / "course.toml").write_text('format_version = 1\nid = "mine"\ntitle = "Mine"\n'
                                            'order = ["first", "second"]\n', encoding="utf-8")
    (folder / "first.md").write_text(LESSON.format(id="first", related=related), encoding="utf-8")
    (folder / "second.md").write_text(LESSON.format(id="second", related=""), encoding="utf-8")
    return folder


@pytest.mark.parametrize("word, guess", [("chek", "check"), ("serch", "search"), ("progres", "progress")])
def test_a_mistyped_command_is_an_unknown_command_with_a_guess(word, guess, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main([word]) == 2
    assert f"unknown command '{word}'; did you mean '{guess}'?" in capsys.readouterr().err


def test_an_existing_folder_named_like_a_word_is_still_a_path(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chek").mkdir()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    assert main(["chek"]) == 1  # opened as a course; the reader then wants a terminal
    assert "needs a terminal" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["cat", "x"], ["ask", "x", "why?"], ["search", "q"], ["check"], ["new", "x"],
                                  ["preview", "x.md"], []])
def test_a_missing_course_is_bad_input_everywhere(argv, tmp_path, capsys):
    missing = str(tmp_path / "missing")
    assert main(["--course", missing, *argv] if not argv else [argv[0], "--course", missing, *argv[1:]]) == 1
    assert "missing" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["lessons"], ["lessons", "FILE"], ["cat", "first"], ["quiz", "first"],
                                  ["ask", "first", "why?"], ["search", "words"], ["check"], ["preview", "LESSON"]])
def test_a_file_that_is_no_course_is_bad_input_everywhere(argv, tmp_path, capsys):
    """``--course /etc/passwd`` listed "passwd · 0 lessons" and exited 0."""
    course = write_course(tmp_path / "c")
    other = tmp_path / "passwd"
    other.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    argv = [{"FILE": str(other), "LESSON": str(course / "first.md")}.get(word, word) for word in argv]
    given = argv if "FILE" in argv or str(other) in argv else [argv[0], "--course", str(other), *argv[1:]]
    assert main(given) == 1
    out, err = capsys.readouterr()
    assert f"{other} is a file, not a course" in err and "0 lessons" not in out


@pytest.mark.parametrize("named", ["course.toml", "first.md"])
def test_course_names_a_course_by_its_course_toml_or_a_lesson_file(named, tmp_path, capsys):
    course = write_course(tmp_path / "c")
    assert main(["lessons", "--course", str(course / named)]) == 0
    assert capsys.readouterr().out.startswith("Mine \u00b7 2 lessons")
    assert main(["cat", "second", "--course", str(course / named)]) == 0
    assert "More words." in capsys.readouterr().out


def test_check_with_no_path_checks_the_course_in_the_current_folder_and_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(write_course(tmp_path / "mine", related='"nowhere"'))
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert "checking the lessons in the current folder" in err
    assert "'related' names unknown lesson 'nowhere'" in out
    assert out.splitlines()[-1] == "2 lessons, 0 questions: 1 error, 0 warnings"


def test_check_with_no_path_where_nothing_is_to_read_says_it_checks_the_bundled_one(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text("# A project\n\nNot a lesson: a README.\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Not Markdown.\n", encoding="utf-8")
    assert main(["check"]) == 0
    assert "checking the bundled course" in capsys.readouterr().err


def test_check_with_no_path_checks_a_plain_folder_of_markdown_as_the_reader_opens_it(tmp_path, monkeypatch, capsys):
    """No course.toml and no front matter: still a course the reader opens, so its
    problems (here a file that is not UTF-8) are what check reports."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text("# Notes\n\nNot a lesson of ours: no front matter.\n", encoding="utf-8")
    (tmp_path / "latin.md").write_bytes(b"# Latin\n\nCaf\xe9\n")
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert f"checking the Markdown files in the current folder ({tmp_path.resolve()})" in err
    assert "latin.md:3:4: error: file is not UTF-8 text" in out
    assert out.splitlines()[-1].startswith("2 lessons, 0 questions: 1 error")  # latin.md was checked too


@pytest.mark.parametrize("where", ["src", "src/nested"])
def test_check_with_no_path_in_a_books_src_folder_checks_the_book(where, tmp_path, monkeypatch, capsys):
    from mdbook_support import make_book

    book = make_book(tmp_path / "book", files={"intro.md": "# Intro\n\nHello.\n", "nested/deep.md": "# Deep\n"},
                     summary="# Summary\n\n- [Intro](intro.md)\n  - [Deep](nested/deep.md)\n- [Gone](gone.md)\n")
    monkeypatch.chdir(book / where)
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert f"checking the book the current folder is in ({book.resolve()})" in err
    assert "SUMMARY.md links to a missing file 'gone.md'" in out
    assert out.splitlines()[-1].startswith("2 lessons, 0 questions: 1 error")


@pytest.mark.parametrize("book_toml, said", [('[book]\ntitle = "My Little Book"\n', 'the book "My Little Book"'),
                                             ('[book]\nsrc = "src"\n', "the mdBook in ."),
                                             ('[book]\ntitle = "A \\u001b[31mred one"\n', 'the book "A \u241b[31mred one"')])
def test_check_with_no_path_in_a_books_folder_names_the_book(book_toml, said, tmp_path, monkeypatch, capsys):
    """It said "checking the lessons in the current folder": a book's are its SUMMARY.md's
    chapters, wherever they are. Its title is shown as text, never as escape codes."""
    from mdbook_support import make_book

    book = make_book(tmp_path / "book", files={"intro.md": "# Intro\n\nHello.\n"}, summary="- [Intro](intro.md)\n")
    (book / "book.toml").write_text(book_toml, encoding="utf-8")
    monkeypatch.chdir(book)
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert f"alignlearn: checking {said} ({book.resolve()})" in err and "\x1b" not in err
    assert out.splitlines()[-1] == "1 lesson, 0 questions: 0 errors, 0 warnings"


def test_check_with_no_path_in_a_books_other_folder_does_not_check_the_book(tmp_path, monkeypatch, capsys):
    from mdbook_support import make_book

    book = make_book(tmp_path / "book", files={"intro.md": "# Intro\n"}, summary="- [Gone](gone.md)\n")
    (book / "theme").mkdir()
    monkeypatch.chdir(book / "theme")
    assert main(["check"]) == 0
    assert "checking the bundled course" in capsys.readouterr().err


def test_check_with_no_path_checks_the_lessons_new_wrote_in_the_current_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "first-steps"]) == 0
    (tmp_path / "first-steps.quiz.toml").write_text("[[question\n", encoding="utf-8")  # not TOML
    capsys.readouterr()
    assert main(["check"]) == 1  # the author's lesson, not the bundled course
    out, err = capsys.readouterr()
    assert "checking the lessons in the current folder" in err
    assert "first-steps.quiz.toml:" in out and out.splitlines()[-1].startswith("1 lesson,")


@pytest.mark.parametrize("manifest", [True, False])
def test_check_of_one_lesson_file_finds_an_unknown_related_id_like_check_of_its_folder(tmp_path, manifest, capsys):
    folder = write_course(tmp_path / "c", related='"secnd", "first"', manifest=manifest)
    assert main(["check", str(folder / "first.md")]) == 1
    out = capsys.readouterr().out
    assert "'related' names unknown lesson 'secnd'" in out
    assert "did you mean 'second'?" in out
    assert "'related' names the lesson itself ('first')" in out
    assert "did you mean 'first'" not in out  # never the lesson itself
    assert out.splitlines()[-1] == "1 lesson, 0 questions: 1 error, 1 warning"


def test_help_shows_path_and_every_command_has_a_description(capsys):
    assert main(["--help"]) == 0
    assert "[PATH | COMMAND ...]" in capsys.readouterr().out
    for command in ("search", "ask", "preview", "check"):
        assert main([command, "--help"]) == 0
        usage, _, rest = capsys.readouterr().out.partition("\n\n")
        assert usage.startswith(f"usage: alignlearn {command} ")
        assert rest.split("\n\n")[0].strip() and not rest.startswith("positional arguments")


@pytest.mark.parametrize("argv", [[], ["preview", "LESSON"]])
def test_the_reader_on_a_pipe_says_it_needs_a_terminal(argv, tmp_path):
    course = write_course(tmp_path / "c")
    argv = [a.replace("LESSON", str(course / "first.md")) for a in argv] or [str(course)]
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    done = subprocess.run([sys.executable, "-m", "alignlearn", *argv], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60, env=env)
    assert done.returncode == 1
    assert done.stdout == ""  # no escape codes in the pipe
    assert "needs a terminal" in done.stderr and "alignlearn cat" in done.stderr


@pytest.mark.parametrize("named, said", [("nope.md", "nope.md: no such file"),
                                         ("nope.quiz.toml", "nope.md: no such file (the lesson of nope.quiz.toml)"),
                                         ("c", "c is a folder, not a lesson"),
                                         ("c/course.toml", "c/course.toml is the course's manifest (course.toml), "
                                                           "not a lesson")])
def test_preview_on_a_pipe_says_what_is_wrong_with_the_file_first(named, said, tmp_path, monkeypatch, capsys):
    """``preview nonexist.md | cat`` said the reader needs a terminal: the author fixes the name first."""
    write_course(tmp_path / "c")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    assert main(["preview", named]) == 1
    err = capsys.readouterr().err
    assert said in err and "terminal" not in err


# Item 2: a table too wide for its width becomes cards, never a word broken mid-word.

@pytest.mark.parametrize("width", [60, 40])
def test_cat_at_a_narrow_width_breaks_no_word_of_a_table(width, capsys):
    from tables import bundled_tables, split_words

    tables = bundled_tables()
    assert len(tables) >= 3  # the bundled course has comparison tables to try
    for lesson_id, found in tables.items():
        assert main(["cat", lesson_id, "--width", str(width)]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert max(len(line) for line in lines) <= width
        assert split_words(found, lines) == [], lesson_id


def test_cat_wide_enough_keeps_the_real_table(capsys):
    from tables import bundled_tables, split_words

    for lesson_id, found in bundled_tables().items():
        assert main(["cat", lesson_id, "--width", "120"]) == 0
        lines = capsys.readouterr().out.splitlines()
        first = found[0].rows_text()[0][0]
        assert any(line.startswith("\u250c") for line in lines), lesson_id  # box-drawn
        assert any(line.startswith(f"\u2502 {first} ") for line in lines), lesson_id
        assert split_words(found, lines) == []


def test_a_card_is_titled_by_its_first_cell_and_reads_plainly(capsys):
    assert main(["cat", "alignment-technical-problem", "--width", "40"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u2502" not in out.split("Compare the options")[1].split("RLHF is")[0]
    lines = [line.rstrip() for line in out.splitlines()]
    start = lines.index("Approach: RLHF")
    assert lines[start + 1:start + 4] == ["  Feedback source: Human raters", "  Strength: Human-grounded",
                                          "  Weakness: Costly, biased"]
    assert "Approach: Constitutional AI" in lines


# New-user walkthrough: a card's title is its row's first cell, and the first column's
# header (what that cell is) was lost; each card now opens "Header: value".

def test_a_card_title_names_its_column_at_width_60(tmp_path, capsys):
    from wide_table import HEADER, ROWS, write_wide_table_lesson

    lesson = write_wide_table_lesson(tmp_path / "wide")
    assert main(["cat", str(lesson), "--width", "60"]) == 0
    lines = [line.rstrip() for line in capsys.readouterr().out.splitlines()]
    assert not any(line.startswith("\u250c") for line in lines)  # cards, not the table
    for row in ROWS:
        assert f"{HEADER[0]}: {row[0]}" in lines
        assert f"  {HEADER[1]}: {row[1]}" in lines


@pytest.mark.parametrize("argv", [["cat", "first-steps"], ["quiz", "first-steps"],
                                  ["ask", "first-steps", "What does this lesson teach?"]])
def test_cat_quiz_and_ask_find_the_authors_lesson_in_the_current_folder(argv, tmp_path, monkeypatch, capsys):
    """In the folder where ``new`` wrote a lesson, ``check`` checks it, and ``cat``, ``quiz`` and
    ``ask`` by its id found only the bundled course ("no lesson 'first-steps'"): they find it."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "first-steps"]) == 0
    capsys.readouterr()
    assert main(argv) == 0, capsys.readouterr().err
    assert "no lesson" not in capsys.readouterr().err
    assert main(["cat", "alignment-technical-problem", "--width", "80"]) == 0  # the bundled course's, as before
    assert main(["cat", "no-such-lesson"]) == 1 and "no lesson 'no-such-lesson'" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["cat", "first-steps"], ["quiz", "first-steps"],
                                  ["ask", "first-steps", "What does this lesson teach?"]])
def test_an_authors_lesson_with_broken_front_matter_is_named_with_its_error(argv, tmp_path, monkeypatch, capsys):
    """After a typo in its front matter, ``cat first-steps`` in the author's folder said "no lesson
    'first-steps' in course 'ai-alignment'": the file's error, with its line, says what is wrong."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "first-steps"]) == 0
    lesson = tmp_path / "first-steps.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace('title = "', 'title = "Broken', 1).replace(
        'title = "Broken', 'title = "Broken\n', 1), encoding="utf-8")
    capsys.readouterr()
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "no lesson" not in err and "first-steps.md:" in err and "error:" in err


def test_check_counts_a_question_left_out_for_a_mistake(tmp_path, capsys):
    """"1 lesson, 3 questions" for a quiz of four with one bad read as if a question had gone
    missing (second walkthrough): the count is of the questions written, the error says which."""
    folder = write_course(tmp_path / "c")
    good = '[[questions]]\nid = "q{n}"\nkind = "true_false"\nprompt = "True?"\nanswer = true\nexplanation = "So."\n\n'
    bad = '[[questions]]\nid = "bad"\nkind = "single"\nprompt = "Which?"\nchoices = ["A", "B"]\nanswer = 7\nexplanation = "x"\n'
    (folder / "first.quiz.toml").write_text("".join(good.format(n=n) for n in range(3)) + bad, encoding="utf-8")
    assert main(["check", str(folder / "first.md")]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("1 lesson, 4 questions: 1 error")


PLAIN_OR_BOOK = {
    "plain folder": ({"alpha.md": "# Alpha\n\nAlpha is the first letter.\n", "alpha.quiz.toml": (
        '[[questions]]\nid = "q"\nkind = "true_false"\nprompt = "First?"\nanswer = true\nexplanation = "Yes."\n')},
        "."),
    "book's src": ({"book.toml": '[book]\ntitle = "B"\n', "src/SUMMARY.md": "- [Alpha](alpha.md)\n",
                    "src/alpha.md": "# Alpha\n\nAlpha is the first letter.\n"}, "src"),
}


@pytest.mark.parametrize("command", [["cat"], ["quiz"], ["ask", "What is alpha?"]], ids=["cat", "quiz", "ask"])
@pytest.mark.parametrize("files, where", PLAIN_OR_BOOK.values(), ids=PLAIN_OR_BOOK)
def test_cat_quiz_and_ask_find_a_file_of_the_folder_check_checks(files, where, command, tmp_path, monkeypatch,
                                                                  capsys):
    """In a folder of plain Markdown (or a book's src folder), where ``check`` checks its files,
    ``cat alpha`` said "no lesson 'alpha' in course 'ai-alignment'": only a folder of ``+++``
    lessons or a course's or book's own folder was looked in. The id now finds the file."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path / where)
    argv = [command[0], "alpha", *command[1:]]
    assert main(argv) == 0, capsys.readouterr().err
    out, err = capsys.readouterr()
    wanted = ("First?" if where == "." else "The lesson 'alpha' has no quiz.") if command == ["quiz"] else \
        "Alpha is the first letter."
    assert "no lesson" not in err and wanted in out, out
