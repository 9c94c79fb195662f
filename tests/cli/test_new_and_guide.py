"""`alignlearn new` and the format guide: both must pass `check`, so neither drifts from the code."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from alignlearn.cli import main
from alignlearn.course import load_lesson, open_course
from alignlearn.course.manifest import MANIFEST_KEYS
from alignlearn.render.measure import table_width
from alignlearn.authoring.check import check_course, check_lesson_file
from alignlearn.course.lesson import KNOWN_KEYS
from alignlearn.course.quiz import NATIVE_KINDS, QUESTION_KEYS
from alignlearn.authoring.skeleton import ADDED, BY_HAND, LISTED, NO_ORDER, _append, add_to_order

# The kinds the guide's example shows: those with choices to pick. The skeleton shows
# every kind a quiz file of ours may hold (NATIVE_KINDS), short_answer too.
CHOICE_KINDS = ("single", "multiple", "true_false")

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "lesson-format.md"


# --- new ------------------------------------------------------------------------


def test_new_then_check_is_clean(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "first-steps"]) == 0
    out = capsys.readouterr().out
    assert "first-steps.md" in out and "first-steps.quiz.toml" in out and "course.toml" not in out
    report = check_course(open_course(tmp_path), table_width=table_width)
    assert report.problems == [], [str(p) for p in report.problems]
    assert (report.lessons, report.questions) == (1, len(NATIVE_KINDS))
    lesson = load_lesson(tmp_path / "first-steps.md")
    assert lesson.id == "first-steps" and lesson.title == "First steps"
    assert len(lesson.sections) == 2
    assert any(type(b).__name__ == "Table" for s in lesson.sections for b in s.blocks)
    assert sorted(q.kind for q in lesson.quiz.questions) == sorted(NATIVE_KINDS)  # one of each
    titles = {s.title for s in lesson.sections}
    assert all(q.section in titles for q in lesson.quiz.questions)
    typed = next(q for q in lesson.quiz.questions if q.kind == "short_answer")
    assert typed.alternatives  # shows the key an author would otherwise not know
    assert all(typed.is_correct(f" {text.upper()} ") for text in [typed.answer, *typed.alternatives])
    assert not typed.is_correct("3")
    quiz = tomllib.loads((tmp_path / "first-steps.quiz.toml").read_text())
    assert set().union(*quiz["questions"]) == QUESTION_KEYS | {"alternatives"}


def test_new_skeleton_has_every_front_matter_key_with_a_comment(tmp_path):
    assert main(["new", "x", "--course", str(tmp_path)]) == 0
    front = (tmp_path / "x.md").read_text().split("+++")[1]
    data = tomllib.loads(front)
    assert set(data) == KNOWN_KEYS
    lines = front.split("\n")
    for key in KNOWN_KEYS:
        number = next(n for n, line in enumerate(lines) if re.match(rf"\[?{key}\b", line))
        assert lines[number - 1].startswith("#"), f"no comment above '{key}'"


def test_new_skeleton_points_only_at_what_an_author_can_reach(tmp_path):
    """Its comments named docs/lesson-format.md, which is in neither an author's folder
    nor the installed package: they point at commands that exist and say the rest."""
    from alignlearn.cli import COMMANDS

    assert main(["new", "x", "--course", str(tmp_path)]) == 0
    for name in ("x.md", "x.quiz.toml"):
        comments = "\n".join(line for line in (tmp_path / name).read_text().splitlines() if line.startswith("#"))
        assert "docs/" not in comments and ".md" not in comments, name
        named = re.findall(r"`alignlearn (\w+)", comments)
        assert named and set(named) <= set(COMMANDS), name
    quiz = "\n".join(line for line in (tmp_path / "x.quiz.toml").read_text().splitlines() if line.startswith("#"))
    assert all(kind in quiz for kind in NATIVE_KINDS)


def test_new_in_a_course_appends_to_order_and_keeps_the_file_as_written(tmp_path, capsys):
    manifest = tmp_path / "course.toml"
    text = ('format_version = 1\nid = "demo"  # keep\ntitle = "Demo"\norder = [\n'
            '    "one",   # the first\n]\n\n# trailing comment\n')
    manifest.write_text(text)
    assert main(["--course", str(tmp_path), "new", "one"]) == 0
    assert main(["new", "two", "--course", str(tmp_path)]) == 0
    assert "added 'two' to the end of 'order'" in capsys.readouterr().out
    assert manifest.read_text() == text.replace('# the first\n', '# the first\n    "two",\n')
    course = open_course(tmp_path)
    assert [info.id for info in course.lessons] == ["one", "two"]
    report = check_course(course, table_width=table_width)
    assert report.problems == [], [str(p) for p in report.problems]


def test_new_refuses_to_overwrite(tmp_path, capsys):
    (tmp_path / "mine.md").write_text("my own words\n")
    assert main(["new", "mine", "--course", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "mine.md").read_text() == "my own words\n"
    assert not (tmp_path / "mine.quiz.toml").exists()


def test_new_refuses_when_only_the_quiz_exists(tmp_path, capsys):
    (tmp_path / "mine.quiz.toml").write_text("# mine\n")
    assert main(["new", "mine", "--course", str(tmp_path)]) == 1
    assert not (tmp_path / "mine.md").exists()
    assert (tmp_path / "mine.quiz.toml").read_text() == "# mine\n"


def test_new_refuses_an_id_another_lesson_uses(tmp_path, capsys):
    assert main(["new", "one", "--course", str(tmp_path)]) == 0
    (tmp_path / "one.md").rename(tmp_path / "renamed.md")
    (tmp_path / "one.quiz.toml").unlink()
    assert main(["new", "one", "--course", str(tmp_path)]) == 1
    assert "already used by" in capsys.readouterr().err
    assert not (tmp_path / "one.md").exists()


@pytest.mark.parametrize("bad", ["My Lesson", "lesson.md", "a_b", "UPPER", "a/b", "", "x" * 200])
def test_new_rejects_a_bad_id_as_usage(tmp_path, capsys, bad):
    assert main(["new", bad, "--course", str(tmp_path)]) == 2
    assert "bad lesson id" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("bad, suggested", [("My Lesson", "my-lesson"), ("lesson.md", "lesson"),
                                             ("Über Café", "uber-cafe"), ("", "my-lesson"), ("日本", "my-lesson")])
def test_a_bad_id_s_suggestion_is_an_id_like_it(tmp_path, capsys, bad, suggested):
    """'Über Café' was offered 'ber-caf', and an empty or non-Latin id 'section' (a section's
    key, from slug), which reads as if 'section' were the id wanted."""
    assert main(["new", bad, "--course", str(tmp_path)]) == 2
    assert capsys.readouterr().err.endswith(f"(for example: {suggested})\n")


def test_new_in_a_missing_folder_is_bad_input(tmp_path, capsys):
    assert main(["new", "one", "--course", str(tmp_path / "nope")]) == 1
    assert "no such folder" in capsys.readouterr().err


def test_new_with_course_toml_as_the_course(tmp_path):
    (tmp_path / "course.toml").write_text('id = "demo"\ntitle = "Demo"\norder = ["a"]\n')
    assert main(["new", "a", "--course", str(tmp_path / "course.toml")]) == 0
    assert (tmp_path / "a.md").exists()
    assert tomllib.loads((tmp_path / "course.toml").read_text())["order"] == ["a"]


def test_new_tells_the_author_when_it_cannot_edit_order(tmp_path, capsys):
    text = 'title = "Demo"\norder = ["""one"""]\n'
    (tmp_path / "course.toml").write_text(text)
    assert main(["new", "two", "--course", str(tmp_path)]) == 0
    assert "add \"two\" to 'order'" in capsys.readouterr().out
    assert (tmp_path / "course.toml").read_text() == text


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("where, course, link", [("book", None, "first-steps.md"),
                                                 ("book/src", None, "first-steps.md"),
                                                 ("book/src/part", None, "part/first-steps.md"),
                                                 ("elsewhere", "book", "first-steps.md"),
                                                 ("elsewhere", "book/book.toml", "first-steps.md"),
                                                 ("elsewhere", "book/src/intro.md", "first-steps.md")])
def test_new_in_an_mdbook_writes_nothing_and_says_how_to_add_a_chapter(where, course, link, tmp_path,
                                                                        monkeypatch, capsys):
    """It wrote first-steps.md (+++ front matter) and its quiz beside the book's chapters,
    listed by no SUMMARY.md: the book never showed it, and check still said all was well.
    Nothing in the book changes; the author is told the line to add and the file to write."""
    from mdbook_support import make_book

    book = make_book(tmp_path / "book", files={"intro.md": "# Intro\n\nHello.\n", "part/x.md": "# X\n"},
                     summary="# Summary\n\n- [Intro](intro.md)\n  - [X](part/x.md)\n")
    (tmp_path / "elsewhere").mkdir()
    before = _files(book)
    monkeypatch.chdir(tmp_path / where)
    assert main(["new", "first-steps", *(["--course", str(tmp_path / course)] if course else [])]) == 1
    out, err = capsys.readouterr()
    assert out == "" and _files(book) == before and not list((tmp_path / "elsewhere").iterdir())
    src = (tmp_path / where).resolve() if course is None else tmp_path / "book" / "src"
    assert "is an mdBook: its chapters are the files SUMMARY.md lists" in err and "nothing was written" in err
    assert f"    - [First steps]({link})\n" in err
    assert f"book/src/SUMMARY.md where it belongs, then write " in err and f"src/{link} as plain Markdown" in err
    assert "'# First steps'" in err and "alignlearn check" in err


def test_new_beside_a_book_or_in_its_other_folders_writes_a_lesson_as_before(tmp_path, monkeypatch):
    """Only the book's own folder and its src folder are the book's chapters' places."""
    from mdbook_support import make_book

    book = make_book(tmp_path / "book", files={"intro.md": "# Intro\n"}, summary="- [Intro](intro.md)\n")
    monkeypatch.chdir(book / "listings")
    assert main(["new", "first-steps"]) == 0
    assert (book / "listings" / "first-steps.md").is_file()


