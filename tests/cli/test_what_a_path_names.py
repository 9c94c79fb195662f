"""What a PATH on the command line may name: a course's folder or course.toml, an mdBook's
folder or book.toml, or a lesson's .md file. Any other file is refused, named, with exit 1
and no traceback: ``alignlearn /etc/passwd`` opened the folder /etc with "passwd" as a
lesson that could not be read."""

from __future__ import annotations

import json
import re
import sys

import pytest

from alignlearn.cli import main

LESSON = '+++\nid = "first"\ntitle = "First"\n+++\nWords.\n\n## One\n\nMore words.\n'
NO_COURSE = "is a file, not a course, a lesson or a book"


def write_course(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.toml").write_text('format_version = 1\nid = "mine"\ntitle = "Mine"\n', encoding="utf-8")
    (folder / "first.md").write_text(LESSON, encoding="utf-8")
    (folder / "first.quiz.toml").write_text(
        '[[questions]]\nid = "q"\nkind = "single"\nprompt = "Which?"\nchoices = ["A", "B"]\nanswer = "A"\n'
        'explanation = "Because."\n', encoding="utf-8")
    (folder / "notes.txt").write_text("Not a lesson.\n", encoding="utf-8")
    (folder / "orphan.quiz.toml").write_text("[[questions]]\n", encoding="utf-8")  # a quiz with no lesson
    return folder


def write_book(folder):
    from mdbook_support import make_book

    return make_book(folder, files={"intro.md": "# Intro\n\nHello.\n"}, summary="# Summary\n\n- [Intro](intro.md)\n")


@pytest.fixture
def no_terminal(monkeypatch):
    """Standard output is a pipe: the reader refuses to start, after checking its PATH."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)


@pytest.mark.parametrize("name", ["passwd", "notes.txt", "orphan.quiz.toml"])
@pytest.mark.parametrize("argv", [[], ["check"], ["cat"], ["quiz"], ["ask", "why?"], ["lessons"]])
def test_a_file_that_is_no_course_lesson_or_book_is_refused_and_named(argv, name, tmp_path, capsys, no_terminal):
    course = write_course(tmp_path / "c")
    (course / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    named = str(course / name)
    given = [*argv[:1], named, *argv[1:]]
    assert main(given) == 1
    out, err = capsys.readouterr()
    assert f"alignlearn: error: {named} {NO_COURSE}" in err
    assert "needs a terminal" not in err and "Traceback" not in err and "front matter" not in err + out


def test_the_reader_and_serve_refuse_such_a_file_rather_than_open_its_folder(tmp_path):
    from alignlearn.ui.app import ReaderError, build_app

    course = write_course(tmp_path / "c")
    for named in (course / "notes.txt", course / "orphan.quiz.toml"):
        with pytest.raises(ReaderError, match=NO_COURSE):
            build_app(str(named))
        with pytest.raises(ReaderError, match=NO_COURSE):
            build_app(course=str(named))


@pytest.mark.parametrize("argv", [["check"], ["cat"]])
def test_a_quiz_file_names_its_lesson(argv, tmp_path, capsys):
    """"alignlearn check first.quiz.toml": the author means the lesson the quiz belongs to."""
    course = write_course(tmp_path / "c")
    assert main([argv[0], str(course / "first.quiz.toml")]) == 0
    out, err = capsys.readouterr()
    assert NO_COURSE not in err and "Traceback" not in err
    if argv == ["cat"]:
        assert "First" in out and "More words." in out


def test_the_reader_still_takes_a_lesson_file_a_course_toml_and_a_books_files(tmp_path, capsys, no_terminal):
    from alignlearn.ui.app import locate

    course, book = write_course(tmp_path / "c"), write_book(tmp_path / "b")
    for named in (course / "first.md", course / "course.toml", course, book / "book.toml", book / "src" / "intro.md"):
        assert main([str(named)]) == 1
        assert "needs a terminal" in capsys.readouterr().err  # past the PATH's check
    assert locate(str(course / "first.md"), None) == (course, course / "first.md")
    assert locate(str(course / "course.toml"), None) == (course, None)


def test_a_books_book_toml_names_the_book_as_a_course_toml_names_its_course(tmp_path, capsys):
    """It was read as a lesson of the book: the reader showed "book.toml could not be
    opened" and ``check book.toml`` said "not a lesson of this course"."""
    from alignlearn.ui.app import locate

    book = write_book(tmp_path / "b")
    assert locate(str(book / "book.toml"), None) == (book, None)
    assert main(["check", str(book / "book.toml")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 lesson, 0 questions: 0 errors, 0 warnings"


@pytest.mark.parametrize("named", ["first.md", "course.toml"])
def test_the_readers_course_option_takes_what_other_commands_take(named, tmp_path):
    """``alignlearn --course LESSON.md`` said "no course at LESSON.md", where every other
    command took the lesson's course."""
    from alignlearn.ui.app import locate

    course = write_course(tmp_path / "c")
    assert locate(None, str(course / named)) == (course, None)
    book = write_book(tmp_path / "b")
    assert locate(None, str(book / "book.toml")) == (book, None)


@pytest.mark.parametrize("named", ["passwd", "notes.txt"])
def test_preview_wants_a_lesson_file_and_says_so_before_it_wants_a_terminal(named, tmp_path, capsys, no_terminal):
    """Previewing a book.toml would have failed on a lesson file that is not there, with a
    traceback; it is refused as a whole book (below)."""
    folder = write_book(tmp_path / "b")
    (folder / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "notes.txt").write_text("Not a lesson.\n", encoding="utf-8")
    assert main(["preview", str(folder / named)]) == 1
    assert f"{folder / named}: preview needs a lesson file (.md)" in capsys.readouterr().err


WHOLE = {"course.toml": "the course's manifest (course.toml)", "book.toml": "the mdBook's settings (book.toml)",
         "SUMMARY.md": "the mdBook's table of contents (SUMMARY.md)", "folder": "a folder"}


def whole(tmp_path, named: str) -> str:
    course, book = write_course(tmp_path / "c"), write_book(tmp_path / "b")
    return str({"course.toml": course / "course.toml", "book.toml": book / "book.toml",
                "SUMMARY.md": book / "src" / "SUMMARY.md", "folder": course}[named])


@pytest.mark.parametrize("named", list(WHOLE))
@pytest.mark.parametrize("argv", [["cat"], ["quiz"], ["ask", "why?"], ["preview"]])
@pytest.mark.parametrize("with_course", [False, True])
def test_a_whole_course_where_a_lesson_is_wanted_is_named_for_what_it_is(argv, named, with_course, tmp_path,
                                                                         capsys, no_terminal):
    """``cat lessons/course.toml`` said "no lesson 'lessons/course.toml' in course ...", and
    ``cat book/src/SUMMARY.md`` "not a lesson of this course": the author was sent looking
    for a lesson of that name. Each command that shows one lesson says what the file is
    and how to list its lessons."""
    path = whole(tmp_path, named)
    course = ["--course", str(tmp_path / "c")] if with_course else []
    assert main([argv[0], path, *argv[1:], *course]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"alignlearn: error: {path} is {WHOLE[named]}, not a lesson: name one of its lessons" in err
    assert f"to list them: alignlearn lessons {path}" in err
    assert "needs a terminal" not in err and "Traceback" not in err


@pytest.mark.parametrize("named", list(WHOLE))
def test_check_of_a_whole_course_checks_it_and_lessons_lists_it(named, tmp_path, capsys):
    """What the message above says to run works, and ``check`` takes each as its course:
    a book's SUMMARY.md was checked as a chapter, "not a lesson of this course"."""
    path = whole(tmp_path, named)
    assert main(["check", path]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("1 lesson,")
    assert main(["lessons", path, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["lessons"]) == 1


def test_a_summary_md_that_is_not_a_books_table_of_contents_is_a_lesson(tmp_path, capsys):
    """A plain folder's SUMMARY.md, or one outside a book's src folder, is Markdown like any other."""
    (tmp_path / "SUMMARY.md").write_text("# Summary\n\nThe gist.\n", encoding="utf-8")
    assert main(["cat", str(tmp_path / "SUMMARY.md")]) == 0
    assert "The gist." in capsys.readouterr().out


@pytest.mark.parametrize("named", list(WHOLE))
def test_the_preview_app_refuses_a_whole_course_as_the_command_does(named, tmp_path):
    """A book's SUMMARY.md names the book now: building its preview must refuse it, not
    find no lesson file to watch."""
    from alignlearn.ui.app import ReaderError
    from alignlearn.ui.preview_app import build_preview

    path = whole(tmp_path, named)
    with pytest.raises(ReaderError, match=f"is {re.escape(WHOLE[named])}, not a lesson"):
        build_preview(path)
