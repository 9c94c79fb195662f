"""The loader: every error an author can make, reported at the right file and line."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from alignlearn.course import LessonError, load_lesson, open_course
from alignlearn.render.measure import table_width
from alignlearn.authoring.check import check_course, check_lesson_file

GOOD = """\
+++
id = "{id}"
title = "A lesson"
minutes = 5
path = ["First part"]
concepts = ["widget"]
related = []
+++

Intro text about a widget.

## First part

Some text.

### A subsection

| A | B |
|---|---|
| 1 | 2 |

## Second part

More text.
"""

QUIZ = """\
[[questions]]
id = "q1"
kind = "single"
prompt = "Pick one"
choices = ["Alpha", "Beta"]
answer = "Alpha"
explanation = "Because."
section = "First part"
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def lesson_text(lesson_id: str = "one", **replace: str) -> str:
    text = GOOD.format(id=lesson_id)
    for old, new in replace.items():
        text = text.replace(old.replace("_", " "), new)
    return text


def problems_of(path: Path) -> list[tuple[int, str, str]]:
    report = check_lesson_file(path, table_width)
    return [(p.line, p.severity, p.message) for p in report.problems]


def test_good_lesson_loads_with_sections_and_table(tmp_path):
    lesson = load_lesson(write(tmp_path, "one.md", lesson_text()))
    assert lesson.id == "one" and lesson.title == "A lesson" and lesson.minutes == 5
    assert [s.title for s in lesson.sections] == ["First part", "Second part"]
    assert [s.number for s in lesson.sections] == [1, 2]
    assert lesson.sections[0].line == 12  # the file's line, not the body's
    assert [sub.title for sub in lesson.sections[0].subsections] == ["A subsection"]
    table = [b for b in lesson.sections[0].blocks if type(b).__name__ == "Table"][0]
    assert table.header_text() == ["A", "B"] and table.rows_text() == [["1", "2"]]
    assert lesson.intro[0].plain() == "Intro text about a widget."
    assert lesson.problems == []


def test_crlf_and_bom_are_accepted(tmp_path):
    path = tmp_path / "one.md"
    path.write_bytes(b"\xef\xbb\xbf" + lesson_text().replace("\n", "\r\n").encode())
    lesson = load_lesson(path)
    assert lesson.title == "A lesson" and len(lesson.sections) == 2
    assert lesson.sections[1].line == 22


def test_level_one_heading_is_not_a_section(tmp_path):
    text = lesson_text().replace("Intro text about a widget.", "# Big title\n\nIntro text about a widget.")
    lesson = load_lesson(write(tmp_path, "one.md", text))
    assert [s.title for s in lesson.sections] == ["First part", "Second part"]


def test_raw_html_is_made_text_never_interpreted(tmp_path):
    # Issue 17: tags are dropped to their text (never shown raw, never run); scripts dropped whole.
    text = lesson_text().replace("More text.", "<script>alert(1)</script> and <b>bold</b>")
    lesson = load_lesson(write(tmp_path, "one.md", text))
    assert "alert" not in lesson.sections[1].plain() and "<" not in lesson.sections[1].plain()
    assert "bold" in lesson.sections[1].plain()


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("no front matter\n", 1, "missing front matter"),
        # It said "missing front matter", of front matter that is there, in the other format.
        ("---\ntitle: t\n---\n\n## A\n\nText.\n", 1, "front matter in YAML ('---'): a lesson of a course of '+++' "
                                                    "lessons has TOML front matter"),
        ("+++\nid = \"x\"\ntitle = \"t\"\n", 1, "unterminated front matter"),
        ("+++\nid = \"x\"\ntitle = \"t\n+++\n", 3, "invalid TOML"),
        ("+++\nid = \"x\"\n\n\ntitle = = 3\n+++\n", 5, "invalid TOML"),
        ("+++\ntitle = \"t\"\n+++\n", 1, "missing required key 'id'"),
        ("+++\nid = \"x\"\n+++\n", 1, "missing required key 'title'"),
        ("+++\nid = \"x\"\ntitle = 3\n+++\n", 3, "'title' must be a string"),
        ("+++\nid = \"Bad Id\"\ntitle = \"t\"\n+++\n", 2, "bad id 'Bad Id'"),
        ("+++\nid = \"x\"\ntitle = \"t\"\nminutes = \"ten\"\n+++\n", 4, "'minutes' must be a whole number"),
        ("+++\nid = \"x\"\ntitle = \"t\"\npath = [1, 2]\n+++\n", 4, "'path' must be a list of strings"),
        ("+++\nid = \"x\"\ntitle = \"t\"\nrelated = \"y\"\n+++\n", 4, "'related' must be a list of strings"),
        ("+++\nid = \"x\"\ntitle = \"t\"\n[terms]\nA = 1\n+++\n", 5, "the definition of term 'A' must be a string"),
    ],
)
def test_front_matter_errors(tmp_path, text, line, message):
    path = write(tmp_path, "x.md", text)
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    found = [(p.line, p.message) for p in caught.value.problems if p.is_error]
    assert any(l == line and message in m for l, m in found), found
    assert all(p.file == str(path) for p in caught.value.problems)
    assert all(str(p).startswith(f"{path}:{p.line}:{p.col}: error: ") for p in caught.value.problems if p.is_error)