def test_new_in_a_course_of_its_own_inside_a_books_src_writes_a_lesson(tmp_path, monkeypatch):
    """A folder with its own course.toml is a native course wherever it is, as `lessons` reads it."""
    from mdbook_support import make_book

    book = make_book(tmp_path / "book", files={"intro.md": "# Intro\n"}, summary="- [Intro](intro.md)\n")
    (book / "src" / "course").mkdir()
    (book / "src" / "course" / "course.toml").write_text('title = "Inner"\n')
    monkeypatch.chdir(book / "src" / "course")
    assert main(["new", "first-steps"]) == 0
    assert (book / "src" / "course" / "first-steps.md").is_file()


def test_new_in_a_plain_folder_of_markdown_writes_a_lesson_and_the_notes_stay_readable(tmp_path, monkeypatch,
                                                                                         capsys):
    """It once made the folder a course of its own, in which the notes without front matter were
    errors, so new refused; a '+++' file among notes is now one more lesson of the folder."""
    (tmp_path / "notes.md").write_text("# Notes\n\nSome notes.\n")
    (tmp_path / "more.md").write_text("# More\n\n## A part\n\nText.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "first-steps"]) == 0
    assert (tmp_path / "first-steps.md").is_file()
    course = open_course(tmp_path)
    assert course.format == "folder" and [info.id for info in course.lessons] == ["first-steps", "more", "notes"]
    assert not [p for p in course.problems if p.is_error]


def test_new_in_an_empty_folder_or_a_course_of_lessons_still_writes_one(tmp_path, monkeypatch):
    """Only plain Markdown is refused: a folder with a README alone, or with '+++' lessons, is a course."""
    (tmp_path / "README.md").write_text("# Read me\n")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "first-steps"]) == 0
    assert main(["new", "second-steps"]) == 0
    assert (tmp_path / "second-steps.md").is_file()


