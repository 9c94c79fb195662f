"""``alignlearn [PATH] [--lesson ID]``: the reader, at the place the learner left off."""

from __future__ import annotations

from pathlib import Path

from alignlearn.commands.common import NotFound, needs_terminal, refuse_other_file


def run(args) -> int:
    for named in (args.course, args.path):  # bad input first: it is what the learner must fix
        if named and not Path(named).exists():
            raise NotFound(f"no course at {named}")
        if named:
            refuse_other_file(named)
    needs_terminal()
    from alignlearn.ui.app import run_reader

    return run_reader(args.path, course=args.course, lesson=args.lesson)
