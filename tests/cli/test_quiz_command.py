"""``alignlearn quiz LESSON [--json] [--answers]`` (SPEC section 5)."""

from __future__ import annotations

import json
from pathlib import Path

from alignlearn.cli import main
from alignlearn.commands.quiz import question_dict
from alignlearn.sources.mdbook_quiz import read_quiz
from pilot import SEED

KEYS = ["id", "kind", "prompt", "choices", "program", "section"]


def small_course(tmp_path: Path, quiz: str | None) -> Path:
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "course.toml").write_text('format_version = 1\nid = "c"\ntitle = "C"\norder = ["l"]\n')
    (folder / "l.md").write_text('+++\nid = "l"\ntitle = "L"\n+++\n\n## One\n\nText.\n')
    if quiz is not None:
        (folder / "l.quiz.toml").write_text(quiz)
    return folder


SHORT = '''[[questions]]
id = "q1"
kind = "short_answer"
prompt = "Which keyword makes a binding mutable?"
answer = "mut"
alternatives = ["let mut"]
explanation = "As in `let mut x`."
section = "One"

[[questions]]
id = "q2"
kind = "single"
prompt = "Pick"
choices = ["a", "b"]
answer = "b"
explanation = "b it is."
'''


def test_text_hides_the_answers_unless_asked(capsys):
    assert main(["quiz", SEED]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Quiz \u00b7 AI Alignment") and "15 questions" in out
    assert "1. A summarising model" in out and "   1) Training made" in out
    assert "Answer:" not in out
    assert main(["quiz", SEED, "--answers"]) == 0
    out = capsys.readouterr().out
    assert out.count("   Answer: ") == 15 and "Answer: False" in out


def test_json_without_and_with_answers(capsys):
    assert main(["quiz", SEED, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["lesson"] == SEED and len(data["questions"]) == 15
    first = data["questions"][0]
    assert list(first) == KEYS and first["kind"] == "single" and first["program"] is None
    assert len(first["choices"]) == 4
    true_false = next(q for q in data["questions"] if q["kind"] == "true_false")
    assert true_false["choices"] is None
    assert main(["quiz", SEED, "--json", "--answers"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(set(q) == set(KEYS) | {"answer", "explanation"} for q in data["questions"])
    assert isinstance(next(q for q in data["questions"] if q["kind"] == "true_false")["answer"], bool)


def test_a_short_answer_quiz_with_course_before_or_after(tmp_path, capsys):
    course = small_course(tmp_path, SHORT)
    assert main(["--course", str(course), "quiz", "l", "--json", "--answers"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["questions"][0] == {"id": "q1", "kind": "short_answer", "prompt": "Which keyword makes a binding mutable?",
                                    "choices": None, "program": None, "answer": "mut",
                                    "explanation": "As in `let mut x`.", "section": "One"}
    assert data["questions"][1]["section"] is None
    assert main(["quiz", "l", "--course", str(course), "--answers"]) == 0
    out = capsys.readouterr().out
    assert "(type the answer)" in out and "Answer: mut" in out and "Also right: let mut" in out
    assert main(["quiz", str(course / "l.md"), "--json"]) == 0  # a lesson file's path
    assert json.loads(capsys.readouterr().out)["lesson"] == "l"


def test_a_missing_lesson_is_exit_1_with_a_message(capsys):
    assert main(["quiz", "no-such-lesson"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("alignlearn: error: no lesson 'no-such-lesson'")


def test_no_quiz_bad_questions_and_an_unreadable_quiz(tmp_path, capsys):
    course = small_course(tmp_path, None)
    assert main(["quiz", "l", "--course", str(course)]) == 0
    assert "has no quiz" in capsys.readouterr().out
    assert main(["quiz", "l", "--course", str(course), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"lesson": "l", "questions": []}
    (course / "l.quiz.toml").write_text(SHORT.replace('kind = "single"', 'kind = "singel"'))
    assert main(["quiz", "l", "--course", str(course), "--json"]) == 0
    captured = capsys.readouterr()
    assert [q["id"] for q in json.loads(captured.out)["questions"]] == ["q1"]
    assert "l.quiz.toml:12:1: error: unknown kind 'singel'" in captured.err
    (course / "l.quiz.toml").write_text('[[questions]]\nid = "q1\n')
    assert main(["quiz", "l", "--course", str(course)]) == 1
    captured = capsys.readouterr()
    assert "l.quiz.toml:2:" in captured.err and "Traceback" not in captured.err + captured.out


def test_a_tracing_question_as_json(tmp_path):
    (tmp_path / "q.toml").write_text('''[[questions]]
id = "t"
type = "Tracing"
prompt.program = "fn main() {\\n  let x = 1;\\n  x += 1;\\n}"
answer.doesCompile = false
answer.lineNumber = 3
context = "Not mut."
''')
    quiz, _ = read_quiz(tmp_path / "q.toml", tmp_path)
    data = question_dict(quiz.questions[0], answers=True)
    assert data["kind"] == "tracing" and data["choices"] is None and data["program"].startswith("fn main()")
    assert data["answer"] == {"compiles": False, "stdout": None, "line": 3}
    assert "answer" not in question_dict(quiz.questions[0], answers=False)


def test_a_plain_markdown_file_by_path_runs_its_quiz_or_says_it_has_none(tmp_path, capsys):
    # The file has no front matter (a plain folder's lesson): quiz said "missing front matter".
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "ducks.md").write_text("# Ducks\n\n## One\n\nDucks quack.\n", encoding="utf-8")
    (notes / "geese.md").write_text("# Geese\n\nGeese honk.\n", encoding="utf-8")
    (notes / "ducks.quiz.toml").write_text(SHORT.replace('section = "One"', ""), encoding="utf-8")
    assert main(["quiz", str(notes / "ducks.md"), "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert [q["id"] for q in json.loads(captured.out)["questions"]] == ["q1", "q2"]
    assert main(["quiz", str(notes / "geese.md")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "The lesson 'geese' has no quiz.\n" and captured.err == ""


def test_an_mdbook_chapter_by_path_runs_its_mdbook_quiz(tmp_path, capsys):
    from mdbook_support import make_book

    book = make_book(tmp_path / "book", files={"ch1.md": "# One\n\nText.\n\n{{#quiz ../quizzes/ch1.toml}}\n"},
                     summary="# Summary\n\n- [One](ch1.md)\n")
    (book / "quizzes" / "ch1.toml").write_text('[[questions]]\ntype = "ShortAnswer"\nprompt.prompt = "Two plus two?"\n'
                                               'answer.answer = "4"\ncontext = "Arithmetic."\n', encoding="utf-8")
    assert main(["quiz", str(book / "src" / "ch1.md"), "--json", "--answers"]) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["lesson"] == "ch1" and captured.err == ""
    assert [(q["kind"], q["prompt"], q["answer"]) for q in document["questions"]] == \
        [("short_answer", "Two plus two?", "4")]


MARKDOWN_QUIZ = '''[[questions]]
type = "MultipleChoice"
prompt.prompt = "Which keyword makes `x` **mutable** in `let x = 5;`?"
prompt.distractors = ["`const`"]
answer.answer = "`mut`"
context = "Write `let mut x = 5;`: the **binding** is then mutable."
'''


def markdown_book(tmp_path: Path) -> Path:
    from mdbook_support import make_book

    book = make_book(tmp_path / "book", files={"ch1.md": "# One\n\nText.\n\n{{#quiz ../quizzes/ch1.toml}}\n"},
                     summary="# Summary\n\n- [One](ch1.md)\n")
    (book / "quizzes" / "ch1.toml").write_text(MARKDOWN_QUIZ, encoding="utf-8")
    return book


def test_an_mdbook_quiz_prints_its_markdown_as_plain_text_in_a_pipe(tmp_path, capsys):
    """An mdBook's prompts and explanations printed raw (backticks, **); `cat` prints a
    lesson's Markdown as plain text in a pipe, and `quiz` now does the same."""
    book = markdown_book(tmp_path)
    assert main(["quiz", "ch1", "--course", str(book), "--answers"]) == 0
    out = capsys.readouterr().out
    assert "1. Which keyword makes x mutable in let x = 5;?" in out
    assert "   Answer: mut\n" in out and "   Write let mut x = 5;: the binding is then mutable.\n" in out
    assert "`" not in out and "**" not in out
    assert all(line == line.rstrip() for line in out.splitlines())  # no padding at the ends of lines


def test_an_mdbook_quiz_on_a_terminal_is_rendered_with_styles(tmp_path, capsys, monkeypatch):
    import io
    import sys

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["quiz", "ch1", "--course", str(markdown_book(tmp_path)), "--answers"]) == 0
    out = terminal.getvalue()
    assert "\x1b[1m" in out  # bold: the prompt, and **mutable**
    assert "`" not in out and "**" not in out
    assert "mutable" in out and "binding" in out


def test_width_is_the_width_the_quiz_is_wrapped_at(capsys):
    assert main(["quiz", SEED, "--width", "40"]) == 0
    assert max(len(line) for line in capsys.readouterr().out.splitlines()) <= 40
    assert main(["quiz", SEED]) == 0  # in a pipe, as cat: 80 columns
    assert 40 < max(len(line) for line in capsys.readouterr().out.splitlines()) <= 80
