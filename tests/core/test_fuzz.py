"""Fuzzing (issue 9): arbitrary text at the lesson loader, the quiz loader, the progress
loader and the renderer. Only the project's own errors may come out (``LessonError``,
``ProgressFileError``; the quiz loader reports, it never raises), and ``cat`` with
NO_COLOR prints no ESC, nor any other control, bidi or invisible character.

CI runs a bounded number of examples per test (200). For a longer run, set
``ALIGNLEARN_FUZZ_EXAMPLES``::

    ALIGNLEARN_FUZZ_EXAMPLES=20000 python -m pytest tests/core/test_fuzz.py -q -p no:cacheprovider

A failure prints the smallest input hypothesis found; add it to tests/corpus/ with its
expected outcome in tests/corpus/cases.toml once it is fixed.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignlearn import cli
from alignlearn.course.lesson import Lesson, load_lesson
from alignlearn.course.problems import LessonError
from alignlearn.course.quiz import load_quiz
from alignlearn.progress import Progress, ProgressFileError, ProgressStore, loads
from alignlearn.untrusted import UNSAFE

EXAMPLES = int(os.environ.get("ALIGNLEARN_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces an attacker, a broken editor or a careless author would write.
PIECES = st.sampled_from([
    "+++", "\n", "\r\n", "\r", "\t", " ", "# ", "## ", "### ", "> ", ">>>>>>>>", "- ", "1. ", "* ",
    "|", "|---|---|", "---", "```", "~~~", "`", "*", "**", "_", "~~", "[", "]", "(", ")", "<", ">",
    "![", "](", "&#x202e;", "&rlm;", "&#27;", "&#x9b;", "&#0;", "&amp;", "&ZeroWidthSpace;",
    "\x1b[31m", "\x1b]52;c;eA==\x07", "\x1b]8;;file:///etc/passwd\x1b\\", "\x1bP+q\x1b\\", "\x9b31m",
    "\x90", "\x85", "\u202e", "\u2066", "\u200b", "\u2028", "\u2029", "\ufeff", "\x00", "\x7f", "\U000e0041",
    "[@click=app.quit]", "[ @click=app.quit]", "[/]", "[bold]", "[/bold]", "[link=file:///x]",
    "id", "title", "=", '"', "'", '"""', "\\", "\\u001b", "\\u202e", ".", "a.b.c", "[terms]",
    "[[questions]]", "{", "}", ",", "http://x", "file:///etc/passwd", "vscode://x", "javascript:x",
    "../../", "\u00e9", "\U0001f600",
])
FRAGMENTS = st.one_of(PIECES, PIECES, st.text(max_size=12))
JUMBLE = st.lists(FRAGMENTS, max_size=50).map("".join)


@pytest.fixture(autouse=True, scope="module")
def no_colour():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_COLOR", "1")
        yield


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@st.composite
def front_matter(draw) -> str:
    """Front matter that often parses, so the body is reached, and sometimes does not."""
    lines = ['id = "fuzz"', f"title = {toml_string(draw(JUMBLE))}"]
    for key in draw(st.lists(st.sampled_from(["subtitle", "audience", "big_idea", "path", "concepts",
                                               "related", "minutes", "terms", "junk"]), max_size=5, unique=True)):
        if key in ("path", "concepts", "related"):
            lines.append(f"{key} = [{', '.join(toml_string(t) for t in draw(st.lists(JUMBLE, max_size=4)))}]")
        elif key == "minutes":
            lines.append(f"minutes = {draw(st.integers(-5, 10**6))}")
        elif key == "junk":
            lines.append(draw(JUMBLE))
        elif key != "terms":
            lines.append(f"{key} = {toml_string(draw(JUMBLE))}")
    if draw(st.booleans()):
        lines.append("[terms]")
        lines += [f"{toml_string(draw(JUMBLE))} = {toml_string(draw(JUMBLE))}" for _ in range(draw(st.integers(0, 3)))]
    return "\n".join(lines)


