"""What the reader's Pilot tests share: a course to open, and waiting for the lesson.

Every test runs with its own data, cache and config folders (``conftest.py``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.worker import WorkerCancelled

from alignlearn import paths

SEED = "alignment-technical-problem"


def copy_course(tmp_path: Path, quizzes: bool = True) -> Path:
    """A copy of the bundled course (with its quizzes unless told), so lessons being
    written by others do not move these tests."""
    target = tmp_path / "course"
    ignore = None if quizzes else shutil.ignore_patterns("*.quiz.toml")
    shutil.copytree(paths.bundled_course(), target, ignore=ignore)
    return target


def seed_course(tmp_path: Path, name: str = "course", course_id: str = "ai-alignment",
                title: str = "AI Alignment") -> Path:
    """The seed lesson alone in a course ("Lesson 1 of 1", whatever the course grows to)."""
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(paths.bundled_course() / f"{SEED}.md", folder)
    (folder / "course.toml").write_text(
        f'format_version = 1\nid = "{course_id}"\ntitle = "{title}"\norder = ["{SEED}"]\n', encoding="utf-8")
    return folder


async def settle(pilot, loaded: bool = True, attempts: int = 200) -> None:
    """Wait until the lesson is fully rendered and every message handled; with
    ``loaded``, also until the lesson itself is read (when one is named)."""
    app = pilot.app
    for _ in range(attempts):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # a render or load superseded by a newer one
            pass
        await pilot.pause()
        screen = app.lesson_screen
        view = screen.view
        if (view.page is not None and view.page.complete
                and (not loaded or screen.lesson is not None or screen.lesson_id is None)):
            return
    raise AssertionError("the lesson never finished rendering")


def inside_dialog(app) -> list[str]:
    """The rows the terminal shows inside the open dialog's border, as painted."""
    inside = app.screen.query_one(".dialog").content_region
    rows = app.screen._compositor.render_strips()[inside.y:inside.bottom]
    return [row.text[inside.x:inside.right] for row in rows]


async def open_quiz(pilot):
    """Press x on a settled lesson and return the quiz screen it opens."""
    from alignlearn.ui.screens.quiz import QuizScreen

    await settle(pilot)
    await pilot.press("x")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen)
    return screen
