"""``alignlearn preview`` as an author first meets it: the header of a lesson file in no
course, and errors whose wrapped lines stay under their own problem."""

from __future__ import annotations

import shutil
from pathlib import Path


from alignlearn import paths
from alignlearn.ui.preview_app import PreviewApp, build_preview
from alignlearn.ui.screens.preview import ProblemsPanel
from pilot import SEED, seed_course, settle
from preview_pilot import reloaded, reloads  # noqa: F401  (a fixture)

FAST = 0.02  # seconds between looks
BAD_AUDIENCE = ('audience = "Learners"', 'audience = = "Learners"')  # an error with a long hint


def lone_lesson(tmp_path: Path) -> Path:
    """The seed lesson alone in a folder: no course.toml beside it."""
    folder = tmp_path / "my-drafts"
    folder.mkdir()
    return Path(shutil.copy(paths.bundled_course() / f"{SEED}.md", folder))


def header_place(app: PreviewApp) -> str:
    return app.lesson_screen.query_one("#header").render_line(0).text.strip()


async def test_a_lone_lesson_file_is_titled_preview_not_by_its_folder(tmp_path):
    app = build_preview(str(lone_lesson(tmp_path)), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        place = header_place(app)
        assert place.startswith("Preview \u00b7 "), place
        assert "my-drafts" not in place.casefold() and "My Drafts" not in place


async def test_a_lone_plain_markdown_file_is_titled_preview_too(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "draft.md").write_text("# A first draft\n\nSome words.\n", encoding="utf-8")
    app = build_preview(str(folder / "draft.md"), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert header_place(app).startswith("Preview")
        assert "notes" not in header_place(app).casefold()


async def test_a_lesson_in_a_course_keeps_the_course_title(tmp_path):
    app = build_preview(str(seed_course(tmp_path, title="Safety Basics") / f"{SEED}.md"), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert header_place(app).startswith("Safety Basics \u00b7 ")


async def test_a_lone_lesson_stays_titled_preview_when_its_new_id_reopens_the_folder(tmp_path, reloads):
    lesson = lone_lesson(tmp_path)
    app = build_preview(str(lesson), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lesson.write_text(lesson.read_text(encoding="utf-8").replace(f'id = "{SEED}"', 'id = "renamed"'),
                          encoding="utf-8")
        await reloaded(pilot, reloads, 1)
        assert app.lesson_screen.lesson_id == "renamed"
        assert header_place(app).startswith("Preview")


def assert_blocks(lines: list[str], file: Path) -> None:
    """Each problem starts at its file's name; every other line of it is indented."""
    starts = [n for n, line in enumerate(lines) if line.startswith(str(file)[:20])]
    assert starts, lines
    for line in lines[starts[0]:]:
        if line.strip() and not line.startswith(str(file)[:20]):
            assert line.startswith("  "), f"a wrapped line at the margin: {line!r}\n" + "\n".join(lines)
    assert any(line.lstrip().startswith("hint: ") for line in lines)


async def test_the_error_panel_indents_what_wraps_under_each_problem(tmp_path, reloads):
    lesson = lone_lesson(tmp_path)
    app = build_preview(str(lesson), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lesson.write_text(lesson.read_text(encoding="utf-8").replace(*BAD_AUDIENCE), encoding="utf-8")
        await reloaded(pilot, reloads, 1)
        panel = app.lesson_screen.query_one(ProblemsPanel)
        assert panel.display
        text = panel.query_one("#problems-text")
        lines = [text.render_line(y).text.rstrip() for y in range(text.size.height)]
        assert len(lines) > 4  # the path and the hint wrap at 80 columns
        assert_blocks(lines, lesson)


async def test_a_lesson_that_cannot_open_lists_its_problems_as_blocks(tmp_path):
    lesson = lone_lesson(tmp_path)
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(*BAD_AUDIENCE), encoding="utf-8")
    app = build_preview(str(lesson), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.lesson_screen.view
        assert app.lesson_screen.lesson is None
        lines = [view.render_line(y).text.rstrip() for y in range(view.scrollable_content_region.height)]
        margin = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
        assert_blocks([line[margin:] for line in lines], lesson)
