"""`check` for authors: each new warning at its file, line and column, and a hint on every problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from alignlearn.cli import main
from alignlearn.course import open_course
from alignlearn.render.measure import table_width
from alignlearn.authoring.check import check_course, check_lesson_file
from alignlearn.authoring.lint import mentions

LESSON = """\
+++
id = "one"
title = "A lesson"
path = ["First part", "Second part"]
concepts = ["widget", "reward model"]
+++

Intro about a widget.

## First part

Some text about reward models.

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


def write_lesson(folder: Path, lesson: str = LESSON, quiz: str | None = QUIZ) -> Path:
    path = folder / "one.md"
    path.write_text(lesson, encoding="utf-8")
    if quiz is not None:
        (folder / "one.quiz.toml").write_text(quiz, encoding="utf-8")
    return path


def found(path: Path) -> list[tuple[str, int, int, str, str, str]]:
    return [(Path(p.file).name, p.line, p.col, p.severity, p.message, p.hint)
            for p in check_lesson_file(path, table_width).problems]


def test_the_base_lesson_is_clean(tmp_path):
    assert found(write_lesson(tmp_path)) == []


# Each case: a change to the lesson (or quiz), and the one warning it must cause:
# (file, line, col, message, a piece of the hint).
CASES = {
    "empty section": (
        ("More text.\n", ""), None,
        ("one.md", 18, 1, "section 'Second part' has no text", "under its heading")),
    "section with only a subheading": (
        ("More text.\n", "### Later\n"), None,
        ("one.md", 18, 1, "section 'Second part' has no text", "delete the heading")),
    "question without a section": (
        None, ('section = "First part"\n', ""),
        ("one.quiz.toml", 1, 1, "question 'q1' names no section", 'add section = "')),
    "concept never mentioned": (
        ('"reward model"]', '"reward model", "gizmo"]'), None,
        ("one.md", 5, 1, "concept 'gizmo' is never mentioned in the lesson's body", "remove it from concepts")),
    "concept in a multi-line list: the key's line": (
        ('concepts = ["widget", "reward model"]', 'concepts = [\n    "widget",\n    "sprocket",\n]'), None,
        ("one.md", 5, 1, "concept 'sprocket' is never mentioned in the lesson's body", "use the term")),
    "path entry never mentioned": (
        ('"Second part"]', '"Second part", "Secnd prt"]'), None,
        ("one.md", 4, 1, "path entry 'Secnd prt' is never mentioned in the lesson's body",
         "did you mean the section 'Second part'?")),
    "wide table": (
        ("| 1 | 2 |", "| 1 | " + "wide " * 20 + "|"), None,
        ("one.md", 14, 1, "table is 107 columns wide when drawn, more than 80", "shorten the cells")),
    "image": (
        ("More text.", "More text ![a chart](chart.png) here."), None,
        ("one.md", 20, 11, "image 'a chart' cannot be shown in a terminal", "[image: a chart]")),
    "image in a table cell": (
        ("| 1 | 2 |", "| 1 | ![dot](d.png) |"), None,
        ("one.md", 16, 7, "image 'dot' cannot be shown in a terminal", "describe what it shows")),
    "HTML block": (
        ("More text.\n", "More text.\n\n<div class=\"note\">\nHi\n</div>\n"), None,
        ("one.md", 22, 1, "raw HTML '<div class=\"note\">' is dropped: the learner sees only the text, not what the tag does", "use Markdown")),
    "inline HTML": (
        ("More text.", "More <b>text</b>."), None,
        ("one.md", 20, 6, "raw HTML '<b>' is dropped: the learner sees only the text, not what the tag does", "**bold**")),
    "a closing tag on its own": (
        ("More text.", "More text.</span>"), None,
        ("one.md", 20, 11, "raw HTML '</span>' is dropped: the learner sees only the text, not what the tag does", "use Markdown")),
    "HTML image": (
        ("More text.", "More text. <img src=\"c.png\" alt=\"a chart\">"), None,
        ("one.md", 20, 12, "image 'a chart' cannot be shown in a terminal", "[image: a chart]")),
    "HTML image without alt text": (
        ("More text.\n", "More text.\n\n<img src=\"c.png\">\n"), None,
        ("one.md", 22, 1, "an image with no alt text cannot be shown in a terminal", "add alt=")),
    "script in a paragraph: its text is shown": (
        ("More text.", "More <script>text</script>."), None,
        ("one.md", 20, 6, "raw HTML '<script>' is dropped: the learner sees only the text, not what the tag does",
         "use Markdown")),
    "script": (
        ("More text.\n", "More text.\n\n<script>alert(1)</script>\n"), None,
        ("one.md", 22, 1, "raw HTML '<script>alert(1)</script>' is left out, with everything inside it",
         "code block")),
    "HTML in a block quote": (
        ("More text.", "> quoted <i>x</i>"), None,
        ("one.md", 20, 10, "raw HTML '<i>' is dropped: the learner sees only the text, not what the tag does", "use Markdown")),
    "control character in the body": (
        ("More text.", "More\x1btext."), None,
        ("one.md", 20, 5, "invisible or control character U+001B shown as a placeholder", "ESCAPE")),
    "tab before a control character": (
        ("More text.", "\tMore\x07"), None,
        ("one.md", 20, 6, "invisible or control character U+0007 shown as a placeholder", "BELL")),
    "zero-width space in the front matter": (
        ('title = "A lesson"', 'title = "A\u200b lesson"'), None,
        ("one.md", 3, 11, "invisible or control character U+200B shown as a placeholder", "ZERO WIDTH SPACE")),
    "bidi override in a TOML comment": (
        ('"Second part"]', '"Second part"]  # \u202e note'), None,
        ("one.md", 4, 41, "invisible or control character U+202E shown as a placeholder", "RIGHT-TO-LEFT OVERRIDE")),
    "escaped zero-width space in the front matter: the escape's column": (
        ('title = "A lesson"', 'title = "A\\u200b lesson"'), None,
        ("one.md", 3, 11, "invisible or control character U+200B shown as a placeholder", "ZERO WIDTH SPACE")),
    "escaped escape in a quiz choice": (
        None, ('choices = ["Alpha", "Beta"]', 'choices = ["Alpha", "Be\\u001Bta"]'),
        ("one.quiz.toml", 5, 24, "invisible or control character U+001B shown as a placeholder", "ESCAPE")),
    "control character in the quiz": (
        None, ('prompt = "Pick one"', 'prompt = "Pick\x07 one"'),
        ("one.quiz.toml", 4, 15, "invisible or control character U+0007 shown as a placeholder", "BELL")),
}


