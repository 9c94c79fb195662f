"""Saving progress after a quiz, on a course of 2,116 lessons with full progress.

Run: python benchmarks/bench_progress.py
Target (issue 4): ``ProgressStore.add_attempt`` (lock, check the file, merge, write
atomically with fsync) under 50 ms, in-process median.

Every lesson has 4-8 sections read, a reading position and 2-3 attempts of 10
questions: about 5 MB of TOML. The baseline, measured in the same run and
interleaved with the subject, is rendering the same progress whole with
``tomli_w.dumps`` and writing it the same atomic way: what a naive store would pay.
For the record it also times the paths that must parse the file: the first load,
and a save right after another process wrote; and a new session's load from
the parsed snapshot the first load left in the cache.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import tomli_w  # noqa: E402

from alignlearn.progress import Attempt, Position, Progress, ProgressStore  # noqa: E402
from alignlearn.progress.codec import to_document  # noqa: E402
from alignlearn.progress.files import atomic_write  # noqa: E402

LESSONS = 2116
RUNS = 30
TARGET_MS = 50.0
COURSE = "ai-alignment"
START = datetime(2025, 1, 1, tzinfo=timezone.utc)


def full_progress(rng: random.Random) -> Progress:
    progress = Progress()
    course = progress.course(COURSE)
    course.last_lesson, course.last_opened = "lesson-0000", START
    choices = ["Most human preference labelling", "Pretraining", "Red-teaming"]
    for number in range(LESSONS):
        lesson = course.lesson(f"lesson-{number:04d}")
        sections = [f"section-{k}-on-the-topic-of-this-lesson" for k in range(rng.randint(4, 8))]
        lesson.sections_read = set(sections)
        lesson.position = Position(sections[-1], rng.randint(0, 300), START + timedelta(seconds=number))
        for attempt in range(rng.randint(2, 3)):
            answers = {f"q{q}": rng.choice([rng.choice(choices), rng.sample(choices, 2), True])
                       for q in range(10)}
            correct = {f"q{q}": rng.random() < 0.7 for q in range(10)}
            lesson.attempts.append(Attempt(START + timedelta(days=attempt, seconds=number),
                                           sum(correct.values()), 10, answers, correct))
    return progress


def a_quiz(rng: random.Random, number: int) -> Attempt:
    correct = {f"q{q}": rng.random() < 0.7 for q in range(10)}
    return Attempt(START + timedelta(days=30, seconds=number), sum(correct.values()), 10,
                   {f"q{q}": "Most human preference labelling" for q in range(10)}, correct)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main() -> int:
    rng = random.Random(2116)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ALIGNLEARN_CACHE_DIR"] = str(Path(folder) / "cache")  # not the user's cache
        path = Path(folder) / "progress.toml"
        seeded = full_progress(rng)
        store = ProgressStore(path)
        store.update(lambda p: setattr(p, "courses", seeded.courses))
        size = path.stat().st_size
        baseline_path = Path(folder) / "baseline.toml"

        def baseline() -> float:
            began = time.perf_counter()
            atomic_write(baseline_path, tomli_w.dumps(to_document(store.progress)).encode())
            return time.perf_counter() - began

        def subject(number: int) -> float:
            lesson = f"lesson-{rng.randrange(LESSONS):04d}"
            began = time.perf_counter()
            store.add_attempt(COURSE, lesson, a_quiz(rng, number))
            return time.perf_counter() - began

        for number in range(3):  # warm up
            subject(number)
        saves, bases = [], []
        for number in range(RUNS):
            saves.append(subject(100 + number))
            if number % 3 == 0:
                bases.append(baseline())
        assert store.saving_failed is None, store.saving_failed

        began = time.perf_counter()
        ProgressStore(path).load()
        first_load = time.perf_counter() - began
        began = time.perf_counter()
        ProgressStore(path).load()  # the first load left a parsed snapshot in the cache
        snapshot_load = time.perf_counter() - began

        other = ProgressStore(path)
        other.load()
        other.mark_section_read(COURSE, "lesson-0001", "from-another-reader")
        began = time.perf_counter()
        store.add_attempt(COURSE, "lesson-0002", a_quiz(rng, 1000))
        after_other = time.perf_counter() - began
        assert "from-another-reader" in store.progress.find(COURSE, "lesson-0001").sections_read

    save, base = statistics.median(saves), statistics.median(bases)
    print(f"Progress of {LESSONS} lessons, {size / 1e6:.1f} MB of TOML")
    verdict = "ok" if save * 1000 < TARGET_MS else f"OVER {TARGET_MS:.0f} ms"
    print(f"  add_attempt (lock, check, merge, atomic write), median of {len(saves)}:"
          f"{ms(save)}  {verdict}")
    print(f"  baseline: tomli_w.dumps + atomic write, median of {len(bases)}:       "
          f"{ms(base)}")
    print(f"  ratio add_attempt / baseline: {save / base:.3f}x")
    print(f"  for the record, paths that parse the file: first load{ms(first_load)}, "
          f"a save right after another reader's{ms(after_other)}")
    print(f"  a new session's load of the same file, from its parsed snapshot:{ms(snapshot_load)}"
          f"  ({snapshot_load / first_load:.3f}x the first load)")
    return 0 if save * 1000 < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
