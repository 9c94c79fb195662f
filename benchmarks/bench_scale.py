"""A course of 2,116 lessons against one of 4: opening, searching, checking, memory.

    python benchmarks/bench_scale.py [--lessons 2116] [--repeats 11] [--cold-repeats 5] [--check-repeats 3] [--skip-check]

Both courses are generated once (make_course.py, seed 1) into a temporary folder,
with their files dated an hour back, as a course on disk is when it is opened.
"Warm" runs share a cache folder filled by a first run; "cold" runs each get an
empty one, as on the first run ever. Every process figure comes from fresh
processes, small and large course run in pairs back to back (which goes first alternating): the ratio is the median
of the pairs' ratios, printed with the medians' absolute times for context.

Targets (issue 8): first frame of the reader within 1.2x of the 4-lesson course warm
and 2x cold; ``alignlearn search`` within 1.2x warm; in-process search under 10 ms a
query (median, one query per keystroke); ``check`` of 2,116 lessons under 10 s; peak
memory of opening the course and searching it, and of the reader, under 120 MiB.
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _timing import PYTHON, time_command  # noqa: E402
from make_course import make_course  # noqa: E402

QUERY = "reward mod"
# What a learner types, one query per keystroke.
TYPED = ["reward modelling", "goal misgeneralisation", "sparse autoencoders", "scalable oversight debate",
         "honesty", "red teaming jailbreaks", "preference learning", "interpretability circuits",
         "specification gaming", "activation steering"]
MIB = 1024 * 1024


# --- children: each one measured run in a fresh process ----------------------------


def reader_first_frame(target: str) -> None:
    """Spawn-to-first-frame of the reader on ``target``: the refresh that first painted lesson text.

    Prints {"first": seconds since the parent's BENCH_T0, "rss_mib": peak memory}.
    """
    t0 = float(os.environ["BENCH_T0"])
    import asyncio
    import resource

    from alignlearn.ui.app import build_app
    from alignlearn.ui.widgets.lesson_view import LessonView

    marks: dict[str, float] = {}
    painted = asyncio.Event()
    paint = LessonView.render_line

    def render_line(self, y):
        if self.page is not None and not painted.is_set() and "asked" not in marks:
            marks["asked"] = 0
            self.app.call_after_refresh(lambda: (marks.update(first=time.time() - t0, cpu=time.process_time()),
                                                 painted.set()))
        return paint(self, y)

    LessonView.render_line = render_line
    app = build_app(target)

    async def script(pilot) -> None:
        await painted.wait()
        app.exit()

    from alignlearn.ui.app import run_app

    run_app(app, headless=True, size=(100, 30), auto_pilot=script)  # as the command line runs it
    marks["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(marks))


def search_latency(target: str) -> None:
    """Open the index (warm cache) and time each keystroke's query; prints the times in seconds."""
    from alignlearn.search.building import open_index

    index = open_index(target)
    times = []
    for phrase in TYPED:
        for end in range(1, len(phrase) + 1):
            query = phrase[:end]
            if not query.strip():
                continue
            started = time.perf_counter()
            index.search(query, limit=20)
            times.append(time.perf_counter() - started)
    print(json.dumps(times))


def memory(target: str) -> None:
    """Peak memory of opening the course, indexing it from the cache and searching it."""
    import resource

    from alignlearn.course.catalog import open_course
    from alignlearn.search.building import build_index

    course = open_course(target)
    index = build_index(course)
    for phrase in TYPED:
        index.search(phrase)
    course.lesson(course.lessons[0].id)
    print(json.dumps({"rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


CHILDREN = {"reader": reader_first_frame, "latency": search_latency, "memory": memory}


# --- the parent -----------------------------------------------------------------


class Bench:
    def __init__(self, folder: Path):
        self.folder = folder
        self.cold_count = 0
        # Compiled bytecode, as an installed alignlearn has, kept out of the source tree.
        self.env = {"PYTHONPYCACHEPREFIX": str(folder / "pycache"), "PYTHONDONTWRITEBYTECODE": "",
                    "NO_COLOR": "1", "ALIGNLEARN_DATA_DIR": str(folder / "data"),
                    "ALIGNLEARN_CONFIG_DIR": str(folder / "config")}

    def cache(self, warm: bool) -> dict:
        if warm:
            return {"ALIGNLEARN_CACHE_DIR": str(self.folder / "cache-warm")}
        self.cold_count += 1
        return {"ALIGNLEARN_CACHE_DIR": str(self.folder / f"cache-cold-{self.cold_count}")}

    def child(self, kind: str, target: Path, warm: bool = True) -> object:
        env = {**os.environ, **self.env, **self.cache(warm), "BENCH_T0": repr(time.time())}
        out = subprocess.run([PYTHON, __file__, "--child", kind, str(target)], capture_output=True, text=True,
                             env=env, timeout=600)
        if out.returncode != 0:
            raise SystemExit(f"{kind} on {target} failed:\n{out.stderr[-3000:]}")
        return json.loads(out.stdout.strip().splitlines()[-1])

    def command(self, argv: list[str], warm: bool = True) -> float:
        return time_command(argv, {**self.env, **self.cache(warm)})


def search_argv(course: Path) -> list[str]:
    return [PYTHON, "-m", "alignlearn", "search", QUERY, "--course", str(course)]


def side_by_side(measure, repeats: int) -> tuple[float, float, float]:
    """Medians of ``measure(small)`` and ``measure(large)``, interleaved, and the median
    of each pair's ratio.

    A pair is measured back to back, so a slow spell of the machine (they come and go
    over seconds here, and move single runs by half) hits both of a pair alike; the
    ratio of the two medians is printed too, for context.
    """
    small, large = [], []
    for number in range(repeats):  # which goes first alternates, so drift within a pair evens out
        if number % 2:
            large.append(measure("large"))
            small.append(measure("small"))
        else:
            small.append(measure("small"))
            large.append(measure("large"))
    paired = statistics.median(big / little for little, big in zip(small, large))
    return statistics.median(small), statistics.median(large), paired


def line(name: str, measured: tuple[float, float, float], target: float | None) -> bool:
    small, large, ratio = measured
    verdict = "" if target is None else ("  ok" if ratio <= target else f"  OVER {target}x")
    print(f"  {name:<30} {large * 1000:9.1f} ms   4 lessons {small * 1000:8.1f} ms   "
          f"ratio {ratio:5.2f}x (of medians {large / small:4.2f}x){verdict}")
    return target is None or ratio <= target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=2116)
    parser.add_argument("--repeats", type=int, default=11)
    parser.add_argument("--cold-repeats", type=int, default=5)
    parser.add_argument("--check-repeats", type=int, default=3)
    parser.add_argument("--skip-check", action="store_true", help="skip timing `check` (about half a minute)")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "TARGET"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        CHILDREN[args.child[0]](args.child[1])
        return 0

    ok = True
    with tempfile.TemporaryDirectory(prefix="alignlearn-scale-") as name:
        folder = Path(name)
        started = time.perf_counter()
        courses = {"small": make_course(folder / "small", 4, seed=1),
                   "large": make_course(folder / "large", args.lessons, seed=1)}
        hour_ago = time.time_ns() - 3600 * 10**9
        for course in courses.values():
            for entry in os.scandir(course):
                os.utime(entry.path, ns=(hour_ago, hour_ago))
        print(f"{args.lessons} lessons generated in {time.perf_counter() - started:.1f} s; "
              f"median of {args.repeats} runs warm, {args.cold_repeats} cold, each a fresh process")
        bench = Bench(folder)
        for course in courses.values():  # fill the warm cache, compile the bytecode
            bench.child("reader", course)
            bench.command(search_argv(course))

        print("Reader, spawn to first frame with lesson text:")
        frames: dict[str, list[dict]] = {"small": [], "large": []}

        def reader(size: str, warm: bool = True) -> float:
            marks = bench.child("reader", courses[size], warm)
            frames[size].append(marks)
            return marks["first"]

        ok &= line("warm cache", side_by_side(reader, args.repeats), 1.2)
        ok &= line("cold cache (first run ever)", side_by_side(lambda size: reader(size, warm=False),
                                                               args.cold_repeats), 2.0)

        print(f"alignlearn search '{QUERY}', start to exit:")
        ok &= line("warm cache", side_by_side(lambda size: bench.command(search_argv(courses[size])),
                                              args.repeats * 3), 1.2)
        line("cold cache (first run ever)", side_by_side(
            lambda size: bench.command(search_argv(courses[size]), warm=False), args.cold_repeats), None)

        times = bench.child("latency", courses["large"])
        median, slowest = statistics.median(times), max(times)
        p90 = statistics.quantiles(times, n=10)[-1]
        verdict = "ok" if median < 0.010 else "OVER 10 ms"
        ok &= median < 0.010
        print(f"In-process search, {len(times)} queries typed a key at a time on {args.lessons} lessons:")
        print(f"  median {median * 1000:6.2f} ms  p90 {p90 * 1000:6.2f} ms  slowest {slowest * 1000:6.2f} ms"
              f"  (target: median < 10 ms) {verdict}")

        if not args.skip_check:
            print(f"alignlearn check, start to exit, median of {args.check_repeats}:")
            check = [PYTHON, "-m", "alignlearn", "check"]
            small, large, _ = side_by_side(lambda size: bench.command(check + [str(courses[size])]),
                                           args.check_repeats)
            verdict = "ok" if large < 10 else "OVER 10 s"
            ok &= large < 10
            print(f"  {args.lessons} lessons {large:7.1f} s   4 lessons {small:6.2f} s   (target < 10 s) {verdict}")

        opened = bench.child("memory", courses["large"])["rss_mib"]
        opened_small = bench.child("memory", courses["small"])["rss_mib"]
        built = bench.child("memory", courses["large"], warm=False)["rss_mib"]
        built_small = bench.child("memory", courses["small"], warm=False)["rss_mib"]
        reader_rss = max(m["rss_mib"] for m in frames["large"])
        reader_small = max(m["rss_mib"] for m in frames["small"])
        print("Peak memory (max RSS):")
        for name, large, small in (("open + index + search, warm", opened, opened_small),
                                   ("open + index + search, cold", built, built_small),
                                   ("reader, first frame", reader_rss, reader_small)):
            verdict = "ok" if large < 120 else "OVER 120 MiB"
            ok &= large < 120
            print(f"  {name:<34} {large:7.1f} MiB   4 lessons {small:6.1f} MiB   (target < 120 MiB) {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
