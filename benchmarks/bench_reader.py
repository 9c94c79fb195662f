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
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


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

    app.run(headless=True, size=size, auto_pilot=script)
    marks["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(marks))


# --- the parent: spawn, repeat, compare ----------------------------------------------


def run_once(kind: str, target: str, size: str, pycache: str) -> dict[str, float]:
    # Compiled bytecode, as an installed alignlearn has, kept out of the source tree.
    env = dict(os.environ, BENCH_T0=repr(time.time()), PYTHONPYCACHEPREFIX=pycache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("NO_COLOR", None)
    out = subprocess.run([sys.executable, __file__, "--child", kind, target, size],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    if out.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


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

    seed = ROOT / "lessons" / "alignment-technical-problem.md"
    with tempfile.TemporaryDirectory() as folder:
        long_lesson = write_course(Path(folder), 10_000)
        lines = len(long_lesson.read_text(encoding="utf-8").splitlines())
        kinds = (("empty", "-"), ("seed", str(seed)), ("long", str(long_lesson)))
        pycache = str(Path(folder) / "pycache")
        for kind, target in kinds:  # warm up: compile the bytecode, fill the disk cache
            run_once(kind, target, args.size, pycache)
        runs: dict[str, dict[str, list[float]]] = {kind: {} for kind, _ in kinds}
        for _ in range(args.repeats):  # interleaved, so a busy moment hurts all three alike
            for kind, target in kinds:
                for name, value in run_once(kind, target, args.size, pycache).items():
                    runs[kind].setdefault(name, []).append(value)

    med = {kind: {name: statistics.median(values) for name, values in marks.items()}
           for kind, marks in runs.items()}
    empty, seed_first, long_first = med["empty"]["first"], med["seed"]["first"], med["long"]["first"]
    end_more = statistics.median(e - f for e, f in zip(runs["long"]["end"], runs["long"]["first"]))
    rss = max(runs["long"]["rss_mib"])

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    low = {kind: min(marks["first"]) for kind, marks in runs.items()}
    print(f"terminal {args.size}, median of {args.repeats} runs, each a fresh process timed from spawn")
    print(f"  empty Textual app, first frame        {empty * 1000:7.0f} ms")
    print(f"  seed lesson, first frame              {seed_first * 1000:7.0f} ms   "
          f"ratio {seed_first / empty:.2f}x (target <= 1.3x) {verdict(seed_first / empty <= 1.3)}")
    print(f"  {lines}-line lesson, first screen     {long_first * 1000:7.0f} ms   "
          f"ratio {long_first / empty:.2f}x (target <= 2x) {verdict(long_first / empty <= 2)}")
    print(f"  ... end pressed, last line shown      {end_more * 1000:7.0f} ms more "
          f"(target < 100 ms) {verdict(end_more < 0.1)}")
    print(f"  ... all of it rendered                {med['long']['complete'] * 1000:7.0f} ms")
    print(f"  ... peak memory (max RSS)             {rss:7.1f} MiB (target < 150 MiB) {verdict(rss < 150)}")
    print(f"  fastest runs: empty {low['empty'] * 1000:.0f} ms, seed {low['seed'] * 1000:.0f} ms "
          f"({low['seed'] / low['empty']:.2f}x), long {low['long'] * 1000:.0f} ms ({low['long'] / low['empty']:.2f}x)")
    print(f"  empty app peak memory                 {max(runs['empty']['rss_mib']):7.1f} MiB; "
          f"seed lesson {max(runs['seed']['rss_mib']):.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