def test_unknown_front_matter_key_is_a_warning(tmp_path):
    path = write(tmp_path, "one.md", lesson_text().replace('minutes = 5', 'minutes = 5\ncolour = "red"'))
    assert (5, "warning", "unknown key 'colour' in front matter") in problems_of(path)
    assert load_lesson(path).title == "A lesson"


def test_not_utf8(tmp_path):
    path = tmp_path / "one.md"
    path.write_bytes(lesson_text().encode() + b"\n\xff\xfe bad\n")
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    problem = caught.value.problems[0]
    assert "not UTF-8" in problem.message and problem.line == lesson_text().count("\n") + 2


def test_file_over_size_cap(tmp_path):
    path = tmp_path / "one.md"
    path.write_text(lesson_text() + "x" * (1024 * 1024 + 10))
    with pytest.raises(LessonError) as caught:
        load_lesson(path)
    assert "too large" in caught.value.problems[0].message


def test_directory_is_not_a_regular_file(tmp_path):
    (tmp_path / "one.md").mkdir()
    with pytest.raises(LessonError) as caught:
        load_lesson(tmp_path / "one.md")
    assert "not a regular file" in caught.value.problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_hanging(tmp_path):
    os.mkfifo(tmp_path / "one.md")
    with pytest.raises(LessonError) as caught:
        load_lesson(tmp_path / "one.md")
    assert "not a regular file" in caught.value.problems[0].message


def test_missing_file(tmp_path):
    with pytest.raises(LessonError) as caught:
        load_lesson(tmp_path / "nope.md")
    assert "not found" in caught.value.problems[0].message


# --- quizzes ------------------------------------------------------------------


def quiz_problems(tmp_path, quiz: str) -> list[tuple[int, str, str]]:
    write(tmp_path, "one.md", lesson_text())
    write(tmp_path, "one.quiz.toml", quiz)
    return problems_of(tmp_path / "one.md")


def test_good_quiz_loads(tmp_path):
    write(tmp_path, "one.md", lesson_text())
    write(tmp_path, "one.quiz.toml", QUIZ)
    lesson = load_lesson(tmp_path / "one.md")
    assert [q.id for q in lesson.quiz.questions] == ["q1"]
    assert lesson.quiz.questions[0].is_correct("Alpha") and not lesson.quiz.questions[0].is_correct("Beta")
    assert problems_of(tmp_path / "one.md") == []


@pytest.mark.parametrize(
    "change, line, message",
    [
        (('answer = "Alpha"', 'answer = "Alpah"'), 6, "answer 'Alpah' is not one of the choices"),
        (('section = "First part"', 'section = "Third part"'), 8, "section 'Third part' names no section"),
        (('kind = "single"', 'kind = "essay"'), 3, "unknown kind 'essay'"),
        (('explanation = "Because."\n', ''), 1, "question 1 has no 'explanation'"),
        (('choices = ["Alpha", "Beta"]', 'choices = "Alpha"'), 5, "'choices' must be a list"),
        (('prompt = "Pick one"', 'prompt = 7'), 4, "'prompt' must be a string"),
    ],
)
def test_quiz_errors(tmp_path, change, line, message):
    found = quiz_problems(tmp_path, QUIZ.replace(*change))
    assert any(l == line and s == "error" and message in m for l, s, m in found), found


