"""Rust code as mdBook shows it: hidden lines left out, Aquascope's marks dropped, and
Aquascope's permissions in prose ("@Perm{read}") as the letters it draws.

Apart from the directives, so a quiz (``sources/mdbook_quiz.py``) can clean its code
without loading the reader of chapters' directives.
"""

from __future__ import annotations

import re

FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})(.*)\Z")
RUSTFENCES = {"rust", "ignore", "should_panic", "no_run", "compile_fail", "edition2015", "edition2018",
              "edition2021", "edition2024", "editable", "noplayground"}
_AQUASCOPE_MARK = re.compile(r"`(?:\[[^`\]]*\]|\{[^`}]*\}|\([^`)]*\))`")
# Aquascope's permissions, as the Rust Book's quiz edition writes them in its prose, "(@Perm{read}@Perm{own})",
# and draws them: the letters R, W, O and F, in bold ("read/own permissions (RO)").
_PERMISSIONS = re.compile(r"(?:@Perm(?:\[[a-z]+\])?\{[a-z]+\})+")  # "@Perm[lost]{write}": drawn as the same letter
_PERMISSION_LETTERS = {"read": "R", "write": "W", "own": "O", "flow": "F"}


def permission_letters(text: str) -> str:
    """``text`` with each run of Aquascope permissions as their letters in bold Markdown."""
    if "@Perm" not in text:
        return text
    return _PERMISSIONS.sub(lambda run: "**" + "".join(_PERMISSION_LETTERS.get(name, name) for name in
                                                       re.findall(r"\{([a-z]+)\}", run.group())) + "**", text)


def hide_rust_lines(lines: list[str], where: list[int]) -> tuple[list[str], list[int]]:
    """Drop the hidden lines (``# ...`` and ``#``) of Rust code blocks; ``## x`` shows as ``# x``.

    An Aquascope block (the interactive Rust Book's diagrams of memory) is Rust with
    its hidden lines starting with ``#`` and its marks in backticks: the code is shown
    as Rust, without them.
    """
    out: list[str] = []
    kept: list[int] = []
    fence, rust, aquascope = "", False, False
    for line, number in zip(lines, where):
        fenced = FENCE.match(line)
        if fenced and not fence:
            fence = fenced.group(1)
            first = fenced.group(2).strip().split(",")[0].strip()
            rust, aquascope = first in RUSTFENCES, first == "aquascope"
            if aquascope:
                line = line[: fenced.start(2)] + "rust"
        elif fenced and fenced.group(1).startswith(fence) and not fenced.group(2).strip():
            fence, rust, aquascope = "", False, False
        elif aquascope:
            if line.lstrip().startswith("#") and not line.lstrip().startswith(("#[", "#!")):
                continue
            line = _AQUASCOPE_MARK.sub("", line)
        elif rust:
            body = line.lstrip()
            if body == "#" or body.startswith("# "):
                continue
            if body.startswith("##"):
                line = line.replace("##", "#", 1)
        elif not fence:
            line = permission_letters(line)
        out.append(line)
        kept.append(number)
    return out, kept
