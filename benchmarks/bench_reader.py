"""How fast the reader shows a lesson, against an empty Textual app measured in the same run.

    python benchmarks/bench_reader.py [--repeats N] [--size 80x24]

Each measurement is a fresh Python process (imports included), run headless, timed
from just before the process is spawned to the end of the refresh that first painted
lesson text (for the empty app: its first refresh). The median of N runs is printed,
with the ratios the reader must meet:

- the seed lesson's first frame within 1.3x of the empty app's;
- a generated 10,000-line lesson's first screen within 2x of the empty app's;
- ``end`` pressed at that first frame shows the lesson's last line in under 100 ms more;
- peak memory (max RSS) for the long lesson, once it is all rendered, under 150 MiB.

Each lesson is measured twice: with the lesson cache (``cache/parsed_lessons.py``)
warm, as when a learner comes back to a lesson, and cold, as the very first time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from _timing import run_child  # noqa: E402


# --- the child: one measured run ----------------------------------------------------


def child(kind: str, target: str, size: tuple[int, int]) -> None:
    t0 = float(os.environ["BENCH_T0"])
    import asyncio
    import resource

    from textual import events
    from textual.app import App

    marks: dict[str, float] = {}
    painted = asyncio.Event()

    def mark(name: str) -> None:
        marks[name] = time.time() - t0
        marks[name + "_cpu"] = time.process_time()  # all threads; less at the mercy of a busy machine

    if kind == "empty":
        class Empty(App):
            def on_mount(self) -> None:
                self.call_after_refresh(lambda: (mark("first"), painted.set()))

        app = Empty()

        async def script(pilot) -> None:
            await painted.wait()
            app.exit()
    else:
        from alignlearn.ui.app import build_app
        from alignlearn.ui.widgets.lesson_view import LessonView

        paint = LessonView.render_line

        def render_line(self, y):
            if self.page is not None and not painted.is_set() and "asked" not in marks:
                marks["asked"] = 0
                self.app.call_after_refresh(lambda: (mark("first"), painted.set()))
            return paint(self, y)

        LessonView.render_line = render_line
        app = build_app(target)

        async def script(pilot) -> None:
            await painted.wait()
            view = app.screen.query_one(LessonView)
            if kind == "long":
                # The key as the terminal would send it (pilot.press would wait for idle).
                app.post_message(events.Key("end", None))
                while True:  # the last line of the lesson, not a placeholder, at the bottom
                    page = view.page
                    if (page is not None and page.lines and not page.in_gap(len(page.lines) - 1)
                            and view.scroll_y >= view.max_scroll_y > 0):
                        break
                    await asyncio.sleep(0.001)
                done = asyncio.Event()
                app.call_after_refresh(lambda: (mark("end"), done.set()))
                await done.wait()
                while view.page is None or not view.page.complete:
                    await asyncio.sleep(0.005)
                mark("complete")
            app.exit()

    if kind == "empty":
        app.run(headless=True, size=size, auto_pilot=script)  # a plain Textual app
    else:
        from alignlearn.ui.app import run_app

        run_app(app, headless=True, size=size, auto_pilot=script)  # as the command line runs it
    marks["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(marks))


# --- the parent: spawn, repeat, compare ----------------------------------------------

# (name, child kind, which lesson, lesson cache emptied before each run?)
RUNS = (
    ("empty", "empty", None, False),
    ("seed, cold", "seed", "seed", True),
    ("seed", "seed", "seed", False),
    ("long, cold", "long", "long", True),
    ("long", "long", "long", False),
)


def run_once(kind: str, target: str, size: str, folder: Path, cold: bool) -> dict[str, float]:
    if cold:
        shutil.rmtree(folder / "cache", ignore_errors=True)
    return run_child(__file__, [kind, target, size], folder, ROOT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The reader's speed against an empty Textual app.")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "TARGET", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, target, size = args.child
        width, height = (int(n) for n in size.split("x"))
        child(kind, target, (width, height))
        return 0

    from make_long_lesson import write_course

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        seed = folder / "seed"
        shutil.copytree(ROOT / "lessons", seed)
        long_lesson = write_course(folder / "long", 10_000)
        lines = len(long_lesson.read_text(encoding="utf-8").splitlines())
        then = time.time() - 60  # lesson files as they are on a disk, not written this second
        for file in [*seed.iterdir(), *long_lesson.parent.iterdir()]:
            os.utime(file, (then, then))
        targets = {None: "-", "seed": str(seed / "alignment-technical-problem.md"), "long": str(long_lesson)}
        for label, kind, lesson, cold in RUNS:  # warm up: compile the bytecode, fill the caches
            run_once(kind, targets[lesson], args.size, folder, cold)
        runs: dict[str, dict[str, list[float]]] = {label: {} for label, *_ in RUNS}
        for _ in range(args.repeats):  # interleaved, so a busy moment hurts them all alike
            for label, kind, lesson, cold in RUNS:
                for mark, value in run_once(kind, targets[lesson], args.size, folder, cold).items():
                    runs[label].setdefault(mark, []).append(value)

    def median(label: str, mark: str) -> float:
        return statistics.median(runs[label][mark])

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    empty = median("empty", "first")
    print(f"terminal {args.size}; median of {args.repeats} runs, each a fresh process timed from its spawn;")
    print("cold: the lesson cache emptied before each run (a lesson never opened before)")
    print(f"  empty Textual app: first frame            {empty * 1000:6.0f} ms")
    for label in ("seed", "seed, cold"):
        first = median(label, "first")
        print(f"  {label + ' lesson:':19s} first frame        {first * 1000:6.0f} ms   {first / empty:.2f}x "
              f"(target <= 1.3x) {verdict(first / empty <= 1.3)}")
    for label in ("long", "long, cold"):
        first = median(label, "first")
        end = statistics.median(e - f for e, f in zip(runs[label]["end"], runs[label]["first"]))
        rss = max(runs[label]["rss_mib"])
        print(f"  {label + ' lesson:':19s} first screen       {first * 1000:6.0f} ms   {first / empty:.2f}x "
              f"(target <= 2x) {verdict(first / empty <= 2)}   ({lines} lines)")
        print(f"    end pressed at once: last line shown  +{end * 1000:5.0f} ms         "
              f"(target < 100 ms) {verdict(end < 0.1)}")
        print(f"    all of it rendered at                 {median(label, 'complete') * 1000:6.0f} ms; "
              f"peak memory {rss:.1f} MiB (target < 150 MiB) {verdict(rss < 150)}")
    fastest = {label: min(marks["first"]) for label, marks in runs.items()}
    print("  fastest runs: " + ", ".join(f"{label} {value * 1000:.0f} ms ({value / fastest['empty']:.2f}x)"
                                         for label, value in fastest.items()))
    print(f"  peak memory: empty app {max(runs['empty']['rss_mib']):.1f} MiB, "
          f"seed lesson {max(runs['seed']['rss_mib']):.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