def test_answer_hint_suggests_the_closest_choice(tmp_path):
    write(tmp_path, "one.md", lesson_text())
    write(tmp_path, "one.quiz.toml", QUIZ.replace('answer = "Alpha"', 'answer = "Alpah"'))
    report = check_lesson_file(tmp_path / "one.md", table_width)
    assert "did you mean 'Alpha'?" in report.problems[0].hint


def test_duplicate_question_ids(tmp_path):
    found = quiz_problems(tmp_path, QUIZ + "\n" + QUIZ)
    assert (11, "error", "duplicate question id 'q1'") in found


@pytest.mark.parametrize("quiz", ["", "# questions to come\n", "questions = []\n"])
def test_a_quiz_file_with_no_questions_is_warned_about(tmp_path, quiz):
    """SPEC asks no question of a quiz, so it is a warning, not an error: check passed it in silence."""
    assert quiz_problems(tmp_path, quiz) == [(1, "warning", "the quiz file has no questions")]


def test_multiple_and_true_false(tmp_path):
    quiz = """\
    [[questions]]
    id = "m"
    kind = "multiple"
    prompt = "Pick two"
    choices = ["a", "b", "c"]
    answer = ["a", "z"]
    explanation = "."

    [[questions]]
    id = "t"
    kind = "true_false"
    prompt = "Yes?"
    answer = "yes"
    explanation = "."
    """
    found = quiz_problems(tmp_path, quiz)
    assert (6, "error", "answer 'z' is not one of the choices") in found
    assert any(l == 13 and "true or false" in m for l, s, m in found)


def test_bad_question_is_left_out_and_good_ones_kept(tmp_path):
    bad = QUIZ.replace('id = "q1"', 'id = "q2"').replace('answer = "Alpha"', 'answer = "Nope"')
    write(tmp_path, "one.md", lesson_text())
    write(tmp_path, "one.quiz.toml", QUIZ + "\n" + bad)
    lesson = load_lesson(tmp_path / "one.md")
    assert [q.id for q in lesson.quiz.questions] == ["q1"]


def test_invalid_quiz_toml_reports_the_quiz_line(tmp_path):
    found = quiz_problems(tmp_path, QUIZ.replace('prompt = "Pick one"', 'prompt = "Pick one'))
    assert any(l == 4 and "invalid TOML" in m for l, s, m in found), found


# --- courses ------------------------------------------------------------------


def make_course(tmp_path, order=("one", "two"), lessons=("one", "two")) -> Path:
    order_list = ", ".join(f'"{i}"' for i in order)
    write(tmp_path, "course.toml", f'format_version = 1\nid = "demo"\ntitle = "Demo"\norder = [{order_list}]\n')
    for lesson_id in lessons:
        write(tmp_path, f"{lesson_id}.md", lesson_text(lesson_id))
    return tmp_path


def test_course_order_and_position(tmp_path):
    course = open_course(make_course(tmp_path, order=("two", "one")))
    assert [i.id for i in course.lessons] == ["two", "one"]
    assert course.position("one") == 2 and len(course) == 2
    assert course.neighbour("two", 1).id == "one" and course.neighbour("one", 1) is None


def test_order_naming_unknown_lesson(tmp_path):
    course = open_course(make_course(tmp_path, order=("one", "two", "ghost")))
    found = [(p.file, p.line, p.message) for p in course.problems]
    assert (str(tmp_path / "course.toml"), 4, "'order' names unknown lesson 'ghost'") in found


def test_unlisted_lesson_comes_last_with_a_warning(tmp_path):
    make_course(tmp_path, order=("two",))
    course = open_course(tmp_path)
    assert [i.id for i in course.lessons] == ["two", "one"]
    assert any(p.severity == "warning" and "'one' is not listed" in p.message for p in course.problems)


def test_folder_without_manifest_is_a_course(tmp_path):
    folder = tmp_path / "My Course"
    folder.mkdir()
    write(folder, "b.md", lesson_text("b"))
    write(folder, "a.md", lesson_text("a"))
    course = open_course(folder)
    assert course.id == "my-course" and course.title == "My Course"
    assert [i.id for i in course.lessons] == ["a", "b"]