LESSON_TEXT = st.one_of(
    st.builds(lambda front, body: f"+++\n{front}\n+++\n\n{body}", front_matter(), JUMBLE),
    st.builds(lambda body: f'+++\nid = "fuzz"\ntitle = "Fuzz"\n+++\n{body}', JUMBLE),
    JUMBLE,
    st.text(),
)
LESSON_BYTES = st.one_of(LESSON_TEXT.map(lambda text: text.encode("utf-8")), st.binary(max_size=2000))


@contextlib.contextmanager
def course_folder():
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def no_unsafe(text: str) -> None:
    assert "\x1b" not in text
    assert not UNSAFE.search(text), [f"U+{ord(c):04X}" for c in UNSAFE.findall(text)]
    assert "Traceback" not in text


@FUZZ
@given(LESSON_BYTES)
def test_the_lesson_loader_raises_only_lesson_errors(data):
    with course_folder() as folder:
        file = folder / "fuzz.md"
        file.write_bytes(data)
        try:
            lesson = load_lesson(file)
        except LessonError as error:
            assert any(p.is_error for p in error.problems)
            for problem in error.problems:
                no_unsafe(str(problem))
            return
        assert isinstance(lesson, Lesson)
        for problem in lesson.problems:
            no_unsafe(str(problem))


QUIZ_TEXT = st.one_of(
    st.builds(
        lambda entries: "".join(
            "[[questions]]\n" + "\n".join(f"{key} = {value}" for key, value in entry) + "\n\n" for entry in entries),
        st.lists(st.lists(st.tuples(
            st.sampled_from(["id", "kind", "prompt", "choices", "answer", "explanation", "section", "junk"]),
            st.one_of(JUMBLE.map(toml_string), st.sampled_from(['"single"', '"multiple"', '"true_false"',
                                                                 "true", "false", "3", '["a", "b"]', '"a"']),
                      st.lists(JUMBLE.map(toml_string), max_size=12).map(lambda items: f"[{', '.join(items)}]")),
        ), max_size=8), max_size=4)),
    JUMBLE,
    st.text(),
)


@FUZZ
@given(QUIZ_TEXT.map(lambda text: text.encode("utf-8")) | st.binary(max_size=1000))
def test_the_quiz_loader_reports_and_never_raises(data):
    with course_folder() as folder:
        lesson_file = folder / "fuzz.md"
        lesson_file.write_text('+++\nid = "fuzz"\ntitle = "Fuzz"\n+++\n\n## One\n\nText.\n', encoding="utf-8")
        quiz_file = folder / "fuzz.quiz.toml"
        quiz_file.write_bytes(data)
        quiz, problems = load_quiz(quiz_file, load_lesson(lesson_file, with_quiz=False))
        for problem in problems:
            no_unsafe(str(problem))
        if quiz is not None:
            for question in quiz.questions:
                for text in (question.prompt, question.explanation, *question.options()):
                    no_unsafe(text)


# Times near the ends of what datetime holds, in offsets that may take them past it in
# UTC (issue 15: OverflowError out of the loader), at each place the format has one.
EDGE_TIME = st.builds(
    lambda year, month, day, clock, offset: f"{year:04d}-{month:02d}-{day:02d}T{clock}{offset}",
    st.sampled_from([1, 2, 9998, 9999]), st.sampled_from([1, 2, 12]), st.sampled_from([1, 2, 30, 31]),
    st.sampled_from(["00:00:00", "00:30:00", "12:00:00", "23:59:59", "23:59:59.999999"]),
    st.sampled_from(["Z", "+00:00", "-01:00", "+01:00", "+23:59", "-23:59", "+14:00"]),
)
TIMED_PROGRESS = st.builds(
    lambda opened, when, updated, draft: (
        f"format_version = 1\n[courses.c]\nlast_opened = {opened}\n"
        f"[courses.c.lessons.l]\nposition = {{ section = \"s\", line = 1, updated = {updated} }}\n"
        f"draft = {{ answers = {{}}, updated = {draft} }}\n"
        f"[[courses.c.lessons.l.attempts]]\nwhen = {when}\nscore = 0\ntotal = 1\n"),
    EDGE_TIME, EDGE_TIME, EDGE_TIME, EDGE_TIME,
)