@pytest.mark.parametrize("lesson_change, quiz_change, expected", CASES.values(), ids=CASES.keys())
def test_each_warning_at_its_place(tmp_path, lesson_change, quiz_change, expected):
    lesson = LESSON.replace(*lesson_change) if lesson_change else LESSON
    quiz = QUIZ.replace(*quiz_change) if quiz_change else QUIZ
    assert lesson != LESSON or quiz != QUIZ, "the change did not apply"
    problems = found(write_lesson(tmp_path, lesson, quiz))
    file, line, col, message, hint = expected
    assert [p[:5] for p in problems] == [(file, line, col, "warning", message)], problems
    assert hint in problems[0][5]


def test_each_escaped_control_character_at_its_own_escape(tmp_path):
    lesson = LESSON.replace("+++\n\n", '[terms]\nwidget = "a\\bb \\u0007"\n"reward model" = "\\f"\n+++\n\n', 1)
    problems = [(p[1], p[2], p[4]) for p in found(write_lesson(tmp_path, lesson))]
    assert problems == [
        (7, 12, "invisible or control character U+0008 shown as a placeholder"),
        (7, 16, "invisible or control character U+0007 shown as a placeholder"),
        (8, 19, "invisible or control character U+000C shown as a placeholder"),
    ]


def test_control_characters_in_a_crlf_file_with_a_bom(tmp_path):
    path = tmp_path / "one.md"
    text = LESSON.replace('title = "A lesson"', 'title = "A\u200b lesson"').replace("More text.", "More\x1btext.")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    places = [(p[1], p[2], p[4]) for p in found(path)]
    assert places == [(3, 11, "invisible or control character U+200B shown as a placeholder"),
                      (20, 5, "invisible or control character U+001B shown as a placeholder")]


