"""The reader's key bar: the keys a learner needs most, chosen by width, each whole."""

from __future__ import annotations

import pytest

from alignlearn.ui.app import build_app
from alignlearn.ui.widgets import KeyBar
from pilot import copy_course, settle

WIDTHS = [60, 70, 80, 100, 120]


async def shown_at(course, width: int) -> tuple[str, list[tuple[str, str]]]:
    app = build_app(str(course))
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        bar = app.lesson_screen.query_one(KeyBar)
        return bar.render_line(0).text, bar.hints()


async def test_the_key_bar_keeps_the_most_useful_keys_whole_at_each_width(tmp_path):
    course = copy_course(tmp_path, quizzes=False)
    kept_before: set[str] | None = None
    for width in WIDTHS:
        line, hints = await shown_at(course, width)
        shown = {keys for keys, does in hints if f" {keys}  {does}" in line}
        # every label shown whole: nothing cut off, no "…" hiding keys
        assert "\u2026" not in line
        assert len(line.rstrip()) <= width
        assert "?" in shown  # help lists the rest
        if width >= 80:
            assert {"t", "n p", "/", "x", "q"} <= shown, (width, line)
        if kept_before is not None:  # a wider line only adds keys
            assert kept_before <= shown, (width, line)
        kept_before = shown
    assert {"t", "r"} <= kept_before  # 120 columns: room for the extra dialogs


# New-user walkthrough: the bar ran from the first column to the last, where the
# rest of the screen (the header above it) keeps a margin of one column each side.

@pytest.mark.parametrize("width", [80, 120])
async def test_the_key_bar_keeps_the_header_margin_and_its_keys_whole(tmp_path, width):
    app = build_app(str(copy_course(tmp_path)))
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        bar = app.lesson_screen.query_one(KeyBar)
        row = app.screen._compositor.render_strips()[bar.region.y]
        cells = [(segment.text, segment.style) for segment in row if segment.text]
        first, last = cells[0], cells[-1]
        assert first[0][0] == " " and not (first[1] and first[1].reverse), "a key at the first column"
        assert last[0][-1] == " " and not (last[1] and last[1].reverse), "a key at the last column"
        line = row.text
        hints = bar.fitting(bar.size.width)
        assert {"?", "n p", "/", "x", "t", "q"} <= {keys for keys, _ in hints}
        for keys, does in hints:  # each whole, in the margin
            at = line.index(f" {keys}  {does}")
            assert 1 <= at and at + len(f" {keys}  {does}") <= width - 1, (keys, line)


@pytest.mark.parametrize("width", [60, 80])
async def test_the_tutor_key_is_in_the_key_bar(tmp_path, width):
    line, _ = await shown_at(copy_course(tmp_path, quizzes=False), width)
    assert " t  Tutor" in line


@pytest.mark.parametrize(("key", "keys"), [("l", ["enter", "1-9", "escape"]), ("slash", ["\u2191 \u2193", "enter", "escape"])])
async def test_a_dialogs_key_hints_are_drawn_like_the_key_bar_and_in_view_at_80x24(tmp_path, key, keys):
    """The lesson list's hints sat under its border at 24 lines; and they were dim prose while
    the quiz and tutor showed keys in the key bar's style."""
    course = copy_course(tmp_path, quizzes=False)
    app = build_app(str(course))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        hint = app.screen.query_one(".dialog-hint")
        dialog = app.screen.query_one(".dialog")
        assert hint.region.height >= 1 and dialog.region.contains_region(hint.region)
        assert hint.region.bottom <= dialog.content_region.bottom  # not under the border
        segments = [segment for y in range(hint.region.height) for segment in hint.render_line(y)]
        for shown in keys:
            drawn = [segment for segment in segments if shown in segment.text]
            assert drawn and all(segment.style and segment.style.reverse for segment in drawn), shown


@pytest.mark.parametrize(("width", "wanted"), [
    (60, {"l", "q", "x", "t", "?"}),
    (80, {"n p", "l", "/", "x", "t", "?", "q"}),
])
async def test_the_ways_out_and_around_stay_in_the_key_bar_when_narrow(tmp_path, width, wanted):
    """At 60 columns the bar kept n p and / and dropped l Lessons and q Quit: a learner in a
    narrow terminal was not shown how to leave or find another lesson. The lessons and quit
    come first now, then the quiz and the tutor; at 80 every one of these still fits."""
    line, hints = await shown_at(copy_course(tmp_path), width)
    shown = {keys for keys, does in hints if f" {keys}  {does}" in line}
    assert wanted <= shown, line
    assert len(line.rstrip()) <= width and "\u2026" not in line
