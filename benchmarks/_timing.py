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
                   env=command_env(env))
    return time.perf_counter() - start


def command_env(env: dict | None = None) -> dict:
    """The environment a learner's command runs in: bytecode cached, as an install leaves
    it (with PYTHONDONTWRITEBYTECODE, set on some machines, every run compiles every
    module from source, and the figure measures the compiler)."""
    merged = {**os.environ, **(env or {})}
    merged.pop("PYTHONDONTWRITEBYTECODE", None)
    return merged


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


def run_child(script: str, args: list[str], folder, cwd, timeout: float = 120) -> dict:
    """Run ``script --child ARGS`` in a fresh process, timed from now (``BENCH_T0``), with
    compiled bytecode kept out of the source tree and private data, config and cache
    folders under ``folder``; the JSON on its last line of output."""
    import json

    env = dict(os.environ, BENCH_T0=repr(time.time()), PYTHONPYCACHEPREFIX=str(folder / "pycache"),
               ALIGNLEARN_CACHE_DIR=str(folder / "cache"), ALIGNLEARN_DATA_DIR=str(folder / "data"),
               ALIGNLEARN_CONFIG_DIR=str(folder / "config"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("NO_COLOR", None)
    out = subprocess.run([sys.executable, script, "--child", *args],
                         capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout)
    if out.returncode != 0:
        raise SystemExit(f"{args[0]} run failed:\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])
