"""``alignlearn progress show`` of a progress file of 100,000 lessons.

Run: python benchmarks/bench_progress_show.py [--lessons N]
Target (issue 15): showing is linear and streams, so it costs little more than reading
the file: the table and ``--json`` each within 1.5 times the time of loading the
progress alone (the baseline, same file, same snapshot state, interleaved) and within
32 MB of its peak memory.

Each lesson has one section read, and one lesson in ten an attempt: about 6 MB of TOML,
under the 16 MiB cap. Every run is a whole process, output to /dev/null; peak memory is
the child's maximum resident set size (``wait4``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from alignlearn.progress import Attempt, Progress, dumps  # noqa: E402
from _timing import command_env  # noqa: E402

RUNS = 3
START = datetime(2025, 1, 1, tzinfo=timezone.utc)
LOAD = "from alignlearn.progress import ProgressStore; ProgressStore().load()"


def make(path: Path, lessons: int) -> None:
    progress = Progress()
    course = progress.course("c")
    for number in range(lessons):
        lesson = course.lesson(f"l{number:06d}")
        lesson.sections_read = {"intro"}
        if number % 10 == 0:
            lesson.attempts.append(Attempt(START, number % 5, 4))
    path.write_text(dumps(progress), encoding="utf-8")


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak resident megabytes of one whole process."""
    began = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    took = time.perf_counter() - began
    if child.returncode:
        raise SystemExit(f"{argv} failed with {child.returncode}")
    return took, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=100_000)
    lessons = parser.parse_args().lessons
    with tempfile.TemporaryDirectory() as folder:
        env = {**command_env(), "ALIGNLEARN_DATA_DIR": folder,
               "ALIGNLEARN_CACHE_DIR": str(Path(folder) / "cache"),
               "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
        path = Path(folder) / "progress.toml"
        make(path, lessons)
        size = path.stat().st_size
        subjects = {
            "load only (baseline)": [sys.executable, "-c", LOAD],
            "progress show": [sys.executable, "-m", "alignlearn", "progress", "show"],
            "progress show --json": [sys.executable, "-m", "alignlearn", "progress", "show", "--json"],
        }
        run(subjects["load only (baseline)"], env)  # the first load leaves the parsed snapshot
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in subjects}
        for _ in range(RUNS):
            for name, argv in subjects.items():
                results[name].append(run(argv, env))
    print(f"progress show, {lessons} lessons, {size / 1e6:.1f} MB of TOML, median of {RUNS}")
    base_time = statistics.median(t for t, _ in results["load only (baseline)"])
    base_peak = max(m for _, m in results["load only (baseline)"])
    ok = True
    for name, runs in results.items():
        took, peak = statistics.median(t for t, _ in runs), max(m for _, m in runs)
        line = f"  {name:24} {took:7.2f} s  {peak:7.0f} MB peak"
        if name != "load only (baseline)":
            fine = took <= 1.5 * base_time and peak <= base_peak + 32
            ok &= fine
            line += f"  ({took / base_time:.2f}x the time, +{peak - base_peak:.0f} MB)  {'ok' if fine else 'OVER'}"
        print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
