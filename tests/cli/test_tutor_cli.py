"""``alignlearn ask LESSON QUESTION`` through ``alignlearn.cli.main``."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from alignlearn.cli import main

COURSE = Path(__file__).resolve().parents[2] / "lessons"
SEED = COURSE / "alignment-technical-problem.md"


def ask(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["ask", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_is_the_answer_then_its_sections(capsys):
    code, out, err = ask(capsys, "alignment-technical-problem", "What is RL from AI feedback?")
    assert code == 0 and err == ""
    answer, _, sources = out.partition("\nSources:\n")
    assert "RLAIF" in answer
    assert "  Section 3: How alignment is done in practice (line " in sources


def test_json_output_follows_the_spec(capsys):
    code, out, _ = ask(capsys, "alignment-technical-problem", "How does debate work?", "--json")
    assert code == 0
    document = json.loads(out)
    assert set(document) == {"question", "covered", "answer", "sources", "mode", "suggested"}
    assert document["mode"] == "extractive"  # no model configured
    assert document["suggested"] is None  # an answer points nowhere else
    assert document["question"] == "How does debate work?"
    assert document["covered"] is True
    assert document["sources"] and all(set(s) == {"lesson", "section", "title", "text"} for s in document["sources"])
    assert {"lesson": "alignment-technical-problem", "section": 6, "title": "Comparing approaches"}.items() <= \
        document["sources"][0].items()


def test_a_question_the_lesson_does_not_cover(capsys):
    code, out, _ = ask(capsys, "alignment-technical-problem", "What is a sparse autoencoder?", "--json")
    document = json.loads(out)
    assert code == 0
    assert document["covered"] is False and document["sources"] == []
    assert "Interpretability: Looking Inside the Model" in document["answer"]  # its sections teach it
    assert document["suggested"] == {"lesson": "interpretability", "section": None}
    document = json.loads(ask(capsys, "alignment-technical-problem", "Who founded Apollo Research?", "--json")[1])
    # where the text points, for a script to open (a new-user walkthrough found only the words)
    assert document["suggested"] == {"lesson": "alignment-technical-problem", "section": 7}
    assert "Section 7" in document["answer"]
    assert json.loads(ask(capsys, "alignment-technical-problem", "How do I bake sourdough bread?", "--json")[1])[
        "suggested"] is None
    code, out, _ = ask(capsys, "alignment-technical-problem", "How do I bake sourdough bread?")
    assert code == 0 and "does not" in out and "Sources:" not in out


def test_a_lesson_file_path_works_like_its_id(capsys):
    by_id = ask(capsys, "alignment-technical-problem", "What is sycophancy?", "--json")[1]
    by_path = ask(capsys, str(SEED), "What is sycophancy?", "--json")[1]
    assert json.loads(by_id) == json.loads(by_path)


def test_course_option_picks_the_course(capsys, tmp_path):
    (tmp_path / "one.md").write_text('+++\nid = "one"\ntitle = "One"\n+++\n## Ducks\n\nDucks quack loudly at dawn.\n',
                                     encoding="utf-8")
    code, out, _ = ask(capsys, "--course", str(tmp_path), "one", "Why do ducks quack?")
    assert code == 0 and "Ducks quack loudly" in out and "Section 1: Ducks" in out


def test_an_unknown_lesson_is_bad_input(capsys):
    code, out, err = ask(capsys, "no-such-lesson", "What is RLHF?")
    assert code == 1 and out == ""
    assert "no lesson 'no-such-lesson'" in err


def test_a_broken_lesson_file_is_reported_at_its_line(capsys, tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_text(textwrap.dedent('''\
        +++
        id = "broken"
        title = [1, 2]
        +++
        ## A section
        '''), encoding="utf-8")
    code, out, err = ask(capsys, str(broken), "What is RLHF?")
    assert code == 1 and out == ""
    assert f"{broken}:3:1: error:" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("question", ["", "   ", "\x1b[2J", "   ?", "?!"])
def test_an_empty_question_is_bad_input_with_a_message(capsys, question):
    code, out, err = ask(capsys, "alignment-technical-problem", question)
    assert code == 1 and out == ""
    assert "the question is empty" in err


@pytest.mark.parametrize("question", ["why does it happen?", "an example?", "tell me more", "what is it?", "why?"])
def test_a_follow_up_asked_alone_says_to_ask_it_whole(capsys, question):
    """`ask` keeps no conversation: "an example?" quoted sentences that say "examples", and "why
    does it happen?" said "I could not find a question in that" (second walkthrough)."""
    code, out, err = ask(capsys, "alignment-technical-problem", question)
    assert code == 0 and err == ""
    assert "leans on one before it" in out and "for example: What is alignment?" in out
    code, out, err = ask(capsys, "alignment-technical-problem", "why does reward hacking happen?")
    assert code == 0 and "leans on" not in out