@pytest.mark.parametrize(
    "change",
    [
        ("More text.", "More `<b>code</b>` and `![x](y)` text."),  # code spans are code, not HTML
        ("More text.", "More text.\n\n```\n<div>\n![x](y)\n```"),  # and so are code blocks
        ("More text.", "See <https://example.org> for more."),  # an autolink is a link
        ("More text.", "If 3 < 4 and 5 > 2, fine."),  # comparisons are not tags
        # HTML the reader turns into what it means: a comment is dropped, <br> breaks the
        # line, <details> is a notes block titled by its <summary>, <pre> a code block.
        ("More text.", "More text. <!-- TODO -->"),
        ("More text.\n", "More text.\n\n<!-- a note to myself -->\n"),
        ("More text.", "More<br>text."),
        ("More text.\n", "More text.\n\n<details>\n<summary>Why?</summary>\n\nBecause.\n\n</details>\n"),
        ("More text.\n", "More text.\n\n<pre>\nfn main() {}\n</pre>\n"),
        ('"widget"', '"Widgets"'),  # plural and case
        ('"reward model"', '"reward-model"'),  # hyphen for a space
        ("Some text about reward models.", "Some text about reward\nmodels."),  # a line break
        ('"Second part"]', '"second PART"]'),  # a path entry naming a section, in another case
    ],
)
def test_no_false_warnings(tmp_path, change):
    lesson = LESSON.replace(*change)
    assert lesson != LESSON
    assert found(write_lesson(tmp_path, lesson)) == []


@pytest.mark.parametrize("text, term, expected", [
    ("the widget spins", "widget", True),
    ("the widgets spin", "Widget", True),
    ("a red-teaming exercise", "red teaming", True),
    ("goodhart\u2019s law", "Goodhart's law", True),
    ("the widgetry", "widget", False),
    ("said the model", "AI", False),
    ("c++ code", "C++", True),
])
def test_mentions(text, term, expected):
    assert mentions(text.casefold(), term) is expected


@pytest.mark.parametrize("cell, warned", [(72, False), (73, True)])
def test_table_width_boundary_is_80_columns(tmp_path, cell, warned):
    lesson = LESSON.replace("| 1 | 2 |", f"| {'x' * cell} | 2 |")
    problems = found(write_lesson(tmp_path, lesson))
    assert [p[4] for p in problems] == (["table is 81 columns wide when drawn, more than 80"] if warned else [])


def test_a_question_without_a_section_gets_the_best_guess(tmp_path):
    lesson = LESSON.replace("More text.", "More text about gears and levers.")
    quiz = QUIZ.replace('section = "First part"\n', "").replace("Pick one", "Which gears turn the levers?")
    problems = found(write_lesson(tmp_path, lesson, quiz))
    assert [p[4] for p in problems] == ["question 'q1' names no section"]
    assert 'section = "Second part"' in problems[0][5]


# --- a hint on every problem --------------------------------------------------

