"""Directives never raise on any text, and every line of the result maps into the chapter."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from alignlearn.course.problems import Problems
from alignlearn.sources.directives import expand
from mdbook_support import make_book

PIECES = st.sampled_from(["{{#include part.txt}}", "{{#include part.txt:2:}}", "{{#include part.txt:nope}}",
                          "{{#rustdoc_include ../listings/main.rs:here}}", "{{#quiz ../quizzes/one.toml}}",
                          "{{#include ../../x}}", "{{#title T}}", "{{#weird a b}}", "\\{{#include a}}", "```rust",
                          "```", "# hidden", "\n", "text ", "{{#", "}}", "\ue000", "\ue0001\ue000", ":", "ANCHOR: here"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES | st.text(max_size=20), max_size=30))
def test_never_raises_and_lines_map_into_the_chapter(tmp_path, pieces):
    root = tmp_path / "book"
    if not root.exists():
        make_book(root, {"c.md": "", "part.txt": "a\nb\nc\n"}, summary="- [C](c.md)\n")
    text = "".join(pieces)
    chapter = root / "src" / "c.md"
    expanded = expand(text, chapter, root, Problems(chapter), first_line=3)
    assert len(expanded.lines) == len(expanded.text.split("\n"))
    last = 3 + text.count("\n")
    assert all(3 <= line <= last for line in expanded.lines)