@pytest.mark.parametrize("question", [
    "[@click=app.quit] What is RLHF?",
    "What is \x1b[31mRLHF\x1b[0m?\x07",
    "x" * 10_000,
    "RLHF",
])
def test_odd_questions_get_plain_text_and_no_traceback(capsys, question):
    code, out, err = ask(capsys, "alignment-technical-problem", question)
    assert code == 0 and err == ""
    assert "\x1b" not in out and "\x07" not in out
    code, out, _ = ask(capsys, "alignment-technical-problem", question, "--json")
    assert json.loads(out)["question"] == " ".join(question.replace("\x1b[31m", " ").replace("\x1b[0m", " ")
                                                    .replace("\x07", " ").split())


def test_markup_in_a_question_is_echoed_as_text(capsys):
    _, out, _ = ask(capsys, "alignment-technical-problem", "[@click=app.quit] What is RLHF?", "--json")
    assert json.loads(out)["question"] == "[@click=app.quit] What is RLHF?"


def test_ask_has_help(capsys):
    assert main(["ask", "--help"]) == 0
    assert "--json" in capsys.readouterr().out


def notes_folder(folder: Path) -> Path:
    """A plain folder of Markdown: no course.toml, no front matter in its files."""
    folder.mkdir(parents=True)
    (folder / "ducks.md").write_text("# Ducks\n\nAbout ducks.\n\n## Quacking\n\n"
                                     "Ducks quack loudly at dawn to claim their pond.\n", encoding="utf-8")
    (folder / "geese.md").write_text("# Geese\n\n## Honking\n\nGeese honk when they fly south.\n", encoding="utf-8")
    return folder


def test_a_plain_markdown_file_is_asked_as_its_folder_reads_it(capsys, tmp_path):
    # cat and the reader took it; ask said "missing front matter", as if it were a native lesson.
    ducks = notes_folder(tmp_path / "notes") / "ducks.md"
    code, out, err = ask(capsys, str(ducks), "Why do ducks quack?", "--json")
    assert code == 0 and "front matter" not in err
    document = json.loads(out)
    assert document["covered"] is True and "quack loudly at dawn" in document["answer"]
    sources = {(s["lesson"], s["section"], s["title"]) for s in document["sources"]}
    assert sources == {("ducks", 2, "Quacking")}  # a folder's "# Ducks" is section 1
    code, out, err = ask(capsys, str(ducks), "Why do ducks quack?")
    assert code == 0 and err == "" and "Section 2: Quacking" in out


def test_an_mdbook_chapter_is_asked_by_its_path(capsys, tmp_path):
    from mdbook_support import make_book

    book = make_book(tmp_path / "book", files={"ownership.md": "# Ownership\n\n## Moves\n\n"
                                                              "A move hands the value to its new owner.\n"},
                     summary="# Summary\n\n- [Ownership](ownership.md)\n")
    (book / "src" / "orphan.md").write_text("# Not in SUMMARY.md\n", encoding="utf-8")
    code, out, err = ask(capsys, str(book / "src" / "ownership.md"), "What does a move do?", "--json")
    assert code == 0 and err == ""
    document = json.loads(out)
    assert "new owner" in document["answer"] and document["sources"][0]["lesson"] == "ownership"
    code, out, err = ask(capsys, str(book / "src" / "orphan.md"), "What is this?")
    assert code == 1 and out == ""
    assert "orphan.md:1:1: error: not a lesson of this course" in err and "Traceback" not in err
