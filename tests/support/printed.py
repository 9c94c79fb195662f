"""A lesson as ``alignlearn cat`` prints it, for tests that compare two ways of reading one."""

from __future__ import annotations

from rich.console import Console, Group

from alignlearn.render import parts


def printed(lesson, course, width: int) -> list[str]:
    console = Console(width=width, color_system=None, force_terminal=False)
    with console.capture() as captured:
        console.print(Group(*(renderable for _, renderable in parts(lesson, course, width))))
    return captured.get().splitlines()