def test_duplicate_lesson_ids(tmp_path):
    make_course(tmp_path, order=("one",), lessons=("one",))
    write(tmp_path, "copy.md", lesson_text("one"))
    course = open_course(tmp_path)
    assert any(p.line == 2 and "duplicate lesson id 'one'" in p.message for p in course.problems)
    assert len(course) == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_a_lesson_left_out_for_a_duplicate_id_still_has_its_quiz_checked(tmp_path, workers):
    """The author learns of the copy's quiz mistakes with the duplicate id, not after
    fixing it; they are the copy's, and the copy is not counted as a lesson."""
    make_course(tmp_path, order=("one",), lessons=("one",))
    write(tmp_path, "one.quiz.toml", QUIZ)
    write(tmp_path, "other.md", lesson_text("one"))  # after one.md: the one left out
    write(tmp_path, "other.quiz.toml", QUIZ.replace('answer = "Alpha"', 'answer = "Omega"'))
    course = open_course(tmp_path)
    report = check_course(course, table_width=table_width, workers=workers)
    found = [(Path(p.file).name, p.line, p.message) for p in report.problems if p.is_error]
    assert found == [("other.md", 2, "duplicate lesson id 'one' (also in one.md)"),
                     ("other.quiz.toml", 6, "answer 'Omega' is not one of the choices")]
    assert (report.lessons, report.questions) == (1, 1)


def test_related_naming_unknown_lesson(tmp_path):
    make_course(tmp_path)
    write(tmp_path, "one.md", lesson_text("one").replace("related = []", 'related = ["two", "ghost"]'))
    report = check_course(open_course(tmp_path), table_width=table_width)
    assert [(p.line, p.message) for p in report.problems if p.is_error] == [
        (7, "'related' names unknown lesson 'ghost'")
    ]


def test_one_bad_lesson_does_not_stop_the_others(tmp_path):
    make_course(tmp_path, order=("one", "two", "bad"))
    write(tmp_path, "bad.md", "+++\nid = \"bad\"\ntitle = \n+++\n")
    course = open_course(tmp_path)
    assert [i.id for i in course.lessons] == ["one", "two"]
    report = check_course(course, table_width=table_width)
    assert report.errors >= 1 and report.lessons == 3  # the bad one was checked too
    assert any(p.file.endswith("bad.md") and p.line == 3 for p in report.problems)


def test_bad_manifest_still_opens_the_lessons(tmp_path):
    make_course(tmp_path)
    write(tmp_path, "course.toml", "id = \n")
    course = open_course(tmp_path)
    assert len(course) == 2
    assert course.problems[0].file.endswith("course.toml") and course.problems[0].line == 1


def test_bundled_course_checks_clean():
    from alignlearn import paths

    course = open_course(paths.bundled_course())
    report = check_course(course, table_width=table_width)
    assert course.id == "ai-alignment"
    assert report.problems == [], [str(p) for p in report.problems]
    assert report.lessons == 8
    seed = course.lesson("alignment-technical-problem")
    assert len(seed.quiz.questions) == 15
    assert {q.kind for q in seed.quiz.questions} == {"single", "multiple", "true_false"}
    for info in course.lessons:
        lesson = course.lesson(info.id)
        assert lesson.quiz is not None and len(lesson.quiz.questions) >= 10
        assert any(type(b).__name__ == "Table" for s in lesson.sections for b in s.blocks)


def test_answer_matching_a_choice_with_an_invisible_character_still_matches(tmp_path):
    quiz = QUIZ.replace('choices = ["Alpha", "Beta"]', 'choices = ["Al\\u200bpha", "Beta"]').replace(
        'answer = "Alpha"', 'answer = "Al\\u200bpha"')
    write(tmp_path, "one.md", lesson_text())
    write(tmp_path, "one.quiz.toml", quiz)
    lesson = load_lesson(tmp_path / "one.md")
    question = lesson.quiz.questions[0]
    assert question.choices[0] == "Al\ufffdpha" and question.is_correct(question.choices[0])
    assert not any(p.is_error for p in lesson.problems)
