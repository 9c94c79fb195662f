"""Problems found in a course, reported the way compilers do: ``FILE:LINE:COL``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from alignlearn.untrusted import printable

ERROR = "error"
WARNING = "warning"


def shown_file(file: str) -> str:
    """``file`` as a problem names it to the author: relative to the current folder when it
    is in it (``first-lesson.md:11:1``, as an editor beside it and the docs show it), else
    as it is (an absolute path stays absolute: a relative one outside would read as ``../..``).

    The one rule for every place a problem is printed (``check`` as text and JSON, ``cat``,
    ``quiz``, ``ask``, ``lessons``, the reader); what a problem holds stays the full path."""
    if not os.path.isabs(file):
        return file
    try:
        here = os.getcwd()
    except OSError:  # the current folder was removed
        return file
    if os.path.dirname(here) == here:  # in / every path is "under" it: "tmp/x.md" reads as a mistake
        return file
    for candidate in (file, os.path.realpath(file)):  # a path through a symbolic link to here too
        try:
            relative = os.path.relpath(candidate, here)
        except ValueError:  # another drive
            continue
        if relative not in (os.curdir, os.pardir) and not relative.startswith(os.pardir + os.sep):
            return relative
    return file  # the current folder itself ("no lessons found" in it) is named in full


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    severity: str
    message: str
    hint: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        # Messages quote keys, ids and choices from the file: none of it may reach a
        # terminal as anything but text, or forge a line of ``check``'s output.
        object.__setattr__(self, "message", printable(self.message, one_line=True))
        object.__setattr__(self, "hint", printable(self.hint, one_line=True))

    def __str__(self) -> str:
        file = printable(shown_file(self.file), one_line=True)
        text = f"{file}:{self.line}:{self.col}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_dict(self) -> dict:
        data = {
            "file": shown_file(self.file),
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "message": self.message,
        }
        if self.hint:
            data["hint"] = self.hint
        return data


class LessonError(Exception):
    """A file that cannot be loaded at all; ``problems`` says why and where."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class Problems(list):
    """A list of problems that knows which file it is collecting for."""

    def __init__(self, file: str | Path):
        super().__init__()
        self.file = str(file)
        # Invisible or control characters reported one by one so far, and whether the
        # rest were summed up: a file of a million ESC bytes gets twenty warnings, not a million.
        self.characters = 0
        self.characters_summed = False

    def error(self, line: int, col: int, message: str, hint: str = "") -> None:
        self.append(Problem(self.file, max(line, 1), max(col, 1), ERROR, message, hint))

    def warning(self, line: int, col: int, message: str, hint: str = "") -> None:
        self.append(Problem(self.file, max(line, 1), max(col, 1), WARNING, message, hint))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self)

    def fail(self, line: int, col: int, message: str, hint: str = "") -> LessonError:
        self.error(line, col, message, hint)
        return LessonError(list(self))
