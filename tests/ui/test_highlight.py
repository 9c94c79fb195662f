"""Code highlighted by its fence's language (issue 17, item 7): in the reader and in `cat`
on a terminal; plain with NO_COLOR, on a pipe, for unknown languages and huge blocks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from alignlearn.course.body import Code
from alignlearn.render import code as render_code
from alignlearn.render.code import CodeBlock, language_name, lexer_for
from alignlearn.ui.app import build_app
from pilot import settle

PYTHON = '```python\ndef area(r):\n    return 3.14 * r * r  # the area of a circle\n```\n'
BODY = "Intro.\n\n## Code\n\n" + PYTHON + "\nAfter.\n"


def write(folder: Path, body: str = BODY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.toml").write_text('format_version = 1\nid = "t"\ntitle = "T"\norder = ["code"]\n')
    file = folder / "code.md"
    file.write_text('+++\nid = "code"\ntitle = "Code"\n+++\n\n' + body, encoding="utf-8")
    return file


def colours(segments) -> set:
    return {seg.style.color.name for seg in segments if seg.style is not None and seg.style.color is not None}


def code_lines(page) -> list:
    return [line for line in page.lines if "def area" in "".join(s.text for s in line)
            or "return 3.14" in "".join(s.text for s in line)]


@pytest.mark.parametrize("info, name", [("python", "python"), ("rust,ignore", "rust"), ("rust {.x}", "rust"),
                                        (" Python ", "python"), ("", "")])
def test_the_language_is_the_first_word_of_the_info_string(info, name):
    assert language_name(info) == name


def test_unknown_and_missing_languages_have_no_lexer():
    assert lexer_for("no-such-language-here") is None and lexer_for("") is None
    assert lexer_for("rust,ignore") is not None


def render(item: Code, width: int = 40, no_color: bool = False) -> list:
    console = Console(width=width, color_system=None, no_color=no_color)
    return console.render_lines(CodeBlock(item), console.options.update_width(width), pad=False)


def test_a_known_language_is_coloured_and_wrapped_within_the_width():
    item = Code(1, 'fn main() { let greeting = String::from("hello, world"); println!("{}", greeting); }',
                "rust")
    lines = render(item, 30)
    assert len(colours([s for line in lines for s in line])) >= 3
    assert all(sum(len(s.text) for s in line) <= 30 for line in lines)
    text = "".join("".join(s.text for s in line).strip() for line in lines)
    assert text.replace(" ", "") == item.text.replace(" ", "")  # nothing lost in the wrap
    plain = render(item, 30, no_color=True)
    assert colours([s for line in plain for s in line]) == {"cyan"}  # as code was before
    assert ["".join(s.text for s in line) for line in plain] == ["".join(s.text for s in line) for line in lines]


def test_unknown_languages_and_huge_blocks_are_plain():
    assert colours([s for line in render(Code(1, "x = 1", "klingon")) for s in line]) == {"cyan"}
    huge = Code(1, "x = 1\n" * (render_code.MAX_HIGHLIGHT // 6 + 1), "python")
    assert colours([s for line in render(huge)[:3] for s in line]) == {"cyan"}


async def test_the_reader_colours_python_code(tmp_path):
    app = build_app(str(write(tmp_path / "course")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = code_lines(app.lesson_screen.view.page)
        assert len(lines) == 2
        assert len(colours([s for line in lines for s in line])) >= 3  # keyword, number, comment ...
        strips = [app.lesson_screen.view.render_line(y) for y in range(20)]
        assert any("def area" in strip.text for strip in strips)


async def test_the_reader_with_no_color_does_not_highlight(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(str(write(tmp_path / "course")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = code_lines(app.lesson_screen.view.page)
        assert len(lines) == 2 and colours([s for line in lines for s in line]) <= {"cyan"}


def run_cat(file: Path, *args: str, env: dict | None = None) -> str:
    import os

    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | (env or {})
    out = subprocess.run([sys.executable, "-m", "alignlearn", "cat", str(file), *args], capture_output=True,
                         text=True, env=environment, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_cat_to_a_pipe_is_plain(tmp_path):
    out = run_cat(write(tmp_path / "course"), "--width", "80")
    assert "\x1b" not in out and "def area(r):" in out and "# the area of a circle" in out


def test_cat_on_a_terminal_is_coloured_and_not_with_no_color(tmp_path):
    import pty  # cat decides by whether its output is a terminal: give it one

    file = write(tmp_path / "course")

    def through_pty(env: dict) -> str:
        import os

        leader, follower = pty.openpty()
        environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env | {"TERM": "xterm-256color"}
        process = subprocess.Popen([sys.executable, "-m", "alignlearn", "cat", str(file), "--width", "80"],
                                   stdout=follower, stderr=subprocess.PIPE, env=environment)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
        os.close(leader)
        return b"".join(chunks).decode("utf-8", "replace")

    coloured = through_pty({})
    line = next(row for row in coloured.splitlines() if "area" in row and "def" in row)
    assert line.count("\x1b[") >= 3  # several colours on the line, not one style for the block
    plain = through_pty({"NO_COLOR": "1"})
    assert "\x1b" not in plain and "def area(r):" in plain


def test_the_first_screen_does_not_wait_for_a_lexer_to_load(monkeypatch):
    """A lexer not loaded yet (Python's takes 50 ms): the first page shows the code plain,
    then the lexers load and the lesson comes again in colour, the last page complete."""
    from alignlearn.course.lesson import Lesson, parse_sections
    from alignlearn.render.stream import console_for, stream_highlighted

    monkeypatch.setattr(render_code, "_lexers", {})
    intro, sections = parse_sections(BODY, 1)
    lesson = Lesson(_info(), intro, sections)
    pages = list(stream_highlighted(lesson, None, 60, console=console_for(60), screen=5))
    assert len(pages) >= 2 and not pages[0].complete and pages[-1].complete
    assert colours([s for line in code_lines(pages[0]) for s in line]) == {"cyan"}
    assert len(colours([s for line in code_lines(pages[-1]) for s in line])) >= 3
    # once loaded, no plain page first
    again = list(stream_highlighted(lesson, None, 60, console=console_for(60), screen=5))
    assert len(colours([s for line in code_lines(again[0]) for s in line])) >= 3
    # and none at all with no colour
    plain = list(stream_highlighted(lesson, None, 60, console=console_for(60, no_color=True), screen=5))
    assert all(colours([s for line in code_lines(page) for s in line]) == {"cyan"} for page in plain)


def _info():
    from alignlearn.course.lesson import LessonInfo

    return LessonInfo(id="code", title="Code", file=Path("code.md"))
