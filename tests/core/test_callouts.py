"""Callouts (GitHub alerts) and table captions: parsed, kept in the lesson cache, drawn (issue 18)."""

from __future__ import annotations

import os
import time

import pytest
from printed import printed
from rich.console import Console

from alignlearn.course import open_course
from alignlearn.cache import parsed_lessons as lesson_cache
from alignlearn.course.body import Callout, Paragraph, Quote, Table
from alignlearn.course.markdown import parse_blocks
from alignlearn.render import blocks as render_blocks

TABLE = "| Approach | Feedback |\n|---|---|\n| RLHF | Humans |\n"


@pytest.mark.parametrize("kind", ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION", "note", "Warning"])
def test_each_alert_is_a_callout_with_its_kind_and_without_its_marker(kind):
    [block] = parse_blocks(f"> [!{kind}]\n> Some *text*.\n>\n> Second paragraph.\n")
    assert isinstance(block, Callout) and block.kind == kind.lower()
    assert [b.plain() for b in block.blocks] == ["Some text.", "Second paragraph."]
    assert block.label == kind.capitalize()


@pytest.mark.parametrize("text", ["> A plain quote.\n", "> [!NOTEX] not one\n", "> **[!NOTE]** styled\n",
                                  "> [link](https://example.org) [!NOTE]\n", "[!NOTE] outside a quote\n"])
def test_other_quotes_and_text_are_not_callouts(text):
    found = parse_blocks(text)
    assert not any(isinstance(b, Callout) for b in found)
    assert "NOTE" not in text or "NOTE" in " ".join(b.plain() for b in found)  # nothing lost


def test_a_marker_alone_makes_an_empty_callout():
    [block] = parse_blocks("> [!TIP]\n")
    assert isinstance(block, Callout) and block.blocks == []


def test_a_table_caption_comes_from_a_paragraph_just_before_or_after_it():
    before = parse_blocks(f"Table: Compare the options\n\n{TABLE}")
    assert len(before) == 1 and isinstance(before[0], Table)
    assert "".join(s.text for s in before[0].caption) == "Compare the options"
    after = parse_blocks(f"{TABLE}\nTable: after *it*\n")
    assert len(after) == 1 and [s.text for s in after[0].caption] == ["after ", "it"]
    apart = parse_blocks(f"Table: one\n\nA paragraph between.\n\n{TABLE}")
    assert [type(b) for b in apart] == [Paragraph, Paragraph, Table] and not apart[2].caption
    two = parse_blocks(f"Table: first\n\n{TABLE}\nTable: second\n")  # one caption a table: the other stays text
    assert [type(b) for b in two] == [Table, Paragraph]
    assert "".join(s.text for s in two[0].caption) == "first"


def plain(renderable, width: int = 60) -> str:
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def test_a_callout_is_drawn_as_a_box_with_its_label_and_a_quote_as_a_bar():
    [callout] = parse_blocks("> [!WARNING]\n> Mind the gap.\n")
    drawn = plain(render_blocks.block(callout, 60)).splitlines()
    assert drawn[0].startswith("\u256d\u2500") and "Warning" in drawn[0]
    assert "Mind the gap." in drawn[1] and drawn[1].startswith("\u2502")
    assert drawn[-1].startswith("\u2570")
    assert all(len(line) <= 60 for line in drawn)
    [quote] = parse_blocks("> Mind the gap.\n")
    assert isinstance(quote, Quote) and plain(render_blocks.block(quote, 60)).startswith("\u2502 Mind the gap.")


def test_a_caption_is_drawn_above_its_table():
    [table] = parse_blocks(f"Table: Compare the options\n\n{TABLE}")
    drawn = plain(render_blocks.block(table, 60)).splitlines()
    assert drawn[0].strip() == "Compare the options" and drawn[1].startswith("\u250c")


def test_callouts_and_captions_come_back_the_same_from_the_lesson_cache(tmp_path):
    folder = tmp_path / "course"
    folder.mkdir()
    lesson = folder / "one.md"
    lesson.write_text('+++\nid = "one"\ntitle = "One"\n+++\n\n## A\n\n> [!IMPORTANT]\n> Keep this.\n\n'
                      f"Table: Compare\n\n{TABLE}", encoding="utf-8")
    then = time.time() - 10
    os.utime(lesson, (then, then))
    course = open_course(folder)
    parsed = lesson_cache.read(course, "one")
    kept = lesson_cache.load(lesson)
    assert kept is not None and kept is not parsed
    callout, table = kept.sections[0].blocks
    assert isinstance(callout, Callout) and callout.kind == "important"
    assert "".join(s.text for s in table.caption) == "Compare"
    assert printed(kept, course, 60) == printed(parsed, course, 60)
