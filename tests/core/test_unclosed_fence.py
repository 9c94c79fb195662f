"""`check` warns of a code block never closed (authoring/fences.py): markdown-it runs it to the
end of the file, and the headings after it were shown as code with no word of why."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from alignlearn.authoring.fences import unclosed_fence
from alignlearn.course.problems import Problems


def warned(body: str, body_line: int = 1) -> list[tuple[int, int, str]]:
    found = Problems("lesson.md")
    unclosed_fence(body, body_line, found)
    return [(p.line, p.col, p.message) for p in found]


def test_a_fence_left_open_is_warned_of_at_its_line_with_the_heading_it_swallows():
    body = "Intro.\n\n## One\n\n  ```bash\nls\n\n## Two\n\nMore.\n"
    [(line, col, message)] = warned(body, body_line=6)
    assert (line, col) == (10, 3)
    assert "never closed" in message and "'## Two'" in message and "a line '```'" in message


@pytest.mark.parametrize("body", [
    "```\ncode\n```\n\n## Next\n",  # closed
    "~~~~\ncode\n~~~\nstill code\n~~~~\n\n## Next\n",  # closed only by a fence as long
    "Text with ```inline``` code.\n\n## Next\n",  # an inline span, not a fence
    "```\ncode at the end\n\nmore code\n",  # open, but only code after it: nothing lost
    "    ```\nindented four: code, not a fence\n\n## Next\n",
])
def test_closed_fences_inline_code_and_a_last_open_block_are_not_warned_of(body):
    assert warned(body) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="`~# \nab", max_size=200))
def test_any_text_is_read_without_error(body):
    for line, col, _ in warned(body):
        assert line >= 1 and col >= 1


def test_check_reports_it(tmp_path):
    (tmp_path / "a.md").write_text('+++\nid = "a"\ntitle = "A"\n+++\n\n## One\n\n```bash\nls\n\n## Two\n\nMore.\n')
    result = subprocess.run([sys.executable, "-m", "alignlearn", "check", str(tmp_path)], capture_output=True, text=True)
    assert f"{tmp_path / 'a.md'}:8:1: warning: this code block is never closed" in result.stdout
    assert result.returncode == 0  # a warning
