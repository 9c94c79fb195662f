"""`lessons` and `search` with no --course use the bundled course (SPEC section 5), even in a
folder of an author's lessons, where `check`, `cat ID` and `ask ID` use the author's: there
they say so on standard error, once, with the command that names this folder's lessons.
Never on standard output (so --json stays one document), and not when --course is given or
the folder holds nothing `check` would check."""

from __future__ import annotations

import json

import pytest

from alignlearn.cli import main

LESSON = """+++
id = "first-lesson"
title = "First lesson"
+++

Some words about goals.

## A section

More words.
"""


@pytest.fixture
def author_folder(tmp_path, monkeypatch):
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "first-lesson.md").write_text(LESSON, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


LISTING = ("alignlearn: listing the bundled course; for the lessons in the current folder: "
           "alignlearn lessons --course .\n")
SEARCHING = ("alignlearn: searching the bundled course; for the lessons in the current folder: "
             "alignlearn search 'reward hacking' --course .\n")


@pytest.mark.parametrize("argv", [["lessons"], ["lessons", "--json"]])
def test_lessons_in_an_authors_folder_says_it_lists_the_bundled_course(author_folder, capsys, argv):
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == LISTING
    assert "first-lesson" not in out and "alignlearn:" not in out
    if "--json" in argv:
        assert json.loads(out)["course"]["id"] == "ai-alignment"


@pytest.mark.parametrize("argv", [["search", "reward hacking"], ["search", "reward hacking", "--json"]])
def test_search_in_an_authors_folder_says_it_searches_the_bundled_course(author_folder, capsys, argv):
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == SEARCHING and "alignlearn:" not in out
    if "--json" in argv:
        assert json.loads(out)["query"] == "reward hacking"


@pytest.mark.parametrize("argv", [["lessons", "--course", "."], ["--course", ".", "lessons"], ["lessons", "."],
                                  ["search", "goals", "--course", "."], ["--course", ".", "search", "goals"]])
def test_no_note_when_the_course_is_named(author_folder, capsys, argv):
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == "" and "first-lesson" in out


def test_the_note_names_the_book_whose_src_folder_this_is(tmp_path, monkeypatch, capsys):
    book = tmp_path / "book"
    (book / "src").mkdir(parents=True)
    (book / "book.toml").write_text('[book]\ntitle = "A book"\n', encoding="utf-8")
    (book / "src" / "SUMMARY.md").write_text("# Summary\n\n- [One](one.md)\n", encoding="utf-8")
    (book / "src" / "one.md").write_text("# One\n\nWords.\n", encoding="utf-8")
    monkeypatch.chdir(book / "src")
    assert main(["lessons"]) == 0
    assert capsys.readouterr().err == ("alignlearn: listing the bundled course; for the book the current folder "
                                       "is in: alignlearn lessons --course ..\n")
    assert main(["lessons", "--course", ".."]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "A book" in out


@pytest.mark.parametrize("argv", [["lessons"], ["search", "reward hacking"]])
def test_no_note_in_a_folder_with_no_lessons(tmp_path, monkeypatch, capsys, argv):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 0
    assert capsys.readouterr().err == ""
