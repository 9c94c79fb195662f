"""The reader and ``check`` on a real mdBook (the interactive Rust Book), against an empty
Textual app measured in the same run.

    python benchmarks/bench_book.py [--repeats N] [--size 80x24] [--book PATH]

Each run is a fresh process timed from its spawn to the first frame that painted
lesson text (``bench_reader.py``'s child, on the book's folder). Targets:

- the book's first frame, warm (bytecode and the app's caches in place), within 1.3x
  of the empty app's; cold (the app's cache folder emptied first) within 2x;
- ``alignlearn check`` of the whole book under 5 s.

Skipped (exit 0) when the book is not checked out.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
BOOK = Path("/work/books/rust-book")

RUNS = (("empty", "empty", False), ("book, cold", "seed", True), ("book", "seed", False))


def main(argv: list[str] | None = None) -> int:
    from bench_reader import run_once
    from _timing import command_env

    parser = argparse.ArgumentParser(description="The reader and check on a real mdBook.")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--book", default=str(BOOK))
    args = parser.parse_args(argv)
    book = Path(args.book)
    if not (book / "book.toml").is_file():
        print(f"skipped: no mdBook at {book}")
        return 0
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        targets = {"empty": "-", "seed": str(book)}
        for label, kind, cold in RUNS:  # warm up: compile the bytecode, fill the caches
            run_once(kind, targets[kind], args.size, folder, cold)
        firsts: dict[str, list[float]] = {label: [] for label, *_ in RUNS}
        for _ in range(args.repeats):  # interleaved, so a busy moment hurts them all alike
            for label, kind, cold in RUNS:
                firsts[label].append(run_once(kind, targets[kind], args.size, folder, cold)["first"])
        checks = []
        for _ in range(3):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "alignlearn", "check", str(book)], cwd=ROOT,
                                  capture_output=True, text=True, env=command_env())
            checks.append(time.perf_counter() - start)
        summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    empty = statistics.median(firsts["empty"])
    ok = True
    print(f"{book}; terminal {args.size}; median of {args.repeats} runs, each a fresh process timed from its spawn")
    print(f"  empty Textual app: first frame     {empty * 1000:6.0f} ms")
    for label, target in (("book", 1.3), ("book, cold", 2.0)):
        first = statistics.median(firsts[label])
        good = first / empty <= target
        ok = ok and good
        print(f"  {label + ':':18s} first frame      {first * 1000:6.0f} ms   {first / empty:.2f}x "
              f"(target <= {target}x) {'ok' if good else 'MISSED'}")
    check = statistics.median(checks)
    ok = ok and check < 5
    print(f"  check of the whole book            {check * 1000:6.0f} ms   (target < 5 s) "
          f"{'ok' if check < 5 else 'MISSED'}   [{summary}]")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