BROKEN_LESSONS = [
    "no front matter\n",
    '+++\nid = "x"\ntitle = "t"\n',
    '+++\nid = "x"\ntitle = "t\n+++\n',
    '+++\nid = "x"\ntitle = = 3\n+++\n',
    '+++\nid = "x"\ntitle = "t"\ntitle = "u"\n+++\n',
    '+++\nid = "x"\ntitle = "t"\npath = ["a", "b"\n+++\n',
    '+++\nid = "x"\ntitle = "t"\nsubtitle = x\n+++\n',
    '+++\ntitle = "t"\n+++\n',
    '+++\nid = "x"\n+++\n',
    '+++\nid = "x"\ntitle = 3\n+++\n',
    '+++\nid = "x"\ntitle = ""\n+++\n',
    '+++\nid = "Bad Id"\ntitle = "t"\n+++\n',
    '+++\nid = "x"\ntitle = "t"\nminutes = "ten"\n+++\n',
    '+++\nid = "x"\ntitle = "t"\npath = [1]\n+++\n',
    '+++\nid = "x"\ntitle = "t"\nconcepts = "a"\n+++\n',
    '+++\nid = "x"\ntitle = "t"\nrelated = "y"\n+++\n',
    '+++\nid = "x"\ntitle = "t"\nterms = "y"\n+++\n',
    '+++\nid = "x"\ntitle = "t"\n[terms]\nA = 1\n+++\n',
    '+++\nid = "x"\ntitle = "t"\nconcept = ["a"]\n+++\n\na\n',
    '+++\nid = "x"\ntitle = "t"\n+++\n\n## A\n\n<p>hi</p> \x00\n',
]


@pytest.mark.parametrize("text", BROKEN_LESSONS)
def test_every_lesson_problem_has_a_hint(tmp_path, text):
    path = tmp_path / "x.md"
    path.write_text(text, encoding="utf-8")
    # A native course: alone in a plain folder, a file without front matter is a lesson (SPEC 1a).
    (tmp_path / "course.toml").write_text('format_version = 1\nid = "c"\ntitle = "C"\n', encoding="utf-8")
    problems = check_lesson_file(path, table_width).problems
    assert problems
    assert all(p.hint for p in problems), [str(p) for p in problems if not p.hint]


BROKEN_QUIZZES = [
    ('kind = "single"', 'kind = "singel"'),
    ('answer = "Alpha"', 'answer = ["Alpha"]'),
    ('answer = "Alpha"', 'answer = "Gamma"'),
    ('kind = "single"', 'kind = "multiple"'),
    ('kind = "single"', 'kind = "true_false"'),
    ('choices = ["Alpha", "Beta"]', 'choices = ["Alpha"]'),
    ('choices = ["Alpha", "Beta"]', 'choices = ["Alpha", "Alpha"]'),
    ('choices = ["Alpha", "Beta"]', "choices = [" + ", ".join(f'"{n}"' for n in range(10)) + "]"),
    ('id = "q1"', 'id = "q 1"'),
    ('id = "q1"\n', ""),
    ('kind = "single"\n', ""),
    ('explanation = "Because."\n', ""),
    ('prompt = "Pick one"', "prompt = 3"),
    ('section = "First part"', 'section = "Frist part"'),
    ('section = "First part"', 'sections = "First part"'),
    ("[[questions]]", "title = 1\n[[questions]]"),
    ("[[questions]]", "questions = 1\n[questions]"),
    ('prompt = "Pick one"', 'prompt = "Pick one'),
]


@pytest.mark.parametrize("change", BROKEN_QUIZZES)
def test_every_quiz_problem_has_a_hint(tmp_path, change):
    quiz = QUIZ.replace(*change)
    assert quiz != QUIZ
    problems = check_lesson_file(write_lesson(tmp_path, quiz=quiz), table_width).problems
    assert problems
    assert all(p.hint for p in problems), [str(p) for p in problems if not p.hint]


def test_true_false_with_choices_and_duplicates_have_hints(tmp_path):
    quiz = QUIZ.replace('kind = "single"', 'kind = "true_false"').replace('answer = "Alpha"', "answer = true")
    problems = check_lesson_file(write_lesson(tmp_path, quiz=quiz + "\n" + quiz), table_width).problems
    messages = {p.message: p.hint for p in problems}
    assert "1 for true or 2 for false" in messages["a true/false question has no choices; they are ignored"]
    assert "never reuse" in messages["duplicate question id 'q1'"]