PROGRESS_TEXT = st.one_of(
    TIMED_PROGRESS,
    st.builds(lambda body: f"format_version = 1\n{body}", JUMBLE),
    st.builds(lambda course, lesson, rest: f'format_version = 1\n[courses.{toml_string(course)}.lessons.'
                                           f'{toml_string(lesson)}]\n{rest}', JUMBLE, JUMBLE, JUMBLE),
    JUMBLE,
)


@FUZZ
@given(PROGRESS_TEXT.map(lambda text: text.encode("utf-8")) | st.binary(max_size=1000))
def test_the_progress_loader_raises_only_progress_file_errors(data):
    try:
        progress = loads(data)
    except ProgressFileError as error:
        no_unsafe(str(error))
        return
    assert isinstance(progress, Progress)


@FUZZ
@given(PROGRESS_TEXT.map(lambda text: text.encode("utf-8")) | st.binary(max_size=1000))
def test_the_progress_store_never_raises_and_keeps_what_it_cannot_read(data):
    with course_folder() as folder:
        file = folder / "progress.toml"
        file.write_bytes(data)
        store = ProgressStore(file)
        store.load()
        for notice in store.take_notices():
            no_unsafe(notice.message)
        kept = list(folder.glob("progress.corrupt-*.toml"))
        assert [path.read_bytes() for path in kept] in ([], [data])
        assert kept or file.read_bytes() == data  # read, or moved aside whole: never rewritten by loading


@FUZZ
@given(LESSON_BYTES, st.integers(min_value=1, max_value=160))
def test_cat_prints_only_text(data, width):
    with course_folder() as folder:
        file = folder / "fuzz.md"
        file.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["cat", str(file), "--width", str(width)])
        assert code in (0, 1)
        no_unsafe(out.getvalue())
        no_unsafe(err.getvalue())
        assert (code == 0) == bool(out.getvalue())


# --- lists nested in lists (issue 15) ---------------------------------------------

MARKERS = st.sampled_from(["1. ", "- ", "* ", "+ ", "7) ", "> ", "99999. "])
LIST_LINE = st.builds(lambda indent, markers, words: " " * indent + "".join(markers) + words,
                      st.integers(0, 12), st.lists(MARKERS, max_size=12), JUMBLE)
NESTED_LISTS = st.lists(st.one_of(LIST_LINE, LIST_LINE, st.just("")), min_size=1, max_size=12).map("\n".join)
_MARKER = __import__("re").compile(r"(?:\d{1,9}[.)]|[-+*])(?= |$)")


@FUZZ
@given(NESTED_LISTS, st.integers(min_value=1, max_value=160))
def test_lists_nested_any_way_render_in_work_linear_in_their_items(body, width):
    """Each list is measured a bounded number of times per level: a grid per level made
    Rich measure the level below again at every step, three times the work per level."""
    from rich.measure import Measurement

    from alignlearn.course.markdown import parse_blocks
    from alignlearn.render import blocks as render_blocks
    from alignlearn.render.stream import console_for

    measure = Measurement.get.__func__
    calls = 0

    def counted(cls, console, options, renderable):
        nonlocal calls
        calls += 1
        return measure(cls, console, options, renderable)

    console = console_for(width)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Measurement, "get", classmethod(counted))
        for item in parse_blocks(body):
            console.render_lines(render_blocks.block(item, width), console.options.update_width(width))
    items = len(_MARKER.findall(body))
    assert calls <= 200 * (items + 1) + 50, (calls, items)


@FUZZ
@given(NESTED_LISTS, st.integers(min_value=1, max_value=160))
def test_cat_of_nested_lists_prints_only_text(body, width):
    test_cat_prints_only_text.hypothesis.inner_test(f'+++\nid = "fuzz"\ntitle = "Fuzz"\n+++\n\n{body}'.encode(), width)
