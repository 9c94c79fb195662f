"""A plain folder of Markdown opened as a course (SPEC 1a): every *.md in file-name
order, titled by YAML front matter or the first heading; native lessons among them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from alignlearn.course import open_course
from alignlearn.authoring.check import check_course
from alignlearn.sources.detect import kind_of


def make_folder(folder: Path) -> Path:
    folder.mkdir()
    (folder / "b-second.md").write_text("---\ntitle: Second, from YAML\nminutes: 12\nconcepts: [x, y]\n---\n"
                                        "# Ignored heading\n\nText.\n\n## Part\n\nMore.\n", encoding="utf-8")
    (folder / "a-first.md").write_text("Some intro.\n\n# First Heading\n\nBody.\n", encoding="utf-8")
    (folder / "d-untitled.md").write_text("Just text.\n", encoding="utf-8")
    return folder


def test_every_file_in_name_order_with_titles(tmp_path):
    root = make_folder(tmp_path / "notes")
    assert kind_of(root) == "folder"
    course = open_course(root)
    assert course.source.format == "folder" and course.id == "notes"
    got = [(i.id, i.title, i.minutes) for i in course.lessons]
    assert got == [("a-first", "First Heading", None), ("b-second", "Second, from YAML", 12),
                   ("d-untitled", "d-untitled", None)]
    assert course.info("b-second").concepts == ["x", "y"]
    lesson = course.lesson("a-first")
    assert [b.plain() for b in lesson.intro] == ["Some intro."] and lesson.sections[0].title == "First Heading"
    assert check_course(course).errors == 0


def test_a_folder_of_native_lessons_is_native_and_a_file_without_front_matter_is_warned_of(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    for name in ("x", "z"):
        (root / f"{name}.md").write_text(f'+++\nid = "{name}"\ntitle = "{name.upper()}"\n+++\n\n## S\n', encoding="utf-8")
    assert kind_of(root) == "native" and open_course(root).source is None
    (root / "y.md").write_text("# Forgot the front matter\n", encoding="utf-8")
    course = open_course(root)  # read, and the author told: most lessons here have front matter
    assert [info.id for info in course.lessons] == ["x", "y", "z"] and course.info("x").title == "X"
    warned = [p for p in course.problems if "no front matter, unlike most files here" in p.message]
    assert [(Path(p.file).name, p.severity) for p in warned] == [("y.md", "warning")]
    assert check_course(course).errors == 0 and check_course(course).warnings >= 1


def test_one_front_matter_file_among_notes_leaves_the_notes_readable(tmp_path):
    """One file starting with '+++' (here broken) made the folder a course of its own, in which every
    plain note was an error: the reader opened on "This course has no lessons"."""
    root = make_folder(tmp_path / "notes")
    (root / "c-broken.md").write_text('+++\ntitle = "Broken\n+++\n\n# C\n', encoding="utf-8")
    (root / "e-hugo.md").write_text('+++\ntitle = "Hugo page"\ndate = 2024-01-01\n+++\n\n# E\n', encoding="utf-8")
    assert kind_of(root) == "folder"
    course = open_course(root)
    assert [info.id for info in course.lessons] == ["a-first", "b-second", "d-untitled"]
    errors = sorted({Path(p.file).name for p in course.problems if p.is_error})
    assert errors == ["c-broken.md", "e-hugo.md"]  # each named, the rest read
    assert not any("no front matter" in p.message for p in course.problems)  # notes, not an author's lessons


def test_bad_yaml_is_a_diagnostic_and_the_rest_opens(tmp_path):
    root = make_folder(tmp_path / "notes")
    (root / "e-bad.md").write_text("---\ntitle: ok\nminutes: [1,\n---\n# E\n", encoding="utf-8")
    (root / "f-object.md").write_text("---\nx: !!python/object/apply:os.system ['echo hi']\n---\n# F\n",
                                      encoding="utf-8")
    course = open_course(root)
    assert len(course.lessons) == 5
    errors = [(Path(p.file).name, p.line) for p in course.problems if p.is_error]
    assert ("e-bad.md", 4) in errors or ("e-bad.md", 3) in errors
    assert ("f-object.md", 2) in errors
    result = subprocess.run([sys.executable, "-m", "alignlearn", "check", str(root)], capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{root / 'f-object.md'}:2:" in result.stdout


async def test_a_lone_file_without_front_matter_opens_as_a_lesson(tmp_path):
    from alignlearn.ui.app import build_app
    from pilot import settle

    file = tmp_path / "notes.md"
    file.write_text("# My Notes\n\nno front matter here\n", encoding="utf-8")
    app = build_app(str(file))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.lesson_screen.lesson_id == "notes" and app.lesson_screen.lesson.title == "My Notes"


HTML = "# Title\n\nText with <span>a span</span>.\n\n<script>alert(1)</script>\n\n![a chart](chart.png)\n"
# Not the <span>: a tag whose text the reader keeps is not worth a warning in a book written for
# the web (the Rust Book has 372); what is lost is: a <script> with what it holds, an image.
WARNED = [(5, 1, "raw HTML '<script>alert(1)</script>' is left out, with everything inside it"),
          (7, 1, "image 'a chart' cannot be shown in a terminal")]


@pytest.mark.parametrize("kind", ["plain", "yaml", "mdbook"])
def test_raw_html_and_images_are_warned_about_as_in_a_lesson(kind, tmp_path):
    """A plain file or a book's chapter drops HTML as a lesson does: check says so, at the
    line in the file (after YAML front matter too), for the folder and for the file alone."""
    from mdbook_support import make_book

    from alignlearn.authoring.check import check_lesson_file

    front = "---\ntitle: With YAML\n---\n" if kind == "yaml" else ""
    if kind == "mdbook":
        root = make_book(tmp_path / "book", files={"page.md": HTML}, summary="- [Page](page.md)\n")
        file = root / "src" / "page.md"
    else:
        root = tmp_path / "notes"
        root.mkdir()
        file = root / "page.md"
        file.write_text(front + HTML, encoding="utf-8")
    shift = front.count("\n")
    expected = [(str(file), line + shift, col, "warning", message) for line, col, message in WARNED]
    for report in (check_course(open_course(root)), check_lesson_file(file)):
        assert [(p.file, p.line, p.col, p.severity, p.message) for p in report.problems] == expected
        assert all(p.hint for p in report.problems)


@pytest.mark.parametrize("front, line, hint", [
    ("minutes: five", 2, "for example: minutes: 20 (no quotes), or leave the key out"),
    ("title: 5", 2, 'put the text in double quotes: title: "..."'),
    ("concepts: x", 2, 'for example: concepts: ["alignment", "reward hacking"] (terms the body uses)'),
    ("terms: [x]", 2, 'write terms: on its own line, then one indented Term: "definition" line per term'),
    ("terms:\n  Foo: [1]", 3, 'put the definition in double quotes: Foo: "what it means"'),
])
def test_a_yaml_key_s_hint_is_written_in_yaml(tmp_path, front, line, hint):
    """The hints were the native lesson's TOML: 'minutes = 20', followed under '---', is a
    line YAML cannot read, and '[terms]' is no YAML at all."""
    root = make_folder(tmp_path / "notes")
    (root / "e-yaml.md").write_text(f"---\n{front}\n---\n\n# E\n", encoding="utf-8")
    found = [p for p in open_course(root).problems if Path(p.file).name == "e-yaml.md"]
    assert [(p.line, p.hint) for p in found] == [(line, hint)], [str(p) for p in found]
    assert " = " not in found[0].message + found[0].hint and "+++" not in found[0].hint
