"""An mdBook opened as a course: ids, parts, nesting, drafts, directives, quiz places,
YAML front matter and bad input reported as FILE:LINE:COL (issue 17 items 1-3, 5)."""

from __future__ import annotations

import os
from pathlib import Path

from rich.console import Console

from alignlearn.course import open_course
from alignlearn.cache import parsed_lessons as lesson_cache
from alignlearn.course.body import Code, Truncated
from alignlearn.authoring.check import check_course
from alignlearn.render import parts
from alignlearn.sources.marks import QuizMark
from mdbook_support import make_book, quiz_reader  # noqa: F401 - a fixture


def rendered(lesson, course, width=80, keys=True) -> str:
    console = Console(width=width, color_system=None, force_terminal=False, record=True)
    with console.capture() as capture:
        for _, item in parts(lesson, course, width, keys=keys):
            console.print(item)
    return capture.get()


def every_block(lesson):
    for block in lesson.intro + [b for s in lesson.sections for b in s.blocks]:
        yield block


def test_chapters_ids_parts_and_nesting(tmp_path):
    course = open_course(make_book(tmp_path / "book"))
    assert course.source.format == "mdbook"
    assert course.id == "my-little-book" and course.title == "My Little Book"
    assert [i.id for i in course.lessons] == ["preface", "basics", "basics/details", "links", "quizzes", "afterword"]
    details = course.info("basics/details")
    assert (details.part, details.depth, details.path) == ("Part One", 1, ["Part One", "Basics", "Details"])
    assert course.info("afterword").part == "" and course.info("quizzes").part == "Part Two"
    basics = course.info("basics")
    assert (basics.title, basics.minutes) == ("Basics, in YAML", 7)  # YAML front matter
    assert not [p for p in course.problems if p.is_error]


def test_headings_one_and_two_start_sections(tmp_path):
    course = open_course(make_book(tmp_path / "book"))
    lesson = course.lesson("basics")
    assert [(s.number, s.title, s.line) for s in lesson.sections] == [(1, "Basics", 5), (2, "Second part", 9)]


def test_rustdoc_include_with_anchor_hides_hash_lines_and_anchor_comments(tmp_path):
    course = open_course(make_book(tmp_path / "book"))
    lesson = course.lesson("basics/details")
    code = [b for b in every_block(lesson) if isinstance(b, Code)][0]
    assert code.text.strip("\n") == '    let x = 5;\n    println!("{x}");'
    assert code.line == 3  # the directive's chapter line


def include_book(tmp_path, chapter: str, extra: dict[str, str] | None = None) -> Path:
    files = {"c.md": chapter, **(extra or {})}
    return make_book(tmp_path / "book", files, summary="- [C](c.md)\n")


def test_include_whole_file_line_ranges_and_playground(tmp_path):
    (tmp_path / "book" / "src").mkdir(parents=True)
    chapter = ("# C\n\n```\n{{#include part.txt}}\n```\n\n```\n{{#include part.txt:2}}\n```\n\n"
               "```\n{{#include part.txt:2:3}}\n```\n\n```\n{{#include part.txt::2}}\n```\n\n"
               "```\n{{#include part.txt:3:}}\n```\n\n{{#playground ../listings/main.rs editable}}\n\n{{#title Shown Title}}\n")
    root = include_book(tmp_path, chapter, {"part.txt": "one\ntwo\nthree\nfour\n"})
    course = open_course(root)
    lesson = course.lesson("c")
    codes = [b for b in every_block(lesson) if isinstance(b, Code)]
    assert [c.text.strip("\n") for c in codes[:5]] == ["one\ntwo\nthree\nfour", "two", "two\nthree", "one\ntwo",
                                                       "three\nfour"]
    assert codes[5].language.startswith("rust") and "fn hidden" not in codes[5].text and "let x = 5;" in codes[5].text
    assert "ANCHOR" not in codes[5].text
    assert "{{#" not in rendered(lesson, course)
    assert not lesson.problems


def test_unknown_directive_is_a_dim_note_never_raw(tmp_path):
    root = include_book(tmp_path, "# C\n\n{{#aquascope foo bar}}\n\nText {{#mystery x}} inline.\n")
    course = open_course(root)
    lesson = course.lesson("c")
    notes = [b for b in every_block(lesson) if isinstance(b, Truncated)]
    assert notes and notes[0].line == 3 and "aquascope" in notes[0].reason
    text = rendered(lesson, course)
    assert "{{#" not in text and "mystery" in text
    assert [(p.line, p.severity) for p in lesson.problems] == [(3, "warning"), (5, "warning")]


