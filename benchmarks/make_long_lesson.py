"""Write a long lesson (about 10,000 lines by default) for the reader's benchmark.

The body repeats the seed lesson's sections (paragraphs, lists, quotes, code and a
comparison table) with fresh numbers, so it looks like a real, very long lesson.

    python benchmarks/make_long_lesson.py OUT_FOLDER [--lines N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "lessons" / "alignment-technical-problem.md"

FRONT = '''+++
id = "long-lesson"
title = "A Very Long Lesson"
subtitle = "Generated for the reader benchmark"
audience = "Benchmarks"
minutes = 600
path = ["Part 1: The core problem in one sentence", "Part 2: Comparing approaches"]
concepts = ["alignment", "RLHF"]
big_idea = "Long lessons must open as fast as short ones."

[terms]
RLHF = "Reinforcement learning from human feedback."
+++
'''


def seed_body() -> list[str]:
    text = SEED.read_text(encoding="utf-8").split("\n")
    fences = [n for n, line in enumerate(text) if line.strip() == "+++"]
    return text[fences[1] + 1:]


def long_lesson(lines: int) -> str:
    body = seed_body()
    out = FRONT.split("\n")
    part = 0
    while len(out) < lines:
        part += 1
        for line in body:
            if line.startswith("## "):
                line = f"## Part {part}: {line[3:]}"
            out.append(line)
            if len(out) >= lines:
                break
    return "\n".join(out) + "\n"


def write_course(folder: Path, lines: int = 10_000) -> Path:
    """A one-lesson course in ``folder``; returns the lesson file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.toml").write_text(
        'format_version = 1\nid = "long"\ntitle = "Long course"\norder = ["long-lesson"]\n', encoding="utf-8")
    lesson = folder / "long-lesson.md"
    lesson.write_text(long_lesson(lines), encoding="utf-8")
    return lesson


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--lines", type=int, default=10_000)
    args = parser.parse_args(argv)
    print(write_course(args.folder, args.lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