def test_new_in_a_book_folder_with_a_space_gives_a_link_summary_md_can_read(tmp_path, monkeypatch, capsys):
    """CommonMark ends a bare link at a space: such a link goes in <...>."""
    from mdbook_support import make_book

    book = make_book(tmp_path / "book", files={"my part/x.md": "# X\n"}, summary="- [X](<my part/x.md>)\n")
    monkeypatch.chdir(book / "src" / "my part")
    assert main(["new", "first-steps"]) == 1
    err = capsys.readouterr().err
    assert "    - [First steps](<my part/first-steps.md>)\n" in err
    assert "then write " in err and "my part/first-steps.md as plain Markdown" in err


@pytest.mark.parametrize(
    "text, expected",
    [
        ('order = ["a", "b"]\n', 'order = ["a", "b", "new"]\n'),
        ('order = ["a",]\n', 'order = ["a", "new"]\n'),
        ('order = [\n  "a",\n  "b", # note\n]\n', 'order = [\n  "a",\n  "b", # note\n  "new",\n]\n'),
        ('order = [\n    "a"  # last\n]\n', 'order = [\n    "a",  # last\n    "new"\n]\n'),
        ('order = ["a",\n         "b"]\n', 'order = ["a",\n         "b",\n         "new"]\n'),
        ('order = [\r\n  "a",\r\n]\r\n', 'order = [\r\n  "a",\r\n  "new",\r\n]\r\n'),
        ("order = [\"a]\", 'b[']  # ]\n", "order = [\"a]\", 'b[', \"new\"]  # ]\n"),
        ('[table]\norder = ["a"]\n', None),
        ('order = ["""a"""]\n', None),
    ],
)
def test_appending_to_order_keeps_the_layout(text, expected):
    assert _append(text, "new") == expected


