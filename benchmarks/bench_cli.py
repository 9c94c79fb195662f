"""`alignlearn check` and `alignlearn cat` against the floor: Python importing what they need.

Run: python benchmarks/bench_cli.py
Target (issue 2): each within 1.5x of a process that only imports rich.console,
rich.table, markdown_it and tomllib.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import PYTHON, compare, report  # noqa: E402

FLOOR = [PYTHON, "-c", "import rich.console, rich.table, markdown_it, tomllib"]


def main() -> int:
    # As installed: modules compiled once, then read from their bytecode. (This machine
    # sets PYTHONDONTWRITEBYTECODE, which made every run compile our modules again:
    # 40 ms that no installed alignlearn pays.) The warm-up runs fill the folder.
    pycache = tempfile.mkdtemp(prefix="alignlearn-pycache-")
    # The caches (the catalog, each lesson as parsed) in a folder of their own, never the
    # user's: the warm-up runs fill it, so what is timed is a check of an unchanged course.
    cache = tempfile.mkdtemp(prefix="alignlearn-cache-")
    results = compare(
        FLOOR,
        {
            "alignlearn check (bundled course)": [PYTHON, "-m", "alignlearn", "check"],
            "alignlearn cat (seed lesson)": [PYTHON, "-m", "alignlearn", "cat", "alignment-technical-problem",
                                             "--width", "100"],
        },
        env={"NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": pycache,
             "ALIGNLEARN_CACHE_DIR": cache},
    )
    ok = report("Command start-to-exit, median of 15, vs importing rich+markdown_it+tomllib:", results, 1.5)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
