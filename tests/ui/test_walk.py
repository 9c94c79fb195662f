"""A walk through the whole reader, as a person uses it (issue 14).

Hypothesis draws sequences of steps: the reader's keys on every screen (the lesson, the
map, the lesson list, search, the quiz, the tutor, help, the palette, dialogs), typed
words, and terminal resizes among 60x20, 80x24, 100x30 and 120x40; in ``preview``, the
lesson file rewritten between steps. After every step the reader must still hold
together (``check``): no exception reached the app, one lesson screen at the bottom of
a short stack, the header's "Lesson N of M" is the lesson shown, and the lesson map
shows that lesson's sections with the one in view marked. A failing walk is shrunk by
hypothesis to the shortest sequence of steps that still fails, and printed.

The budget is ``ALIGNLEARN_WALK_STEPS`` steps per course (default: what CI can afford);
a long run: ``ALIGNLEARN_WALK_STEPS=20000 python -m pytest tests/ui/test_walk.py -q -p no:cacheprovider``.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from textual.worker import WorkerCancelled

from alignlearn.ui.app import build_app
from alignlearn.ui.preview_app import build_preview
from alignlearn.ui.screens.lesson import LessonScreen
from pilot import copy_course

LONG_RUN = "ALIGNLEARN_WALK_STEPS" in os.environ
STEPS = int(os.environ.get("ALIGNLEARN_WALK_STEPS", "600"))
SHORTEST, LONGEST = 20, 60  # steps in one walk (one app, from its start)
SIZES = [(60, 20), (80, 24), (100, 30), (120, 40)]

# Every key of the reader's screens. The keys that change what is shown (the map,
# lessons, dialogs, focus) come more often than scrolling, since crashes live between
# screens and states; quitting is rare, since a walk ends there.
KEYS = (
    ["j", "k", "down", "up", "space", "pagedown", "pageup", "home", "end", "n", "p"]
    + ["right_square_bracket", "left_square_bracket", "m", "tab", "escape", "enter", "backspace"] * 4
    + ["l", "slash", "x", "t", "r", "o", "i", "question_mark", "ctrl+p", "shift+tab"] * 2
    + ["1", "2", "3", "4", "5", "s", "y", "a", "delete"]
    + ["q"]
)
WORDS = ["reward", "rlhf", "goodhart", "what is constitutional ai", "zzqx", "why", "the", "?[b]x"]

key = st.sampled_from(KEYS).map(lambda k: ("key", k))
resize = st.sampled_from(SIZES).map(lambda size: ("resize", size))
typed = st.sampled_from(WORDS).map(lambda words: ("type", words))
rewrite = st.integers(0, 3).map(lambda n: ("rewrite", n))

reader_steps = st.lists(st.one_of(key, key, key, key, resize, typed), min_size=SHORTEST, max_size=LONGEST)
preview_steps = st.lists(st.one_of(key, key, key, resize, typed, rewrite), min_size=SHORTEST, max_size=LONGEST)


def walk_settings(mean_steps: int) -> settings:
    """CI walks the same paths every run (a red run must be one the change caused);
    a long run takes new ones each time."""
    return settings(max_examples=max(1, STEPS // mean_steps), deadline=None, derandomize=not LONG_RUN,
                    database=None if not LONG_RUN else settings.default.database,
                    suppress_health_check=list(HealthCheck), print_blob=True)


# --- the courses -----------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> Path:
    return copy_course(tmp_path_factory.mktemp("walk-bundled"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A course of 200 generated lessons, with quizzes (benchmarks/make_course.py)."""
    source = Path(__file__).resolve().parents[2] / "benchmarks" / "make_course.py"
    spec = importlib.util.spec_from_file_location("make_course", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_course(tmp_path_factory.mktemp("walk-generated") / "course", 200, seed=7)


# --- one walk ----------------------------------------------------------------------


async def settle(pilot, rounds: int = 40) -> None:
    """Let the reader finish what the last step started (renders, loads), within bounds:
    a walk does not wait for a search index being built."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        if not app.is_running:
            return
        screen = app.lesson_screen
        view = screen.view
        busy = [w for w in app.workers if w.is_running and w.group in ("render", "load", "preview")]
        if view.page is not None and view.page.complete and not busy:
            return
        try:
            await asyncio.wait_for(asyncio.shield(app.workers.wait_for_complete()), 0.05)
        except (asyncio.TimeoutError, WorkerCancelled):
            pass


def check(app, steps_done: list) -> None:
    """What must hold after every step."""
    where = f"after {steps_done}"
    assert app._exception is None, f"{where}: {app._exception!r}"
    if not app.is_running:
        assert app.return_code in (0, None), where
        return
    stack = app.screen_stack
    lesson_screens = [s for s in stack if isinstance(s, LessonScreen)]
    assert len(lesson_screens) == 1 and stack[0] is lesson_screens[0], f"{where}: stack {stack}"
    assert len(stack) <= 5, f"{where}: stack {stack}"
    screen: LessonScreen = lesson_screens[0]
    course = app.course
    ids = [info.id for info in course.lessons]
    if screen.lesson_id in ids:
        header = str(screen.query_one("#header").render())
        found = re.search(r"Lesson (\d+) of (\d+)", header)
        assert found, f"{where}: header {header!r}"
        number = ids.index(screen.lesson_id) + 1
        assert (int(found[1]), int(found[2])) == (number, len(course.lessons)), f"{where}: header {header!r}"
    view, lesson_map, lesson = screen.view, screen.lesson_map, screen.lesson
    if lesson_map is not None and lesson is not None and lesson.id == screen.lesson_id:
        shown = {e.id for e in lesson_map.entries if e.id.startswith("sec-")}
        expected = {f"sec-{s.number}" for s in lesson.sections} | ({"sec-0"} if lesson.intro else set())
        assert shown == expected, f"{where}: the map shows another lesson's sections"
        if view.page is not None and view.page.complete:
            assert lesson_map.section == view.section, \
                f"{where}: map marks section {lesson_map.section}, view shows {view.section}"
        if lesson_map.display and lesson_map.size.area:
            for y in range(lesson_map.size.height):
                lesson_map.render_line(y)
    if view.size.area:
        for y in range(view.size.height):
            view.render_line(y)


async def walk(app, steps: list, rewrite=None) -> None:
    size = SIZES[1]
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        done: list = []
        for step in steps:
            kind, value = step
            done.append(step)
            if kind == "key":
                await pilot.press(value)
            elif kind == "type":
                await pilot.press(*value)
            elif kind == "resize":
                await pilot.resize_terminal(*value)
            elif kind == "rewrite" and rewrite is not None:
                rewrite(value)
                await asyncio.sleep(0.25)  # the preview polls the file
            await settle(pilot)
            check(app, done)
            if not app.is_running:
                break
        if app.is_running:
            await pilot.press("escape", "escape", "escape")  # back to the lesson, then quit
            await settle(pilot)
            check(app, done + ["escape x3"])


@walk_settings((SHORTEST + LONGEST) // 2)
@given(steps=reader_steps)
def _walk_bundled(course: Path, steps: list) -> None:
    asyncio.run(walk(build_app(str(course)), steps))


@walk_settings((SHORTEST + LONGEST) // 2)
@given(steps=reader_steps)
def _walk_generated(course: Path, steps: list) -> None:
    asyncio.run(walk(build_app(str(course)), steps))


def test_walk_the_bundled_course(bundled):
    _walk_bundled(bundled)


def test_walk_a_course_of_200_lessons(generated):
    _walk_generated(generated)


# --- preview, with the file rewritten between steps ------------------------------------


def versions(original: str) -> list[str]:
    """What an author might save: the lesson, a section renamed, one removed, a broken file."""
    renamed = original.replace("\n## ", "\n## Renamed: ", 1)
    parts = original.split("\n## ")
    removed = "\n## ".join(parts[:2] + parts[3:]) if len(parts) > 3 else original
    broken = original.replace("+++", "+++\nid = [", 1)
    return [original, renamed, removed, broken]


@pytest.fixture
def preview_file(tmp_path) -> Path:
    course = copy_course(tmp_path, quizzes=True)
    return course / "alignment-technical-problem.md"


@walk_settings((SHORTEST + LONGEST) // 2)
@given(steps=preview_steps)
def _walk_preview(lesson: Path, texts: list[str], steps: list) -> None:
    lesson.write_text(texts[0], encoding="utf-8")

    def rewrite(n: int) -> None:
        lesson.write_text(texts[n], encoding="utf-8")

    asyncio.run(walk(build_preview(str(lesson), poll=0.1), steps, rewrite))


def test_walk_preview_while_the_file_changes(preview_file):
    _walk_preview(preview_file, versions(preview_file.read_text(encoding="utf-8")))
