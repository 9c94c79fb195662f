"""Small mdBooks built in a test's folder, and a stand-in for the mdbook-quiz reader
(written on another branch): a quiz file here is lines of ``PROMPT = ANSWER``."""

from __future__ import annotations

from pathlib import Path

import pytest

SUMMARY = """# Summary

[Preface](preface.md)

# Part One

- [Basics](basics.md)
  - [Details](basics/details.md)
  - [Draft]()
- [Links](links.md)

---

# Part Two

- [Quizzes](quizzes.md)

[Afterword](afterword.md)
"""

FILES = {
    "preface.md": "# Preface\n\nWelcome.\n",
    "basics.md": "---\ntitle: Basics, in YAML\nminutes: 7\n---\n# Basics\n\nIntro text.\n\n## Second part\n\nMore.\n",
    "basics/details.md": "# Details\n\n```rust\n{{#rustdoc_include ../../listings/main.rs:here}}\n```\n",
    "links.md": ("# Links\n\nSee [the second part](basics.md#second-part) and [details](basics/details.md)"
                 " and [the page](basics/details.html#details).\n"),
    "quizzes.md": ("# Quizzes\n\n## First\n\nText one.\n\n{{#quiz ../quizzes/one.toml}}\n\n"
                   "## Second\n\nText two.\n\n{{#quiz ../quizzes/two.toml}}\n"),
    "afterword.md": "# Afterword\n\nBye.\n",
}

LISTING = """use std::io;
# fn hidden() {}
fn main() {
    // ANCHOR: here
    let x = 5;
    # let hidden = 1;
    println!("{x}");
    // ANCHOR_END: here
}
"""


def make_book(folder: Path, files: dict[str, str] | None = None, summary: str = SUMMARY,
              title: str = "My Little Book") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "book.toml").write_text(f'[book]\ntitle = "{title}"\nsrc = "src"\n', encoding="utf-8")
    src = folder / "src"
    src.mkdir(exist_ok=True)
    (src / "SUMMARY.md").write_text(summary, encoding="utf-8")
    for name, text in (FILES if files is None else files).items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "listings").mkdir(exist_ok=True)
    (folder / "listings" / "main.rs").write_text(LISTING, encoding="utf-8")
    (folder / "quizzes").mkdir(exist_ok=True)
    (folder / "quizzes" / "one.toml").write_text("2+2 = 4\n3+3 = 6\n", encoding="utf-8")
    (folder / "quizzes" / "two.toml").write_text("1+1 = 2\n", encoding="utf-8")
    return folder


def stand_in_read_quiz(path: Path, root: Path):
    from alignlearn.course.problems import Problem
    from alignlearn.course.quiz import Question, Quiz

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        return None, [Problem(str(path), 1, 1, "error", f"cannot read quiz: {error.strerror}")]
    questions = []
    for number, line in enumerate(text.splitlines(), 1):
        prompt, _, answer = line.partition(" = ")
        if not answer:
            return None, [Problem(str(path), number, 1, "error", "not PROMPT = ANSWER")]
        questions.append(Question(f"{path.stem}-{number}", "single", prompt, "because", answer,
                                  [answer, "other"], line=number))
    return Quiz(path, questions), []


@pytest.fixture
def quiz_reader(monkeypatch):
    """The stand-in reader in place of ``alignlearn.sources.mdbook_quiz.read_quiz``."""
    from alignlearn.sources import chapter_quiz

    monkeypatch.setattr(chapter_quiz, "_read_quiz", lambda: stand_in_read_quiz)


# An Aquascope question as the Rust Book writes it (ch04-01): hidden lines and a step mark.
AQUASCOPE_QUESTION = '''
[[questions]]
id = "aquascope"
type = "ShortAnswer"
prompt.prompt = """
Consider the snippet:

```aquascope,interpreter
#fn main() {
let a = Box::new(15);
let c = Box::new(15);`[]`
#}
```

How many copies of 15?
"""
answer.answer = "2"
'''
