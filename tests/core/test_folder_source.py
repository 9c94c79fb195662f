"""A plain folder of Markdown opened as a course (SPEC 1a): every *.md in file-name
order, titled by YAML front matter or the first heading; native lessons among them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_a_folder_with_native_lessons_stays_native(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "x.md").write_text('+++\nid = "x"\ntitle = "X"\n+++\n\n## S\n', encoding="utf-8")
    assert kind_of(root) == "native" and open_course(root).source is None
    (root / "y.md").write_text("# Forgot the front matter\n", encoding="utf-8")
    course = open_course(root)  # an author's course: the file without front matter is an error
    assert course.source is None and any("missing front matter" in p.message for p in course.problems)


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
