"""mdbook-quiz files read into our quiz model (SPEC section 1b): every type, multipart,
answerIndex, sortAnswers, alternatives, an unknown type, bad TOML, a path leaving the
book, and the Rust Book's own 93 quiz files when they are on this machine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignlearn.course.quiz import Tracing
from alignlearn.sources.mdbook_quiz import TRACING_PROMPT, read_quiz
from mdbook_support import AQUASCOPE_QUESTION

RUST_BOOK = Path(os.environ.get("ALIGNLEARN_RUST_BOOK", "/work/books/rust-book"))

QUIZ = '''
[multipart]
design = """
**Context:** a shared design.

```rust
fn shared() {}
```
"""

[[questions]]
id = "b230bed3-d6ba-4048-8b06-aa655d837b04"
type = "MultipleChoice"
prompt.prompt = "What is 1 + 1?"
prompt.distractors = ["1", "3", "**infinity**"]
answer.answer = "2"
context = "Consult your local mathematician."

[[questions]]
id = "multi"
type = "MultipleChoice"
multipart = "design"
prompt.prompt = "Which are even?"
prompt.distractors = ["1", "3"]
answer.answer = ["2", "4"]
prompt.sortAnswers = true

[[questions]]
id = "placed"
type = "MultipleChoice"
prompt.prompt = "Pick b"
prompt.distractors = ["a", "c", "d"]
answer.answer = "b"
prompt.answerIndex = 1

[[questions]]
id = "short"
type = "ShortAnswer"
prompt.prompt = "What keyword makes a variable mutable?"
answer.answer = "mut"
answer.alternatives = ["let mut"]
context = "For example `let mut x = 1`."

[[questions]]
id = "trace-ok"
type = "Tracing"
prompt.program = """
fn main() {
  println!("{}", 1 + 1);
}
"""
answer.doesCompile = true
answer.stdout = "2"

[[questions]]
id = "trace-err"
type = "Tracing"
prompt.program = """
fn main() {
  let x = 1;
  x += 1;
}
"""
answer.doesCompile = false
answer.lineNumber = 3
context = "x is not mut."
'''


def write(tmp_path: Path, text: str, name: str = "quiz.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_type_is_read(tmp_path):
    quiz, problems = read_quiz(write(tmp_path, QUIZ), tmp_path)
    assert problems == []
    by_id = {q.id: q for q in quiz.questions}
    assert list(by_id) == ["b230bed3-d6ba-4048-8b06-aa655d837b04", "multi", "placed", "short", "trace-ok", "trace-err"]
    single = by_id["b230bed3-d6ba-4048-8b06-aa655d837b04"]
    assert single.kind == "single" and single.answer == "2"
    assert sorted(single.choices) == ["**infinity**", "1", "2", "3"]
    assert single.explanation == "Consult your local mathematician." and not single.keep_order
    multi = by_id["multi"]
    assert multi.kind == "multiple" and multi.answer == ["2", "4"]
    assert multi.choices == ["1", "2", "3", "4"] and multi.keep_order  # sortAnswers
    assert multi.lead.startswith("**Context:** a shared design.") and "fn shared" in multi.lead
    placed = by_id["placed"]
    assert placed.choices == ["a", "b", "c", "d"] and placed.keep_order  # answerIndex
    short = by_id["short"]
    assert (short.kind, short.answer, short.alternatives) == ("short_answer", "mut", ["let mut"])
    ok, err = by_id["trace-ok"], by_id["trace-err"]
    assert ok.kind == "tracing" and ok.answer == Tracing(True, "2", None) and ok.prompt == TRACING_PROMPT
    assert ok.program.startswith("fn main() {") and ok.program.endswith("}")
    assert err.answer == Tracing(False, None, 3) and err.explanation == "x is not mut."
    starts = [n for n, line in enumerate(QUIZ.split("\n"), 1) if line == "[[questions]]"]
    assert [q.line for q in quiz.questions] == starts  # each question's [[questions]] line


def test_answers_are_not_first_in_the_choices(tmp_path):
    """Without answerIndex or sortAnswers the file lists the answer first: the choices
    are mixed (the same way each time) so that `alignlearn quiz` gives nothing away."""
    text = "\n".join(f'''[[questions]]
id = "q{n}"
type = "MultipleChoice"
prompt.prompt = "Question {n}"
prompt.distractors = ["d{n}a", "d{n}b", "d{n}c"]
answer.answer = "right{n}"
''' for n in range(12))
    first, _ = read_quiz(write(tmp_path, text), tmp_path)
    again, _ = read_quiz(write(tmp_path, text), tmp_path)
    places = [q.choices.index(q.answer) for q in first.questions]
    assert len(set(places)) > 1
    assert [q.choices for q in first.questions] == [q.choices for q in again.questions]


def test_an_unknown_type_is_an_error_at_its_line_and_the_rest_load(tmp_path):
    text = QUIZ.replace('type = "ShortAnswer"', 'type = "ShortAnswr"')
    quiz, problems = read_quiz(write(tmp_path, text), tmp_path)
    assert [q.id for q in quiz.questions] == ["b230bed3-d6ba-4048-8b06-aa655d837b04", "multi", "placed",
                                              "trace-ok", "trace-err"]
    assert len(problems) == 1 and problems[0].is_error
    line = text.split("\n").index('type = "ShortAnswr"') + 1
    assert (problems[0].line, problems[0].col) == (line, 1)
    assert "unknown type 'ShortAnswr'" in problems[0].message and "ShortAnswer" in problems[0].hint


def test_bad_toml_is_reported_at_its_line(tmp_path):
    text = '[[questions]]\nid = "a"\ntype = "ShortAnswer"\nprompt.prompt = "unclosed\n'
    quiz, problems = read_quiz(write(tmp_path, text), tmp_path)
    assert quiz is None
    assert [(p.line, p.severity) for p in problems] == [(4, "error")]
    assert str(problems[0]).startswith(f"{tmp_path / 'quiz.toml'}:4:")


def test_bad_questions_are_left_out_with_a_problem_each(tmp_path):
    text = '''[[questions]]
type = "MultipleChoice"
prompt.prompt = "No answer"
prompt.distractors = ["a"]

[[questions]]
type = "Tracing"
prompt.program = "fn main() {}"
answer.doesCompile = "yes"

[[questions]]
type = "ShortAnswer"
prompt = "flat"
answer.answer = "x"

[[questions]]
type = "ShortAnswer"
multipart = "nowhere"
prompt.prompt = "Which part?"
answer.answer = "x"

[[questions]]
type = "ShortAnswer"
prompt.prompt = "Fine, and no id"
answer.answer = "x"
'''
    quiz, problems = read_quiz(write(tmp_path, text), tmp_path)
    assert [q.prompt for q in quiz.questions] == ["Fine, and no id"]
    assert [p.line for p in problems if p.is_error] == [1, 9, 13, 18]
    assert quiz.questions[0].id.startswith("q-")  # made from its content: the same next time
    assert read_quiz(write(tmp_path, text), tmp_path)[0].questions[0].id == quiz.questions[0].id


def test_a_path_that_leaves_the_book_is_refused(tmp_path):
    book = tmp_path / "book"
    (book / "quizzes").mkdir(parents=True)
    outside = write(tmp_path, QUIZ, "secret.toml")
    quiz, problems = read_quiz(book / "quizzes" / ".." / ".." / "secret.toml", book)
    assert quiz is None and problems[0].is_error and "outside the book" in problems[0].message
    link = book / "quizzes" / "link.toml"
    link.symlink_to(outside)
    quiz, problems = read_quiz(link, book)
    assert quiz is None and "outside the book" in problems[0].message
    inside = write(book / "quizzes", QUIZ)
    assert read_quiz(book / "quizzes" / ".." / "quizzes" / inside.name, book)[1] == []


def test_a_missing_or_huge_file_is_a_problem(tmp_path):
    quiz, problems = read_quiz(tmp_path / "nope.toml", tmp_path)
    assert quiz is None and "not found" in problems[0].message
    big = write(tmp_path, "# " + "x" * (1024 * 1024 + 10))
    quiz, problems = read_quiz(big, tmp_path)
    assert quiz is None and "too large" in problems[0].message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from([
        "[[questions]]\n", 'type = "MultipleChoice"\n', 'type = "Tracing"\n', 'type = "ShortAnswer"\n',
        'type = 3\n', 'prompt.prompt = "p"\n', "prompt = 1\n", 'prompt.distractors = ["a", "b"]\n',
        "prompt.distractors = [1]\n", 'answer.answer = "a"\n', 'answer.answer = ["a", "b"]\n', "answer = []\n",
        "prompt.answerIndex = 7\n", "prompt.answerIndex = -1\n", "prompt.sortAnswers = true\n",
        "answer.doesCompile = true\n", 'answer.stdout = "1"\n', "answer.lineNumber = 0\n",
        'multipart = "m"\n', "[multipart]\n", 'm = "shared"\n', "multipart = 3\n", 'id = "\\u0000"\n',
        'answer.alternatives = ["x", 2]\n', 'prompt.program = "fn main() {}"\n', "[questions]\n",
    ]), max_size=30).map("".join),
))
def test_read_quiz_never_raises(tmp_path, text):
    quiz, problems = read_quiz(write(tmp_path, text), tmp_path)
    assert quiz is not None or any(p.is_error for p in problems)
    if quiz is not None:
        assert len({q.id for q in quiz.questions}) == len(quiz.questions)


@pytest.mark.skipif(not (RUST_BOOK / "quizzes").is_dir(), reason="the Rust Book's quizzes are not here")
def test_every_rust_book_quiz_loads_with_no_error():
    files = sorted((RUST_BOOK / "quizzes").glob("*.toml"))
    kinds: dict[str, int] = {}
    for file in files:
        quiz, problems = read_quiz(file, RUST_BOOK)
        assert quiz is not None and not [str(p) for p in problems if p.is_error], file
        for question in quiz.questions:
            kinds[question.kind] = kinds.get(question.kind, 0) + 1
    assert len(files) == 93
    assert kinds == {"single": 102, "multiple": 39, "short_answer": 17, "tracing": 64}
    assert sum(kinds.values()) == 222


# As the Rust Book's quizzes write them (ch04-01, ch04-03, ch11-01): an Aquascope
# diagram's hidden lines and step mark, an `ide` block with highlight marks, a Rust
# block with hidden lines, and an attribute that must stay.
MARKED = AQUASCOPE_QUESTION + '''context = """
```rust,ignore
# fn hidden() {}
#[derive(Debug)]
struct S;
```
"""

[[questions]]
id = "ide"
type = "MultipleChoice"
prompt.prompt = """
```ide
fn award_phd(name: &String) {
    let mut name = *name;
}
```
Which fix is best?
"""
answer.answer = """
```ide
fn award_phd(name: &String) -> String {
    let mut name = `[name.clone()]`;
    if `[v[i]]` == 0 {}
}
```
"""
prompt.distractors = ["""
```ide
fn award_phd(`[mut name: String]`) -> String {
#   let hidden = 1;
}
```
"""]

[[questions]]
id = "trace"
type = "Tracing"
prompt.program = """
#[derive(Debug)]
struct S;
fn main() { let s = `[S]`; }
"""
answer.doesCompile = true
answer.stdout = ""
'''


def test_code_blocks_show_as_mdbook_quiz_shows_them(tmp_path):
    quiz, problems = read_quiz(write(tmp_path, MARKED), tmp_path)
    assert problems == []
    by_id = {q.id: q for q in quiz.questions}
    aquascope = by_id["aquascope"]
    assert aquascope.prompt.split("\n")[2:6] == ["```rust", "let a = Box::new(15);", "let c = Box::new(15);", "```"]
    assert aquascope.explanation.strip() == "```rust,ignore\n#[derive(Debug)]\nstruct S;\n```"
    ide = by_id["ide"]
    assert ide.prompt.startswith("```rust\nfn award_phd(name: &String) {\n")
    assert "    let mut name = name.clone();\n    if v[i] == 0 {}" in ide.answer
    wrong = next(choice for choice in ide.choices if choice != ide.answer)
    assert "fn award_phd(mut name: String) -> String {" in wrong and "hidden" not in wrong
    for text in [ide.prompt, ide.answer, *ide.choices, aquascope.prompt, aquascope.explanation]:
        assert "`[" not in text and "]`" not in text and "```ide" not in text and "aquascope" not in text
    # A program to trace keeps every line (the learner may name one): only the marks go.
    assert by_id["trace"].program == "#[derive(Debug)]\nstruct S;\nfn main() { let s = S; }"


@pytest.mark.skipif(not (RUST_BOOK / "quizzes").is_dir(), reason="the Rust Book's quizzes are not here")
def test_no_rust_book_quiz_shows_mdbook_quiz_syntax():
    for file in sorted((RUST_BOOK / "quizzes").glob("*.toml")):
        quiz, _ = read_quiz(file, RUST_BOOK)
        for question in quiz.questions:
            texts = [question.lead, question.prompt, question.explanation, question.program,
                     *question.choices]
            for text in texts:
                assert "```ide" not in text and "```aquascope" not in text, (file, text)
                code = _code_lines(text) if text is not question.program else text.split("\n")
                assert not [line for line in code if "`[" in line or line.startswith("#fn main")], (file, text)


def _code_lines(text: str) -> list[str]:
    """The lines inside fenced code blocks (inline code may well hold ``[``)."""
    lines, inside = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            inside = not inside
        elif inside:
            lines.append(line)
    return lines


def test_an_answer_index_past_the_choices_is_a_warning_and_the_answer_goes_last(tmp_path):
    text = """
[[questions]]
type = "MultipleChoice"
prompt.prompt = "Pick b"
prompt.distractors = ["a", "c"]
answer.answer = "b"
prompt.answerIndex = 7
"""
    quiz, problems = read_quiz(write(tmp_path, text), tmp_path)
    assert quiz is not None and quiz.questions[0].choices == ["a", "c", "b"]  # as mdbook-quiz places it
    warned = [p for p in problems if not p.is_error]
    assert len(warned) == 1 and "answerIndex' is 7" in warned[0].message and "0 to 2" in warned[0].hint
    assert warned[0].line == 7