@pytest.mark.parametrize(
    "text, result",
    [
        (None, NO_ORDER),
        ('title = "t"\n', NO_ORDER),
        ("order = []\n", NO_ORDER),
        ('order = ["new"]\n', LISTED),
        ('order = ["a"]\n', ADDED),
        ('order = ["a"\n', BY_HAND),
        ('order = ["a"]\n[extra]\norder = 1\n', ADDED),
    ],
)
def test_add_to_order(tmp_path, text, result):
    manifest = tmp_path / "course.toml"
    if text is not None:
        manifest.write_text(text)
    assert add_to_order(manifest, "new") == result
    if result == ADDED:
        assert tomllib.loads(manifest.read_text())["order"] == ["a", "new"]
    elif text is not None:
        assert manifest.read_text() == text


# --- the format guide -------------------------------------------------------------

FENCE = re.compile(r'^(`{3,})(\w+) title="([^"]+)"\n(.*?)^\1$', re.DOTALL | re.MULTILINE)


def guide_files() -> dict[str, str]:
    return {match.group(3): match.group(4) for match in FENCE.finditer(GUIDE.read_text(encoding="utf-8"))}


@pytest.fixture
def example(tmp_path) -> Path:
    files = guide_files()
    for name in ("course.toml", "reward-hacking.md", "reward-hacking.quiz.toml"):
        (tmp_path / name).write_text(files[name], encoding="utf-8")
    return tmp_path


def test_the_guides_example_checks_clean(example):
    report = check_course(open_course(example), table_width=table_width)
    assert report.problems == [], [str(p) for p in report.problems]
    assert report.lessons == 1 and report.questions == 3
    assert check_lesson_file(example / "reward-hacking.md", table_width).problems == []


def test_the_guides_example_uses_every_key_and_kind(example):
    lesson = load_lesson(example / "reward-hacking.md")
    front = (example / "reward-hacking.md").read_text().split("+++")[1]
    assert set(tomllib.loads(front)) == KNOWN_KEYS
    assert {q.kind for q in lesson.quiz.questions} == set(CHOICE_KINDS)
    quiz = tomllib.loads((example / "reward-hacking.quiz.toml").read_text())
    assert set().union(*quiz["questions"]) == QUESTION_KEYS
    assert set(tomllib.loads((example / "course.toml").read_text())) == MANIFEST_KEYS
    assert lesson.sections and any(s.subsections for s in lesson.sections)
    assert any(type(b).__name__ == "Table" for s in lesson.sections for b in s.blocks)


