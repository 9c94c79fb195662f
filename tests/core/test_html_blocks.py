"""HTML in lesson Markdown (issue 17, item 6): notes, alt text, text; never raw, never markup."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from alignlearn.course import load_lesson, open_course
from alignlearn.cache import parsed_lessons as lesson_cache
from alignlearn.course.body import Code, Notes, Paragraph
from alignlearn.course.html_text import MAX_DETAILS_DEPTH, block_html, group
from alignlearn.course.markdown import parse_blocks
from alignlearn.render import blocks as render_blocks


def shown(blocks, width: int = 60) -> str:
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        for renderable in render_blocks.blocks(blocks, width):
            console.print(renderable)
    return capture.get()


def texts(blocks) -> list[str]:
    return [b.plain() for b in blocks]


DETAILS = """<details>
<summary>Show the <b>answer</b></summary>

The answer is **42**.

</details>
"""


def test_details_is_a_notes_block_titled_by_its_summary():
    [notes] = parse_blocks(DETAILS)
    assert isinstance(notes, Notes)
    assert "".join(s.text for s in notes.title) == "Show the answer"
    assert [type(b) for b in notes.blocks] == [Paragraph]
    assert notes.blocks[0].spans[1].text == "42" and "strong" in notes.blocks[0].spans[1].styles
    drawn = shown([notes])
    assert "\u25b8 Show the answer" in drawn and "The answer is 42." in drawn
    assert "<" not in drawn and "summary" not in drawn


def test_details_on_one_line_and_nested_details():
    [outer] = parse_blocks("<details><summary>Out</summary>outer text\n<details><summary>In</summary>"
                           "inner text</details>\n</details>\n\nAfter.\n")[:1]
    assert isinstance(outer, Notes) and "".join(s.text for s in outer.title) == "Out"
    inner = [b for b in outer.blocks if isinstance(b, Notes)]
    assert len(inner) == 1 and inner[0].plain() == "In\ninner text"
    assert texts(parse_blocks("<details><summary>Out</summary>x</details>\n\nAfter.\n")) == ["Out\nx", "After."]


def test_details_without_a_summary_or_a_close():
    [notes] = parse_blocks("<details>\n\nJust text.\n")
    assert isinstance(notes, Notes) and notes.title == [] and texts(notes.blocks) == ["Just text."]
    assert "\u25b8 Details" in shown([notes])
    # a stray closing tag is dropped; a stray summary is bold text
    found = parse_blocks("</details>\n\n<summary>Lonely</summary>\n\nText.\n")
    assert texts(found) == ["Lonely", "Text."] and "strong" in found[0].spans[0].styles


def test_images_breaks_kbd_spans_and_comments_inline():
    [para] = parse_blocks('Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, see <img src="a.png" alt="a &quot;chart&quot;">'
                          ' and <span class="caption">this</span>.<br>Next <!-- hidden --> line.\n')
    assert para.plain() == 'Press Ctrl+C, see [image: a "chart"] and this.\nNext  line.'


def test_img_alone_span_caption_and_block_comment():
    found = parse_blocks('<img src="x.svg" alt="Ferris with a > sign">\n\n<!-- note\nto self -->\n\n'
                         '<span class="caption">Figure 4-1: Memory</span>\n\n<img src="y.png">\n')
    assert texts(found) == ["[image: Ferris with a > sign]", "Figure 4-1: Memory", "[image]"]


def test_the_rust_books_listing_shows_file_name_and_caption():
    found = parse_blocks('<Listing number="4-1" file-name="src/main.rs" caption="A variable and its scope">\n\n'
                         '```rust\nlet s = "hello";\n```\n\n</Listing>\n')
    assert texts(found) == ["Filename: src/main.rs", 'let s = "hello";', "Listing 4-1: A variable and its scope"]
    assert isinstance(found[1], Code) and found[1].language == "rust"


def test_script_style_and_pre():
    found = parse_blocks("<script>alert('<b>x</b>')</script>\n\n<style>p { color: red }</style>\n\n"
                         "<pre><code>if a &lt; b { }\n  two</code></pre>\n\nEnd.\n")
    assert texts(found) == ["if a < b { }\n  two", "End."]
    assert isinstance(found[0], Code)


def test_div_blocks_make_paragraphs_and_lines_are_kept():
    found = parse_blocks("Intro.\n\n<div class=\"warning\">\nFirst\n</div>\n<div>Second</div>\n", first_line=10)
    assert texts(found) == ["Intro.", "First", "Second"]
    assert [b.line for b in found] == [10, 13, 15]


@pytest.mark.parametrize("text, after", [
    ('<div class="x\nstill in the tag\n', True),  # an attribute's quote never closed
    ("<details\n", True),  # a tag never closed
    ("<![CDATA[ raw", True),
    # CommonMark: these blocks run to their end marker, here the end of the lesson
    ("<!-- a comment never closed\nmore\n", False),
    ("<? instruction\n", False),
    ("<!DOCTYPE html\n", False),
])
def test_unterminated_html_leaves_nothing_raw(text, after):
    found = parse_blocks(text + "\nAfter.\n")
    assert "<" not in shown(found) and ("After." in shown(found)) == after


def test_deep_and_long_html_is_bounded():
    deep = "<details><summary>s</summary>\n" * 5_000 + "core\n" + "</details>\n" * 5_000
    start = time.perf_counter()
    found = parse_blocks(deep)
    depth, block = 0, found[0]
    while isinstance(block, Notes):
        depth += 1
        block = next((b for b in block.blocks if isinstance(b, Notes)), None)
    assert depth == MAX_DETAILS_DEPTH
    parsed = time.perf_counter() - start
    text = shown(found, 80)  # drawn once: thousands of flattened notes are slow to draw, not to parse
    assert "core" in text and "<" not in text
    start = time.perf_counter()
    hostile = "<div>\n" + "<a " * 50_000 + "\n" + "<!--" * 50_000 + '"' * 10_000 + "\n"
    parse_blocks(hostile)
    parse_blocks("<p>" + "<" * 100_000 + "\n")
    parse_blocks('<img alt="' + "'" * 50_000 + "\n")
    dense = parse_blocks("Dense " + "<b>[x]</b> " * 3_000 + "\n")  # too much markup: kept as plain text
    assert "<" not in dense[0].plain() and dense[0].plain().startswith("Dense [x] [x]")
    assert parsed + time.perf_counter() - start < 5  # the parsing, without the drawing


def test_group_closes_what_is_left_open_and_drops_stray_closes():
    marks = block_html("</Listing></details><details><summary>T</summary>text", 1)
    folded = group(marks)
    assert len(folded) == 1 and isinstance(folded[0], Notes) and folded[0].plain() == "T\ntext"


def test_native_lessons_without_html_are_unchanged(tmp_path):
    text = "Intro with a < b and 2 > 1, `<code>`, and <https://example.org>.\n"
    [para] = parse_blocks(text)
    assert para.plain() == "Intro with a < b and 2 > 1, <code>, and https://example.org."


def test_notes_survive_the_lesson_cache(tmp_path):
    (tmp_path / "course.toml").write_text('format_version = 1\nid = "c"\ntitle = "C"\norder = ["one"]\n')
    (tmp_path / "one.md").write_text('+++\nid = "one"\ntitle = "One"\n+++\n\n## A\n\n' + DETAILS)
    then = time.time() - 60  # not changed just now: the cache trusts the file's stamps
    os.utime(tmp_path / "one.md", (then, then))
    course = open_course(tmp_path)
    first = lesson_cache.read(course, "one")
    again = lesson_cache.load(course.info("one").file)
    assert again is not None
    [notes] = again.sections[0].blocks
    assert isinstance(notes, Notes) and notes.plain() == first.sections[0].blocks[0].plain()
    assert "".join(s.text for s in notes.title) == "Show the answer"


TAGS = ["details", "summary", "span", "div", "kbd", "b", "Listing", "p", "script", "pre", "code", "em"]
WORDS = st.text(alphabet="abcdefgh ", min_size=1, max_size=12).map(lambda s: s.strip() or "w")


def _tag(name: str, closing: bool) -> str:
    if closing:
        return f"</{name}>"
    extra = {"Listing": ' number="1-1" caption="cap" file-name="f.rs"', "span": ' class="caption"'}
    return f"<{name}{extra.get(name, '')}>"


PIECE = st.one_of(
    WORDS,
    st.builds(_tag, st.sampled_from(TAGS), st.booleans()),
    st.just('<img src="a.png" alt="pic">'), st.just("<br>"), st.just("<!-- c -->"),
    st.just("\n"), st.just("\n\n"),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECE, max_size=40))
def test_no_tag_text_survives(pieces):
    body = "".join(pieces)
    body = "\n".join(line.lstrip() for line in body.split("\n"))  # no indented code blocks
    lesson = parse_blocks(body)
    drawn = shown(lesson, 50)
    assert "<" not in drawn and ">" not in drawn


def test_a_lesson_file_with_html_loads_and_reports_no_error(tmp_path):
    path = tmp_path / "one.md"
    path.write_text('+++\nid = "one"\ntitle = "One"\n+++\n\n## A\n\n' + DETAILS + "\n<img alt=\"x\u202ey\">\n")
    lesson = load_lesson(path)
    assert isinstance(lesson.sections[0].blocks[0], Notes)
    assert "\u202e" not in lesson.sections[0].blocks[1].plain()  # unsafe characters made placeholders
