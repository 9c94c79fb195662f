"""The reader on lessons as big as the caps allow (issue 15, item 10), against a small one.

    python benchmarks/bench_huge_lesson.py [--size 80x24] [--only headings,paragraphs,small]

Four one-lesson courses in a temporary folder: ``small`` (20 sections), ``headings``
(100,000 ``##`` headings: the parser's caps keep about 15,000 of them), ``titles``
(15,000 headings whose titles wrap in the map) and ``paragraphs``
(300,000 one-letter paragraphs). For each, in Pilot at the given size: the first paint (a long
lesson's sketch), the lesson complete (parsed and rendered), ``m`` (the map shown), scrolling with the map open (page down
and down in the map, then ``end`` and ``enter``; at a wide size, where the map stays
beside the lesson, page down in the lesson: wall time, and "cpu", the main thread's
CPU time, which is what keeps keys waiting; Pilot waits between keys), ``end`` in the lesson, and ``q``; then, in a second run, ``end``, ``m`` and ``q``
as soon as something is painted. Each
figure is wall time; under load, compare them with the small lesson's of the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "support"))

LESSONS = {
    "small": "".join(f"## Section {n}\n\nA paragraph about section {n}.\n\n" for n in range(1, 21)),
    "headings": "".join(f"## S{n}\n" for n in range(100_000)),
    "titles": "".join(f"## Section {n}: a title that wraps in the map at 80 columns\n"
                      for n in range(15_000)),
    "paragraphs": "p\n\n" * 300_000,  # 900 KB: under the 1 MiB cap
}


def write_course(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "course.toml").write_text(
        f'format_version = 1\nid = "{name}"\ntitle = "Huge"\norder = ["{name}"]\n', encoding="utf-8")
    (folder / f"{name}.md").write_text(
        f'+++\nid = "{name}"\ntitle = "{name}"\n+++\n' + LESSONS[name], encoding="utf-8")
    return folder


async def measure(course: Path, size: tuple[int, int]) -> dict[str, float]:
    from pilot import settle

    from alignlearn.ui.app import build_app

    out: dict[str, float] = {}
    t0 = time.perf_counter()
    app = build_app(str(course))
    async with app.run_test(size=size) as pilot:
        await first_paint(pilot)
        out["first paint"] = time.perf_counter() - t0
        await settle(pilot)
        out["complete"] = time.perf_counter() - t0
        screen = app.lesson_screen
        out["sections"] = len(screen.lesson.sections) if screen.lesson else -1
        narrow = size[0] < 100

        async def step(name: str, *keys: str) -> None:
            start, cpu = time.perf_counter(), time.thread_time()
            await pilot.press(*keys)
            await pilot.pause()
            out[name] = time.perf_counter() - start
            out[name + " cpu"] = time.thread_time() - cpu

        if narrow:
            await step("m", "m")
            await step("map: 10 pgdn", *["pagedown"] * 10)
            await step("map: 20 down", *["down"] * 20)
            await step("map: end", "end")
            await step("map: enter", "enter")
            await settle(pilot)
            await step("m again", "m")
            await step("map: home+enter", "home", "enter")
            await settle(pilot)
        else:
            await step("view: 10 pgdn (map open)", *["pagedown"] * 10)
            await step("tab to map", "tab")
            await step("map: end+enter", "end", "enter")
            await settle(pilot)
        await step("end", "end")
        start = time.perf_counter()
        await pilot.press("q")
    out["q"] = time.perf_counter() - start
    return out


async def first_paint(pilot) -> None:
    """Until the lesson view has something to paint: the lesson, or a long one's sketch."""
    for _ in range(2000):
        screen = pilot.app.lesson_screen
        if screen is not None and screen.is_mounted and screen.view.page is not None:
            return
        await pilot.pause(0.005)


async def while_loading(course: Path, size: tuple[int, int]) -> dict[str, float]:
    """``end``, ``m`` and ``q`` pressed as soon as something is painted, while a long
    lesson is still read and rendered: the time until each shows (the view at its end,
    the map painted), not until Pilot is idle, which waits for the reading thread to
    hand the interpreter back many times over."""
    from textual import events

    from alignlearn.ui.app import build_app

    out = {}
    app = build_app(str(course))
    async with app.run_test(size=size) as pilot:
        await first_paint(pilot)
        screen = app.lesson_screen
        view = screen.view

        def mapped() -> bool:
            lesson_map = screen.lesson_map
            return lesson_map is not None and lesson_map.display and bool(lesson_map._starts)

        for key, shown in (("end", lambda: 0 < view.scroll_y >= view.max_scroll_y), ("m", mapped)):
            start = time.perf_counter()
            app.post_message(events.Key(key, None))
            while not shown() and time.perf_counter() - start < 10:
                await asyncio.sleep(0.005)
            out[f"{key} while loading"] = time.perf_counter() - start
        start = time.perf_counter()
        await pilot.press("q")
    out["q while loading"] = time.perf_counter() - start
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--only", default="small,headings,titles,paragraphs")
    args = parser.parse_args(argv)
    size = tuple(int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        for variable in ("ALIGNLEARN_CACHE_DIR", "ALIGNLEARN_DATA_DIR", "ALIGNLEARN_CONFIG_DIR"):
            os.environ[variable] = str(Path(tmp) / variable)
        for name in args.only.split(","):
            course = write_course(Path(tmp) / name, name)
            figures = asyncio.run(measure(course, size))
            figures.update(asyncio.run(while_loading(course, size)))
            print(f"{name:>10} {args.size}: " + ", ".join(
                f"{key} {value:.2f}s" if key != "sections" else f"{int(value)} sections"
                for key, value in figures.items()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