def test_includes_that_leave_the_book_are_errors_at_their_line(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET\n", encoding="utf-8")
    chapter = ("# C\n\nfine\n\n{{#include ../../secret.txt}}\n\n```\n{{#include link.txt}}\n```\n\n"
               "{{#include missing.rs}}\n\n{{#include ../listings/main.rs:nowhere}}\n")
    root = include_book(tmp_path, chapter)
    os.symlink(secret, root / "src" / "link.txt")
    course = open_course(root)
    lesson = course.lesson("c")
    errors = [(Path(p.file).name, p.line, p.col) for p in lesson.problems if p.is_error]
    assert errors == [("c.md", 5, 1), ("c.md", 8, 1), ("c.md", 11, 1), ("c.md", 13, 1)]
    text = rendered(lesson, course)
    assert "TOP SECRET" not in text and "{{#" not in text
    assert "outside the book" in text and "fine" in text  # a visible note where it was; the rest shown
    report = check_course(course)
    assert {(Path(p.file).name, p.line) for p in report.problems if p.is_error} >= {("c.md", 5), ("c.md", 11)}


def test_include_size_cap(tmp_path):
    root = include_book(tmp_path, "# C\n\n{{#include big.txt}}\n", {"big.txt": "x" * (1024 * 1024 + 10)})
    lesson = open_course(root).lesson("c")
    assert any("too large" in p.message and p.line == 3 for p in lesson.problems)


def test_quizzes_placed_where_their_directives_are(tmp_path, quiz_reader):
    course = open_course(make_book(tmp_path / "book"))
    lesson = course.lesson("quizzes")
    assert [q.section for q in lesson.quiz.questions] == ["First", "First", "Second"]
    marks = [(s.title, b.questions) for s in lesson.sections for b in s.blocks if isinstance(b, QuizMark)]
    assert marks == [("First", 2), ("Second", 1)]
    text = rendered(lesson, course)
    assert "Quiz" in text and "2 questions" in text and "1 question " in text


def test_cat_draws_a_chapters_quiz_card_without_the_readers_key(tmp_path, quiz_reader):
    """`cat` prints no key (no key works on paper), but a {{#quiz}}'s card said "2 questions · x"."""
    course = open_course(make_book(tmp_path / "book"))
    lesson = course.lesson("quizzes")
    assert "2 questions \u00b7 x" in rendered(lesson, course)  # the reader's
    on_paper = rendered(lesson, course, keys=False)
    assert "\u2502 2 questions \u2502" in on_paper and "\u2502 1 question \u2502" in on_paper, on_paper
    assert "\u00b7 x" not in on_paper


def test_unreadable_quiz_is_reported_and_noted(tmp_path, quiz_reader):
    root = make_book(tmp_path / "book")
    (root / "quizzes" / "two.toml").write_text("no answer here\n", encoding="utf-8")
    course = open_course(root)
    lesson = course.lesson("quizzes")
    assert [q.section for q in lesson.quiz.questions] == ["First", "First"]
    where = {(Path(p.file).name, p.line) for p in lesson.problems if p.is_error}
    assert ("two.toml", 1) in where and ("quizzes.md", 13) in where
    assert "quiz not shown" in rendered(lesson, course)


def test_summary_link_to_a_missing_file_and_the_rest_opens(tmp_path):
    root = make_book(tmp_path / "book", summary="- [Here](preface.md)\n- [Gone](gone.md)\n- [Links](links.md)\n")
    course = open_course(root)
    assert [i.id for i in course.lessons] == ["preface", "links"]
    problem = next(p for p in course.problems if p.is_error)
    assert (Path(problem.file).name, problem.line, problem.col) == ("SUMMARY.md", 2, 10)
    assert str(problem).startswith(f"{root / 'src' / 'SUMMARY.md'}:2:10: error:")


def test_bad_yaml_is_reported_and_the_chapter_still_opens(tmp_path):
    files = {"c.md": "---\ntitle: [unclosed\n---\n# C\n\nBody.\n"}
    course = open_course(make_book(tmp_path / "book", files, summary="- [C](c.md)\n"))
    problem = next(p for p in course.problems if p.is_error)
    assert Path(problem.file).name == "c.md" and problem.line >= 2 and "YAML" in problem.message
    lesson = course.lesson("c")
    assert course.info("c").title == "C" and lesson.sections[0].title == "C"


def test_reader_cache_never_serves_a_stale_include(tmp_path):
    root = include_book(tmp_path, "# C\n\n```\n{{#include part.txt}}\n```\n", {"part.txt": "old\n"})
    course = open_course(root)
    assert "old" in lesson_cache.read(course, "c").sections[0].blocks[0].plain()
    (root / "src" / "part.txt").write_text("new\n", encoding="utf-8")
    assert "new" in lesson_cache.read(course, "c").sections[0].blocks[0].plain()


def test_a_chapter_path_opens_its_book(tmp_path):
    from alignlearn.course.catalog import resolve

    root = make_book(tmp_path / "book")
    assert resolve(root / "src" / "basics" / "details.md") == (root, root / "src" / "basics" / "details.md")


def age(root: Path) -> None:
    """Every file of the book as if written a minute ago (fresh files are never cached)."""
    import time

    then = time.time() - 60
    for path in root.rglob("*"):
        os.utime(path, (then, then))


def test_chapter_cache_keeps_quiz_places_and_never_serves_a_changed_include(tmp_path, quiz_reader, monkeypatch):
    from alignlearn.sources import book_cache, chapter, chapter_quiz

    root = make_book(tmp_path / "book")
    (root / "src" / "quizzes.md").write_text(
        "# Quizzes\n\n## First\n\n```\n{{#include part.txt}}\n```\n\n{{#quiz ../quizzes/one.toml}}\n", encoding="utf-8")
    (root / "src" / "part.txt").write_text("old\n", encoding="utf-8")
    age(root)
    course = open_course(root)
    first = lesson_cache.read(course, "quizzes")
    assert book_cache.load(course.info("quizzes")) is not None  # kept
    monkeypatch.setattr(chapter, "chapter_lesson", None)  # from the cache now: no parsing at all
    again = lesson_cache.read(course, "quizzes")
    assert [b.plain() for b in again.sections[1].blocks][0].strip() == "old"
    assert [q.section for q in again.quiz.questions] == ["First", "First"] == [q.section for q in first.quiz.questions]
    assert [b.questions for b in again.sections[1].blocks if isinstance(b, QuizMark)] == [2]
    monkeypatch.undo()
    monkeypatch.setattr(chapter_quiz, "_read_quiz", lambda: __import__("mdbook_support").stand_in_read_quiz)
    (root / "src" / "part.txt").write_text("new\n", encoding="utf-8")
    assert lesson_cache.read(course, "quizzes").sections[1].blocks[0].plain().strip() == "new"
    (root / "quizzes" / "one.toml").write_text("5+5 = 10\n", encoding="utf-8")  # quizzes are never cached
    assert len(lesson_cache.read(course, "quizzes").quiz.questions) == 1


def test_a_chapter_titled_by_its_one_h2_has_its_h3s_as_sections(tmp_path, quiz_reader):
    chapter = ("## Title\n\nIntro.\n\n### One\n\nText.\n\n{{#quiz ../quizzes/one.toml}}\n\n"
               "### Two\n\n#### Deeper\n\nText.\n\n{{#quiz ../quizzes/two.toml}}\n")
    lesson = open_course(include_book(tmp_path, chapter)).lesson("c")
    assert [s.title for s in lesson.sections] == ["Title", "One", "Two"]
    assert [sub.title for sub in lesson.sections[2].subsections] == ["Deeper"]
    assert [q.section for q in lesson.quiz.questions] == ["One", "One", "Two"]


def test_progress_keeps_lessons_whose_ids_are_paths(tmp_path):
    from alignlearn.progress.store import ProgressStore

    store = ProgressStore(tmp_path / "progress.toml")
    store.mark_section_read("my-little-book", "basics/details", "details")
    again = ProgressStore(tmp_path / "progress.toml").load()
    assert "basics/details" in again.courses["my-little-book"].lessons


def test_chapters_outside_the_book_are_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n", encoding="utf-8")
    root = make_book(tmp_path / "book", summary="- [Up](../../elsewhere/secret.md)\n- [Linked](sub/secret.md)\n"
                                                "- [Preface](preface.md)\n")
    os.symlink(outside, root / "src" / "sub")
    course = open_course(root)
    assert [i.id for i in course.lessons] == ["preface"]
    assert [(p.line, "outside the book" in p.message) for p in course.problems if p.is_error] == [(1, True), (2, True)]


def test_chapter_cache_is_dropped_when_the_lesson_cache_format_changes(tmp_path, quiz_reader, monkeypatch):
    """A chapter is stored as the lesson cache stores lessons: a newer alignlearn (HTML made
    text, say) must not show chapters parsed by an older one."""
    from alignlearn.cache import parsed_lessons
    from alignlearn.sources import book_cache

    root = make_book(tmp_path / "book")
    age(root)
    course = open_course(root)
    info = course.lessons[0]
    lesson_cache.read(course, info.id)
    assert book_cache.load(info) is not None
    monkeypatch.setattr(parsed_lessons, "VERSION", parsed_lessons.VERSION + 1)
    assert book_cache.load(info) is None


def test_a_cached_chapter_opens_without_the_parser_or_the_directive_reader(tmp_path):
    """A book read before opens from the chapter cache: markdown-it, the directive reader
    and the chapter parser are not even imported (they cost the first frame ~10 ms)."""
    import subprocess
    import sys

    root = make_book(tmp_path / "book")
    age(root)
    code = ("import sys; from alignlearn.course import open_course; from alignlearn.cache import reading; "
            f"course = open_course({str(root)!r}); lesson = reading.read(course, 'quizzes'); "
            "print(len(lesson.sections), sorted(m for m in ('markdown_it', 'alignlearn.sources.directives', "
            "'alignlearn.sources.chapter') if m in sys.modules))")
    env = {**os.environ, "ALIGNLEARN_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert first.stdout.startswith("3 ") and "markdown_it" in first.stdout, first.stderr  # parsed, then kept
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert again.stdout.strip() == "3 []", again.stderr


def test_a_book_without_summary_says_so_once(tmp_path):
    """The reader's empty page listed "SUMMARY.md: file not found" twice."""
    from alignlearn.course import open_course

    (tmp_path / "book.toml").write_text('[book]\ntitle = "No Summary"\n', encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "ch1.md").write_text("# One\n\nText.\n", encoding="utf-8")
    course = open_course(tmp_path)
    assert course.lessons == []
    missing = [p for p in course.problems if p.file.endswith("SUMMARY.md")]
    assert len(missing) == 1 and missing[0].message == "file not found"


def test_a_book_toml_value_of_the_wrong_type_is_a_warning_at_its_line(tmp_path):
    """`title = 5` in [book]: mdBook itself refuses it; the reader opens the book by its folder's
    name and says where (found by the walkthrough: it was ignored without a word)."""
    root = make_book(tmp_path / "book")
    (root / "book.toml").write_text('[book]\nauthors = ["A"]\ntitle = 5\ndescription = ["x"]\nsrc = "src"\n',
                                    encoding="utf-8")
    course = open_course(root)
    assert course.title == "book" and len(course.lessons) == 6  # every chapter still there
    found = [(p.severity, p.line, p.message.split(";")[0]) for p in course.problems]
    assert found == [("warning", 3, "'title' in [book] must be a string"),
                     ("warning", 4, "'description' in [book] must be a string")]
    (root / "book.toml").write_text("book = 3\n", encoding="utf-8")
    assert [(p.line, p.message.split(";")[0]) for p in open_course(root).problems] == [(1, "'book' must be a table, [book]")]


def test_aquascope_permissions_read_as_the_letters_the_book_draws(tmp_path, monkeypatch):
    """The Rust Book's quiz edition writes "(@Perm{read}@Perm{own})" in its prose, which its
    Aquascope draws as the letters R and O; the reader showed the markup. A code block keeps
    its text; a quiz's prompt reads as the chapter does."""
    from alignlearn.sources.mdbook_quiz import as_shown

    monkeypatch.setenv("ALIGNLEARN_CACHE_DIR", str(tmp_path / "cache"))
    chapter = ("# Perms\n\nA variable has read/own permissions (@Perm{read}@Perm{own}). The borrow removes "
               "@Perm[lost]{write} from `v`.\n\n```text\n@Perm{read}\n```\n")
    root = make_book(tmp_path / "book", {"perms.md": chapter}, summary="- [Perms](perms.md)\n")
    lesson = open_course(root).lesson("perms")
    text = "\n".join(block.plain() for block in every_block(lesson))
    assert "permissions (RO)." in text and "removes W from v" in text
    assert "@Perm{read}" in text and text.count("@Perm") == 1  # the code block's, as written
    assert as_shown("Why does `s` lack the @Perm{own} permission?") == "Why does `s` lack the **O** permission?"