@pytest.mark.parametrize(
    "change, message, hint",
    [
        (('kind = "single"', 'kind = "multple"'), "unknown kind 'multple'", "did you mean 'multiple'?"),
        (('section = "First part"', 'sectoin = "First part"'), "unknown key 'sectoin' in question 1",
         "did you mean 'section'?"),
        (('section = "First part"', 'section = "Frist part"'), "section 'Frist part' names no section of the lesson",
         "did you mean 'First part'?"),
        # nothing close: the lesson's headings to choose from (a new-user walkthrough had to go and look)
        (('section = "First part"', 'section = "Zebra crossings"'), "section 'Zebra crossings' names no section of the "
         "lesson", "use the text of one of the lesson's '## ' headings; the lesson's are: 'First part', 'Second part'"),
        (('answer = "Alpha"', "answer = 1"), "'answer' of a single-choice question must be the text of one choice",
         'for choice 1, answer = "Alpha"'),
        # No guess at the right choice: an author who pasted one shipped a wrong answer key.
        (('answer = "Alpha"', ""), "question 1 has no 'answer'", 'answer = "..."'),
        (('answer = "Alpha"', 'answer = ["Alpha"]'), "'answer' of a single-choice question must be the text of one choice",
         'copied from choices, in quotes: answer = "..."'),
        (('choices = ["Alpha", "Beta"]', 'choices = ["Alpha", "Alpha"]'), "two choices have the same text",
         "'Alpha' is there twice"),
    ],
)
def test_quiz_hints_say_what_was_meant(tmp_path, change, message, hint):
    problems = check_lesson_file(write_lesson(tmp_path, quiz=QUIZ.replace(*change))).problems
    hints = {p.message: p.hint for p in problems}
    assert hint in hints[message], hints


@pytest.mark.parametrize(
    "text, message, hint",
    [
        ('+++\nid = "x"\ntitle = "t"\nconcept = ["a"]\n+++\n\na\n', "unknown key 'concept' in front matter",
         "did you mean 'concepts'?"),
        ('+++\nid = "x"\ntitle = "t\n+++\n', "invalid TOML: Illegal character", 'a string is not closed'),
        ('+++\nid = "x"\ntitle = t\n+++\n', "invalid TOML: Invalid value", "put text in double quotes"),
        ('+++\nid = "x"\ntitle = "t"\ntitle = "u"\n+++\n', "invalid TOML: Cannot overwrite", "given twice"),
        ('+++\nid = "x"\ntitle = "t"\nminutes = 2.5\n+++\n', "'minutes' must be a whole number", "minutes = 20"),
    ],
)
def test_lesson_hints_say_what_was_meant(tmp_path, text, message, hint):
    path = tmp_path / "x.md"
    path.write_text(text, encoding="utf-8")
    problems = check_lesson_file(path, table_width).problems
    assert any(message in p.message and hint in p.hint for p in problems), [(p.message, p.hint) for p in problems]


def make_course(folder: Path, order: str) -> None:
    (folder / "course.toml").write_text(f'format_version = 1\nid = "demo"\ntitle = "Demo"\norder = {order}\n')
    write_lesson(folder)
    (folder / "two.md").write_text(LESSON.replace('id = "one"', 'id = "two"'))


@pytest.mark.parametrize(
    "order, line, message, hint",
    [
        ('["one", "tow", "two"]', 4, "'order' names unknown lesson 'tow'", "did you mean 'two'?"),
        ('["one", "ghost", "two"]', 4, "'order' names unknown lesson 'ghost'", 'id = "ghost"'),
        ('["two"]', 4, "lesson 'one' is not listed in 'order'; it comes after the listed ones", 'add "one" to order'),
        ('"one"', 4, "'order' must be a list of lesson ids", 'order = ["first-lesson"'),
    ],
)
def test_course_problems_have_hints(tmp_path, order, line, message, hint):
    make_course(tmp_path, order)
    problems = check_course(open_course(tmp_path), table_width=table_width).problems
    match = [p for p in problems if p.message == message]
    assert match and match[0].line == line and match[0].file.endswith("course.toml"), [str(p) for p in problems]
    assert hint in match[0].hint