def test_the_guides_check_output_is_what_check_prints(example, monkeypatch, capsys):
    lesson = example / "reward-hacking.md"
    lesson.write_text(lesson.read_text().replace("Goodhart's law\"]", "Goodhart's law\", \"gaming\"]"))
    quiz = example / "reward-hacking.quiz.toml"
    quiz.write_text(quiz.read_text().replace('answer = "A measurement that stands in for the goal"',
                                             'answer = "A measurement that stands for the goal"'))
    monkeypatch.chdir(example)
    for argv in (["check", "."], ["check"], ["check", str(example)]):  # the folder named, or not: as the guide shows it
        assert main(argv) == 1
        assert capsys.readouterr().out == guide_files()["check-output"]


def test_the_guide_names_every_key():
    text = GUIDE.read_text(encoding="utf-8")
    for key in KNOWN_KEYS | QUESTION_KEYS | MANIFEST_KEYS | set(NATIVE_KINDS) | {"alternatives"}:
        assert f"`{key}`" in text, key


def test_the_guides_warning_table_matches_real_messages(tmp_path):
    """Each warning the guide lists is one that `check` really gives."""
    text = GUIDE.read_text(encoding="utf-8")
    table = text.split("The warnings, and what to do about each:")[1].split("\n\n")[1]
    rows = [line.split("|")[1].strip() for line in table.splitlines()[2:]]
    course = tmp_path
    (course / "course.toml").write_text('title = "t"\norder = ["listed"]\n')
    (course / "listed.md").write_text('+++\nid = "listed"\ntitle = "t"\n+++\n\n## A\n\nText.\n')
    (course / "listed.quiz.toml").write_text("")
    (course / "x.md").write_text(
        '+++\nid = "x"\ntitle = "T\u200b"\nconcepts = ["gizmo"]\npath = ["Nowhere"]\ncolour = 1\n+++\n\n'
        "## Empty\n\n## Full\n\n<b>bold</b> ![pic](p.png)\n\n<script>x</script>\n\n<img src=\"q.png\">\n\n" + ">" * 25 + " deep\n\n"
        "| A |\n|---|\n| " + "y " * 50 + "|\n\n```\nnever closed\n\n## After\n")
    (course / "x.quiz.toml").write_text('[[questions]]\nid = "q"\nkind = "true_false"\nprompt = "?"\n'
                                        'answer = true\nexplanation = "."\n')
    # A lesson whose minutes are far off and whose quiz can be guessed: the answer first and
    # longest in every single question, right choices first, true/false all one way.
    (course / "z.md").write_text('+++\nid = "z"\ntitle = "Z"\nminutes = 60\n+++\n\n## A\n\n' + "word " * 1200 + "\n")
    single = ('[[questions]]\nid = "s{0}"\nkind = "single"\nprompt = "?"\nchoices = ["Right, at length", "No", "Nope"]\n'
              'answer = "Right, at length"\nexplanation = "."\nsection = "A"\n')
    multiple = ('[[questions]]\nid = "m{0}"\nkind = "multiple"\nprompt = "?"\nchoices = ["Yes", "No"]\n'
                'answer = ["Yes"]\nexplanation = "."\nsection = "A"\n')
    true_false = '[[questions]]\nid = "t{0}"\nkind = "true_false"\nprompt = "?"\nanswer = true\nexplanation = "."\nsection = "A"\n'
    (course / "z.quiz.toml").write_text("".join(kind.format(n) for kind in (single, multiple, true_false)
                                                for n in range(5)))
    messages = [p.message for p in check_course(open_course(course), table_width=table_width).problems if not p.is_error]
    for row in rows:
        pattern = re.escape(row).replace("…", ".*").replace("N", r"\d+")
        assert any(re.match(pattern, message) for message in messages), (row, messages)
