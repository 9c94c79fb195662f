"""A code block that is never closed: markdown-it runs it to the end of the file, so every
heading, paragraph and list after its opening fence is shown as code, and no error says why
(a walkthrough's lesson lost its last section to a ```bash with no closing fence)."""

from __future__ import annotations

import re

from alignlearn.course.problems import Problems

_OPENING = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")


def unclosed_fence(body: str, body_line: int, found: Problems) -> None:
    """Warn at the opening fence of a code block still open at the end of ``body`` (whose
    first line is line ``body_line`` of the file) when a heading follows it."""
    lines = body.split("\n")
    opened: tuple[int, str, int] | None = None  # (line index, fence, column)
    closing = None  # the line that closes it: the same character, at least as many
    for number, line in enumerate(lines):
        if opened is None:
            match = _OPENING.match(line)
            if match and not (match.group(2)[0] == "`" and "`" in match.group(3)):  # "```x```" is inline code
                opened = (number, match.group(2), len(match.group(1)) + 1)
                closing = re.compile(r"^ {0,3}" + re.escape(opened[1][0]) + "{" + str(len(opened[1])) + r",}[ \t]*$")
        elif closing.match(line):
            opened = None
    heading = next((match for line in lines[opened[0] + 1:] if (match := _HEADING.match(line))), None) if opened else None
    if heading is not None:  # a last block of code left open loses nothing; a section after it is lost
        found.warning(opened[0] + body_line, opened[2],
                      f"this code block is never closed: the rest of the file is shown as code, the heading "
                      f"'{heading.group(1)} {heading.group(2)}' with it; end the block with a line '{opened[1]}'")
