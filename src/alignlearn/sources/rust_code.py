"""Rust code as mdBook shows it: hidden lines left out, Aquascope's marks dropped.

Apart from the directives, so a quiz (``sources/mdbook_quiz.py``) can clean its code
without loading the reader of chapters' directives.
"""

from __future__ import annotations

import re

FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})(.*)\Z")
RUSTFENCES = {"rust", "ignore", "should_panic", "no_run", "compile_fail", "edition2015", "edition2018",
              "edition2021", "edition2024", "editable", "noplayground"}
_AQUASCOPE_MARK = re.compile(r"`(?:\[[^`\]]*\]|\{[^`}]*\}|\([^`)]*\))`")


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
        out.append(line)
        kept.append(number)
    return out, kept
