"""Errors and notes that quote what the user typed never carry raw ESC (issue 15)."""

from __future__ import annotations

import pytest

from alignlearn import cli

OSC = "\x1b]0;pwned\x07"
CSI = "\x1b[31m"


@pytest.mark.parametrize("argv", [
    ["cat", f"x{OSC}"],
    ["cat", f"/nope{CSI}/lesson.md"],
    [f"--x{CSI}"],
    ["check", f"/nope{CSI}"],
    ["new", f"a{CSI}"],
    ["search", f"q{CSI}", "--course", "{course}"],
    ["progress", "export", f"/nonexistent{CSI}/f"],
    ["progress", "import", f"/nonexistent{CSI}/f"],
    ["serve", "--port", "8765", "--host", f"h{CSI}"],
])
def test_what_the_user_typed_is_quoted_made_printable(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NO_COLOR", "1")
    for name in ("DATA", "CONFIG", "CACHE"):
        monkeypatch.setenv(f"ALIGNLEARN_{name}_DIR", str(tmp_path / name.lower()))
    course = tmp_path / "course"
    course.mkdir()
    (course / "one.md").write_text('+++\nid = "one"\ntitle = "One"\n+++\n\n## One\n\nText.\n', encoding="utf-8")
    argv = [arg.replace("{course}", str(course)) for arg in argv]
    cli.main(argv)
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "\u241b" in out + err  # the ESC shown as its control picture, the text kept
