"""Helpers shared by the quiz and reader-progress pilot tests."""

from __future__ import annotations

import time
import tomllib

from rich.console import Console
from textual.geometry import Region
from textual.worker import WorkerCancelled

from alignlearn import paths
from alignlearn.ui.app import AlignlearnApp
from pilot import SEED, copy_course  # noqa: F401  (offered to the quiz and progress tests)

COURSE_ID = "ai-alignment"


async def workers_done(app: AlignlearnApp) -> None:
    try:
        await app.workers.wait_for_complete()
    except WorkerCancelled:  # a lesson's load, when the reader moves on to the last lesson read
        pass


async def settle(pilot, timeout: float = 30.0) -> None:
    """Until the lesson is rendered, progress is read and nothing waits to be written,
    twice in a row a little apart (a scroll lands after the key that made it)."""
    app: AlignlearnApp = pilot.app
    deadline = time.monotonic() + timeout
    calm = 0
    while time.monotonic() < deadline:
        await workers_done(app)
        await pilot.pause(0.02)
        screen = app.lesson_screen
        view = screen.view
        ready = (view.page is not None and view.page.complete and screen.lesson is not None
                 and app.progress.idle and all(worker.is_finished for worker in app.workers))
        calm = calm + 1 if ready else 0
        if calm == 2:
            return
    raise AssertionError("the reader never settled")


def painted(widget) -> str:
    """The widget's lines as the terminal shows them (no colour, no styles)."""
    width, height = widget.outer_size  # with its padding
    return "\n".join(strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, width, height)))


def quiz_text(screen) -> str:
    """Everything the quiz screen shows of the question, its choices and the outcome."""
    return "\n".join(painted(screen.query_one(f"#quiz-{part}")) for part in ("count", "prompt", "choices", "feedback"))


def plain(renderable, width: int = 76) -> str:
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def right_keys(session) -> list[str]:
    """The keys that answer the question on screen right."""
    question = session.question
    options = session.options()
    if question.kind == "true_false":
        return ["1" if question.answer else "2"]
    wanted = question.answer if isinstance(question.answer, list) else [question.answer]
    return [str(options.index(w) + 1) for w in wanted]


def wrong_keys(session) -> list[str]:
    """Keys that answer the question on screen wrong."""
    question = session.question
    options = session.options()
    if question.kind == "true_false":
        return ["2" if question.answer else "1"]
    wanted = question.answer if isinstance(question.answer, list) else [question.answer]
    wrong = next(n for n, option in enumerate(options, 1) if option not in wanted)
    return [str(wrong)]


def progress_file() -> dict:
    with open(paths.progress_file(), "rb") as handle:
        return tomllib.load(handle)


def lesson_record(lesson_id: str = SEED, course_id: str = COURSE_ID) -> dict:
    return progress_file()["courses"][course_id]["lessons"][lesson_id]
