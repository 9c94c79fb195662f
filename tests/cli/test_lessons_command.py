"""`alignlearn lessons [--json]` (issue 17 item 8, issue 18): every lesson in order with its
part, depth, minutes (declared and estimated), questions and the learner's progress."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

from alignlearn.cli import main
from alignlearn.commands import lessons as lessons_command
from alignlearn.course import open_course
from mdbook_support import make_book, quiz_reader  # noqa: F401  (a fixture)

QUIZ = """[[questions]]
id = "q1"
kind = "true_false"
prompt = "True?"
answer = true
explanation = "Yes."

[[questions]]
id = "q2"
kind = "true_false"
prompt = "False?"
answer = false
explanation = "No."
"""


def write_course(folder: Path, titles: dict[str, str], quiz_for: tuple[str, ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    order = ", ".join(f'"{lesson}"' for lesson in titles)
    (folder / "course.toml").write_text(f'format_version = 1\nid = "demo"\ntitle = "Demo"\norder = [{order}]\n')
    for number, (lesson, title) in enumerate(titles.items()):
        minutes = f"minutes = {number + 3}\n" if number % 2 == 0 else ""
        body = "Intro words here.\n\n## First part\n\n" + "word " * 400 + "\n\n## Second part\n\nMore.\n"
        (folder / f"{lesson}.md").write_text(f'+++\nid = "{lesson}"\ntitle = "{title}"\n{minutes}+++\n\n{body}')
        if lesson in quiz_for:
            (folder / f"{lesson}.quiz.toml").write_text(QUIZ)
    then = time.time() - 60  # not written this second: the lesson cache may keep them
    for path in folder.iterdir():
        import os

        os.utime(path, (then, then))
    return folder


def test_json_has_the_spec_shape(tmp_path, capsys):
    folder = write_course(tmp_path / "c", {"one": "One", "two": "Two"}, quiz_for=("one",))
    assert main(["lessons", "--json", "--course", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["course"] == {"id": "demo", "title": "Demo", "format": "alignlearn"}
    assert [lesson["id"] for lesson in data["lessons"]] == ["one", "two"]
    one, two = data["lessons"]
    # SPEC's keys, and the progress the command's line in SPEC promises (sections read, best score)
    assert set(one) == {"id", "title", "part", "depth", "minutes", "reading_minutes", "questions", "file", "progress"}
    assert one["progress"] == {"sections_read": 0, "sections": 2, "best": None}
    assert one["part"] is None and one["depth"] == 0 and one["title"] == "One"
    assert one["minutes"] == 3 and two["minutes"] is None
    assert one["questions"] == 2 and two["questions"] == 0
    # about 405 words at 200 a minute, plus half a minute a question
    assert abs(one["reading_minutes"] - (two["reading_minutes"] + 1.0)) < 0.05
    assert 1.9 < two["reading_minutes"] < 2.2
    assert Path(one["file"]).name == "one.md"


def test_the_same_from_the_lesson_cache(tmp_path, capsys):
    folder = write_course(tmp_path / "c", {"one": "One", "two": "Two"}, quiz_for=("two",))
    assert main(["lessons", "--json", str(folder)]) == 0
    first = capsys.readouterr().out
    assert main(["lessons", "--json", str(folder)]) == 0
    assert capsys.readouterr().out == first


def test_parts_depth_and_format_come_from_the_course(tmp_path):
    course = open_course(write_course(tmp_path / "c", {"a": "A", "b": "B", "c": "C"}))
    course.format = "mdbook"  # as a book source sets it
    course.lessons[1].part, course.lessons[1].depth = "Part I: Basics", 1
    course.lessons[2].part, course.lessons[2].depth = "Part I: Basics", 2
    found, problems = lessons_command.rows(course)
    data = lessons_command.document(course, found)
    assert problems == [] and data["course"]["format"] == "mdbook"
    assert [(x["part"], x["depth"]) for x in data["lessons"]] == [(None, 0), ("Part I: Basics", 1),
                                                                  ("Part I: Basics", 2)]
    import io

    out = io.StringIO()
    lessons_command.write_text(course, found, out)
    lines = out.getvalue().splitlines()
    assert lines.count("Part I: Basics") == 1  # once, above its first lesson
    assert lines.index("Part I: Basics") == 3
    title = lines[1].index("title")
    assert lines[4].startswith("2  b ") and lines[5].startswith("3  c ")
    assert lines[4][title:].startswith("  B ") and lines[5][title:].startswith("    C ")  # nested lessons indented


def test_text_shows_progress_and_in_a_pipe_whole_titles(tmp_path, capsys):
    from alignlearn.progress import ProgressStore
    from alignlearn.progress.model import Attempt

    long_title = "A very long lesson title " * 6 + "\u6f22\u5b57" * 10
    folder = write_course(tmp_path / "c", {"one": long_title, "two": "Two"}, quiz_for=("one",))
    store = ProgressStore()
    store.load()
    store.mark_section_read("demo", "one", "first-part")
    store.add_attempt("demo", "one", Attempt.now(1, 2))
    assert main(["lessons", "--course", str(folder)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Demo \u00b7 2 lessons"
    one = next(line for line in lines if line.startswith("1 "))
    # in a pipe (less, grep) the title is whole: the table is as wide as it needs
    assert one.split()[1] == "one" and long_title.strip() in one and "\u2026" not in one
    assert one.split()[-4:] == ["3", "2", "1/2", "1/2"]  # minutes, questions, sections read, best
    two = next(line for line in lines if line.startswith("2 "))
    assert two.split()[1:3] == ["two", "Two"]
    assert two.split()[-4:] == ["~2", "0", "0/2", "-"]  # no minutes declared: the estimate


def test_text_shows_each_lesson_id_whole_in_its_own_column(tmp_path, capsys):
    """The id is what --lesson, cat, ask and quiz take: never cut short, even when long."""
    long_id = "an-id-longer-than-the-column-for-ids-allows"  # 43 columns, past the 34 ids get
    ids = {"intro": "Introduction", "the-second-lesson": "The second lesson: " + "words " * 20,
           long_id: "Long lesson title " * 3}
    folder = write_course(tmp_path / "c", ids)
    assert main(["lessons", "--course", str(folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split()[:2] == ["id", "title"]
    title = lines[1].index("title")
    rows = lines[2:]
    assert [row.split()[1] for row in rows] == list(ids)
    assert rows[0][title:].startswith("Introduction ") and rows[1][title:].startswith("The second lesson:")
    assert ("Long lesson title " * 3).strip() in rows[-1]  # in a pipe no title gives way
    assert [row.split()[-4:] for row in rows] == [["3", "0", "0/2", "-"], ["~2", "0", "0/2", "-"],
                                                  ["5", "0", "0/2", "-"]]  # minutes, questions, read, best
    assert main(["lessons", "--json", "--course", str(folder)]) == 0
    assert [row["id"] for row in json.loads(capsys.readouterr().out)["lessons"]] == list(ids)


def test_a_books_ids_are_its_chapter_paths_in_the_text_too(tmp_path, capsys, quiz_reader):
    book = make_book(tmp_path / "book")
    assert main(["lessons", "--json", str(book)]) == 0
    ids = [row["id"] for row in json.loads(capsys.readouterr().out)["lessons"]]
    assert main(["lessons", str(book)]) == 0
    shown = [line.split()[1] for line in capsys.readouterr().out.splitlines() if line[:1].isdigit()]
    assert shown == ids and "basics/details" in shown


def test_a_bad_lesson_is_reported_and_the_rest_listed(tmp_path, capsys):
    folder = write_course(tmp_path / "c", {"one": "One", "two": "Two"})
    (folder / "two.md").write_text("no front matter at all\n")
    code = main(["lessons", "--json", "--course", str(folder)])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert code == 1 and "Traceback" not in captured.err and "two.md" in captured.err
    ids = [lesson["id"] for lesson in data["lessons"]]
    assert "one" in ids and data["lessons"][0]["questions"] == 0


def test_titles_with_control_characters_do_not_reach_the_terminal(tmp_path, capsys):
    folder = write_course(tmp_path / "c", {"one": "Bad \\u001b[31mred"})
    assert main(["lessons", "--course", str(folder)]) == 0
    assert "\x1b" not in capsys.readouterr().out


def test_no_course_is_an_error_not_a_traceback(tmp_path, capsys):
    assert main(["lessons", "--course", str(tmp_path / "missing")]) != 0
    assert "no course" in capsys.readouterr().err


def test_a_book_lists_its_chapters_with_parts_depth_and_quiz_questions(tmp_path, capsys, quiz_reader):
    book = make_book(tmp_path / "book")
    assert main(["lessons", "--json", str(book)]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)["lessons"]}
    assert rows["basics"]["part"] == "Part One" and rows["basics"]["depth"] == 0
    assert rows["basics/details"]["depth"] == 1
    assert rows["quizzes"]["questions"] == 3  # both {{#quiz}} directives of the chapter
    assert rows["basics"]["minutes"] == 7  # from the YAML front matter


def test_a_folder_named_lessons_opens_by_its_path_and_the_bare_word_hints(tmp_path, monkeypatch, capsys):
    """`alignlearn lessons` is the command; `./lessons` and `lessons/` open the folder;
    and the command word alone, run where such a folder is, says how to open it."""
    from alignlearn.commands import read

    write_course(tmp_path / "lessons", {"one": "One"})
    monkeypatch.chdir(tmp_path)
    opened: list[str | None] = []
    monkeypatch.setattr(read, "run", lambda args: opened.append(args.path) or 0)
    for word in ("./lessons", "lessons/", "./lessons/"):
        assert main([word]) == 0
        assert capsys.readouterr().err == ""
    assert opened == ["./lessons", "lessons/", "./lessons/"]
    assert main(["lessons"]) == 0
    out, err = capsys.readouterr()
    assert "One" not in out and opened == ["./lessons", "lessons/", "./lessons/"]  # the command ran, not on ./lessons
    assert err == "alignlearn: to open the folder ./lessons, run: alignlearn ./lessons\n"
    (tmp_path / "lessons").rename(tmp_path / "elsewhere")
    assert main(["lessons"]) == 0
    assert capsys.readouterr().err == ""  # no such folder here: nothing to say


@pytest.mark.parametrize("argv", [["lessons", "lessons"], ["lessons", "./lessons"], ["lessons", "--course", "lessons"],
                                  ["--course", "lessons", "lessons"], ["lessons", "lessons", "--json"]])
def test_the_folder_hint_is_not_given_when_the_command_names_its_course(tmp_path, monkeypatch, capsys, argv):
    """`alignlearn lessons PATH` in a folder holding ./lessons printed the hint to open
    ./lessons: the command with a PATH (or any argument) is plainly the command."""
    write_course(tmp_path / "lessons", {"one": "One"})
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "One" in out and err == ""


def test_the_heading_counts_one_lesson_in_the_singular(tmp_path, capsys):
    folder = write_course(tmp_path / "c", {"one": "One"})
    assert main(["lessons", "--course", str(folder)]) == 0
    heading = capsys.readouterr().out.splitlines()[0]
    assert heading.endswith("\u00b7 1 lesson"), heading


def test_on_a_wide_terminal_long_titles_take_the_room_and_a_pipe_cuts_none(tmp_path, monkeypatch):
    """With the id column, 80 columns leave a title about 20: on a wider terminal it gets the rest."""
    import io
    import os
    import shutil

    long = "A title long enough that eighty columns would cut it short, but 140 do not"
    course = open_course(write_course(tmp_path / "c", {"a-lesson": long, "b-lesson": "Short"}))
    found, _ = lessons_command.rows(course)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((140, 40)))

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    wide, piped = Terminal(), io.StringIO()
    lessons_command.write_text(course, found, wide)
    lessons_command.write_text(course, found, piped)
    assert long in wide.getvalue()
    assert all(cell_len(line) <= 140 for line in wide.getvalue().splitlines())
    assert long in piped.getvalue()  # a pipe (less, grep) cuts nothing
    assert len({len(line) for line in piped.getvalue().splitlines()[1:]}) == 1  # its columns still line up


def test_a_chapters_path_lists_its_book_as_the_reader_opens_it(tmp_path, capsys, quiz_reader):
    """``alignlearn lessons BOOK/src/basics.md`` said "basics.md · 0 lessons" (the reader opens
    the same path as the whole book)."""
    book = make_book(tmp_path / "book")
    assert main(["lessons", "--json", str(book)]) == 0
    whole = json.loads(capsys.readouterr().out)["lessons"]
    chapter = next(path for path in (book / "src").rglob("*.md") if path.name != "SUMMARY.md")
    assert main(["lessons", "--json", str(chapter)]) == 0
    assert json.loads(capsys.readouterr().out)["lessons"] == whole and whole


def test_json_has_each_lessons_progress_as_the_text_shows_it(tmp_path, capsys):
    from alignlearn.progress import ProgressStore
    from alignlearn.progress.model import Attempt

    folder = write_course(tmp_path / "c", {"one": "One", "two": "Two"}, quiz_for=("one",))
    store = ProgressStore()
    store.load()
    store.mark_section_read("demo", "one", "first-part")
    store.add_attempt("demo", "one", Attempt.now(1, 2))
    assert main(["lessons", "--json", "--course", str(folder)]) == 0
    one, two = json.loads(capsys.readouterr().out)["lessons"]
    assert one["progress"] == {"sections_read": 1, "sections": 2, "best": {"score": 1, "total": 2}}
    assert two["progress"] == {"sections_read": 0, "sections": 2, "best": None}