def test_related_unknown_lesson_hint(tmp_path):
    make_course(tmp_path, '["one", "two"]')
    write_lesson(tmp_path, LESSON.replace("+++\n\n", 'related = ["tow"]\n+++\n\n', 1))
    errors = [p for p in check_course(open_course(tmp_path), table_width=table_width).problems if p.is_error]
    assert [(p.line, p.message) for p in errors] == [(6, "'related' names unknown lesson 'tow'")]
    assert "did you mean 'two'?" in errors[0].hint


def test_json_output_carries_hints_and_counts(tmp_path, capsys):
    path = write_lesson(tmp_path, LESSON.replace("More text.", "More <b>text</b>."),
                        QUIZ.replace('answer = "Alpha"', 'answer = "Alpah"'))
    assert main(["check", str(path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    # the question with the error counts among the questions written (its error says which)
    assert (data["lessons"], data["questions"], data["errors"], data["warnings"]) == (1, 1, 1, 1)
    assert all(problem["hint"] for problem in data["problems"])
    assert {p["severity"] for p in data["problems"]} == {"error", "warning"}


def test_text_output_prints_hints_and_the_summary(tmp_path, capsys):
    path = write_lesson(tmp_path, LESSON.replace('"reward model"]', '"reward model", "gizmo"]'))
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{path}:5:1: warning: concept 'gizmo' is never mentioned in the lesson's body",
        "  hint: use the term in the text where the lesson teaches it, or remove it from concepts",
        "1 lesson, 1 question: 0 errors, 1 warning",
    ]


# --- any body: check never fails, and every problem points into the file ----------

BODY_PIECES = st.sampled_from([
    "a", " ", "\n", "\n\n", "#", "## ", "### ", "<b>", "</b>", "<div>", "<!-- x -->", "<br>", "![", "](p.png)",
    "[", "]", "(", ")", "|", "---", "| A | B |\n|---|---|\n", "`", "```\n", "> ", "- ", "1. ", "*", "\x1b",
    "\u200b", "\t", "\\", "widget", "é",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(BODY_PIECES, max_size=60))
def test_any_body_checks_without_failing_and_points_into_the_file(tmp_path, pieces):
    text = '+++\nid = "one"\ntitle = "A lesson"\nconcepts = ["widget"]\n+++\n' + "".join(pieces)
    path = tmp_path / "one.md"
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    for problem in check_lesson_file(path, table_width).problems:
        assert problem.hint, str(problem)
        assert 1 <= problem.line <= len(lines), str(problem)
        assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, str(problem)


@pytest.mark.parametrize("target", [".", "my-lesson.md"])
def test_a_lesson_that_cannot_be_read_still_has_its_quiz_checked(tmp_path, monkeypatch, capsys, target):
    """Broken front matter and a broken quiz: both reported in one run, by `check .` and
    by `check FILE` alike, so the author is not sent back a second time."""
    (tmp_path / "my-lesson.md").write_text('+++\ntitle = "Broken\nminutes = 5\n+++\n\n## One\n\nText.\n')
    (tmp_path / "my-lesson.quiz.toml").write_text('[[question]]\nprompt = "x"\nchoices = ["a"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", target]) == 1
    out = capsys.readouterr().out
    assert "my-lesson.md:2:" in out, out
    assert "my-lesson.quiz.toml:3:1: error: invalid TOML" in out, out
    assert "2 errors" in out, out


def test_a_duplicate_id_is_reported_beside_the_other_mistakes_of_its_question(tmp_path):
    """A question left out for a wrong answer still holds its id: the second use is reported in
    the same run, not only once the first mistake is fixed (a walkthrough found it hidden)."""
    wrong = QUIZ.replace('answer = "Alpha"', 'answer = "Omega"')
    problems = check_lesson_file(write_lesson(tmp_path, quiz=wrong + "\n" + QUIZ), table_width).problems
    messages = [p.message for p in problems if p.is_error]
    assert any("not one of the choices" in m for m in messages), messages
    assert "duplicate question id 'q1'" in messages
