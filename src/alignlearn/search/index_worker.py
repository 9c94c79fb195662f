"""Index a course for search in a process of its own: ``python -m alignlearn.search.index_worker FOLDER``.

Started by ``elsewhere.py``; prints ``done total`` as it goes.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from alignlearn.course.catalog import open_course
    from alignlearn.search.building import build_index

    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python -m alignlearn.search.index_worker FOLDER", file=sys.stderr)
        return 2

    def progress(done: int, total: int) -> None:
        print(done, total, flush=True)

    build_index(open_course(Path(argv[0])), progress, elsewhere=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
