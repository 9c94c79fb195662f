"""``alignlearn [PATH] [--lesson ID]``: the reader, at the place the learner left off."""

from __future__ import annotations


def run(args) -> int:
    from alignlearn.ui.app import run_reader

    return run_reader(args.path, course=args.course, lesson=args.lesson)
