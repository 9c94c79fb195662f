"""Properties of the core: any bytes load or fail with our own error, and no Textual."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignlearn.course import LessonError, load_lesson
from alignlearn.course.quiz import load_quiz
from alignlearn.course.source import sanitise

FRONT = st.sampled_from([b"", b"+++\n", b'+++\nid = "x"\ntitle = "t"\n+++\n', b"\xef\xbb\xbf+++\r\n"])
TOMLISH = st.sampled_from([b"id", b"=", b'"', b"[", b"]", b"[[questions]]", b"\n", b"+++", b"## ", b"|", b"---",
                           b"title", b"'''", b"\\u0000", b"\x1b[31m", b"\xff", b"a.b.c", b"{", b"}", b"1979-05-27"])
BODY = st.lists(st.one_of(TOMLISH, st.binary(max_size=20)), max_size=30).map(b"".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FRONT, BODY)
def test_any_bytes_load_or_raise_lesson_error(front, body):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.md"
        path.write_bytes(front + body)
        try:
            lesson = load_lesson(path)
        except LessonError as error:
            assert error.problems and all(p.file == str(path) for p in error.problems)
        else:
            assert lesson.title


@settings(max_examples=200, deadline=None)
@given(BODY)
def test_any_bytes_as_quiz_give_a_quiz_or_problems(body):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.quiz.toml"
        path.write_bytes(body)
        quiz, problems = load_quiz(path)
        assert quiz is not None or problems


@given(st.text())
def test_sanitised_text_has_no_control_characters(text):
    clean = sanitise(text)
    assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in clean)
    assert "\u202e" not in clean and "\u200b" not in clean
    assert len(clean) == len(text) - text.count("\u00ad")  # a soft hyphen goes; anything else is replaced


def test_core_imports_without_textual():
    """Every module of the core packages (and the plain modules beside them), imported
    whole: a new module is checked without being named here."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import alignlearn.course, alignlearn.progress, alignlearn.tutor, alignlearn.render\n"
        "import alignlearn.paths, alignlearn.untrusted, alignlearn.settings\n"
        "for package in (alignlearn.course, alignlearn.progress, alignlearn.tutor, alignlearn.render):\n"
        "    for module in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(module.name)\n"
        "assert 'alignlearn.course.markdown_parser' in sys.modules and 'alignlearn.progress.snapshot' in sys.modules\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
