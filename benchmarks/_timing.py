"""Shared timing helpers: medians of whole-process runs, measured side by side.

These machines are noisy, so every figure is a ratio against a baseline measured
in the same run, alternating baseline and subject so drift hits both alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time


def time_command(argv: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env={**os.environ, **(env or {})})
    return time.perf_counter() - start


def compare(baseline: list[str], subjects: dict[str, list[str]], repeats: int = 15,
            env: dict | None = None) -> dict[str, tuple[float, float, float]]:
    """Median seconds of each subject and of the baseline, interleaved; returns name -> (subject, base, ratio)."""
    base_times: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in subjects}
    time_command(baseline, env)  # warm the file cache
    for argv in subjects.values():
        time_command(argv, env)
    for _ in range(repeats):
        base_times.append(time_command(baseline, env))
        for name, argv in subjects.items():
            times[name].append(time_command(argv, env))
    base = statistics.median(base_times)
    return {name: (statistics.median(t), base, statistics.median(t) / base) for name, t in times.items()}


def report(title: str, results: dict[str, tuple[float, float, float]], target: float | None = None) -> bool:
    print(title)
    ok = True
    for name, (subject, base, ratio) in results.items():
        verdict = ""
        if target is not None:
            verdict = "  ok" if ratio <= target else f"  OVER {target}x"
            ok = ok and ratio <= target
        print(f"  {name:<40} {subject * 1000:8.1f} ms  baseline {base * 1000:8.1f} ms  ratio {ratio:5.2f}x{verdict}")
    return ok


PYTHON = sys.executable
