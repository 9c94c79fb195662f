"""The adversarial corpus, in-process: each case's problems, the text ``cat`` shows, and
nothing but text ever printed (issue 9). The cases are listed in tests/corpus/cases.toml.

Every case runs under an alarm: a FIFO opened for reading, or a parse that takes
seconds, fails the test instead of hanging the run.
"""

from __future__ import annotations

import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from alignlearn import cli
from alignlearn.course.catalog import open_course
from alignlearn.render.measure import table_width
from alignlearn.authoring.check import check_course, check_lesson_file
from alignlearn.progress import ProgressFileError, loads
from corpus_cases import CASES, CORPUS, case_id, kind, materialise, unsafe_in

CONTENT = [c for c in CASES if kind(c) != "progress"]
PROGRESS = [c for c in CASES if kind(c) == "progress"]
SECONDS = 3.0  # every case, however hostile, is checked well within this


@pytest.fixture(autouse=True)
def no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


@contextmanager
def deadline(seconds: int = 20):
    def expired(signum, frame):
        raise AssertionError(f"still running after {seconds} s: a blocking read or an unbounded parse")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(capsys, argv: list[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    with deadline():
        code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def assert_only_text(*outputs: str) -> None:
    for output in outputs:
        assert "Traceback" not in output
        assert "\x1b" not in output
        assert unsafe_in(output) == [], output


def formatted(problems) -> list[str]:
    return sorted(f"{Path(p.file).name}:{p.line}:{p.col}: {p.severity}: {p.message}" for p in problems)


# --- the corpus itself ------------------------------------------------------------


def test_the_corpus_has_forty_cases_or_more_each_described_and_every_file_is_a_case():
    assert len(CASES) >= 40
    assert all(case.get("about") for case in CASES)
    assert len({case_id(c) for c in CASES}) == len(CASES)
    listed = {case["path"] for case in CASES if "make" not in case}
    on_disk = {path.name for path in CORPUS.iterdir() if path.name not in ("cases.toml", ".gitattributes")}
    assert on_disk == listed
    kinds = {kind(c) for c in CASES} | {"quiz" for c in CASES if c["path"].endswith(".quiz.toml")}
    assert kinds == {"lesson", "quiz", "course", "progress"}


def test_the_corpus_files_hold_what_they_are_said_to():
    """The raw bytes are there: an editor or a checkout that "cleaned" them would void the cases."""
    raw = {path.name: path.read_bytes() for path in CORPUS.iterdir() if path.is_file()}
    assert b"\x1b]52;" in raw["osc52-clipboard.md"] and b"\x07" in raw["osc52-clipboard.md"]
    assert b"\x1b]8;;" in raw["osc8-hyperlink.md"]
    assert b"\x1bP" in raw["dcs.md"] and "\x90".encode() in raw["dcs.md"]
    assert b"\x00" in raw["c0-controls.md"] and b"\x7f" in raw["del.md"]
    assert "\u202e".encode() in raw["bidi-override.md"]
    assert "\u200b".encode() in raw["zero-width.md"]
    assert raw["bom-crlf.md"].startswith(b"\xef\xbb\xbf") and b"\r\n" in raw["bom-crlf.md"]
    assert b"\r" in raw["cr-only.md"] and b"\n" not in raw["cr-only.md"]
    assert raw["huge-line.md"].count(b"\n") < 10 and len(raw["huge-line.md"]) > 200_000
    for name in ("latin1.md", "utf16.md", "truncated-utf8.md", "quiz-not-utf8.quiz.toml", "progress-not-utf8.toml"):
        with pytest.raises(UnicodeDecodeError):
            raw[name].decode("utf-8")


# --- lessons, quizzes and courses -------------------------------------------------


@pytest.mark.parametrize("case", CONTENT, ids=case_id)
def test_check_reports_each_problem_at_its_line(case, tmp_path, capsys):
    ready = materialise(case, tmp_path)
    started = time.monotonic()
    with deadline():
        if kind(case) == "course":
            report = check_course(open_course(ready.root, cache=False), table_width=table_width)
        else:
            report = check_lesson_file(ready.target, table_width)
    assert time.monotonic() - started < SECONDS
    assert formatted(report.problems) == ready.expected(case)
    assert_only_text(*(str(problem) for problem in report.problems))

    target = ready.root if kind(case) == "course" else ready.target
    code, out, err = run(capsys, ["check", str(target)])
    assert code == (1 if report.errors else 0)
    assert_only_text(out, err)
    for problem in ready.expected(case):
        assert f"/{problem}" in out


@pytest.mark.parametrize("case", CONTENT, ids=case_id)
def test_cat_shows_the_text_literally_and_nothing_else(case, tmp_path, capsys):
    ready = materialise(case, tmp_path)
    code, out, err = run(capsys, ready.cat_args)
    assert_only_text(out, err)
    assert code == case.get("cat_exit", 0), err
    lines = [line.rstrip() for line in out.splitlines()]
    for wanted in case.get("shown", []):
        assert wanted in lines, f"{wanted!r} not shown:\n{out}"
    if code:
        assert out == ""
        for problem in ready.expected(case):
            if ": error: " in problem:
                assert f"/{problem}" in err


# --- progress files ---------------------------------------------------------------


@pytest.mark.parametrize("case", PROGRESS, ids=case_id)
def test_a_progress_file_loads_or_fails_with_its_message(case):
    data = (CORPUS / case["path"]).read_bytes()
    started = time.monotonic()
    with deadline():
        if case.get("loads"):
            loads(data)
        else:
            with pytest.raises(ProgressFileError) as raised:
                loads(data)
    assert time.monotonic() - started < SECONDS
    if not case.get("loads"):
        assert str(raised.value) == case["error"]
        assert getattr(raised.value, "line", None) == case.get("line")


@pytest.mark.parametrize("case", PROGRESS, ids=case_id)
def test_progress_show_keeps_a_bad_file_and_prints_only_text(case, tmp_path, capsys, monkeypatch):
    ready = materialise(case, tmp_path)
    original = ready.target.read_bytes()
    monkeypatch.setenv("ALIGNLEARN_DATA_DIR", str(ready.root))
    code, out, err = run(capsys, ["progress", "show"])
    assert_only_text(out, err)
    newer = "newer" in case.get("error", "")
    assert code == (1 if newer else 0)
    lines = [line.rstrip() for line in out.splitlines()]
    for wanted in case.get("shown", []):
        assert wanted in lines, out
    kept = sorted(ready.root.glob("progress.corrupt-*.toml"))
    if case.get("kept"):
        assert [path.read_bytes() for path in kept] == [original]
        assert case["error"] in err and str(kept[0]) in err
        if "line" in case:
            assert f"{ready.target}:{case['line']}: {case['error']}" in err
    else:
        assert kept == [] and ready.target.read_bytes() == original


@pytest.mark.parametrize("case", PROGRESS, ids=case_id)
def test_progress_import_of_a_hostile_file_prints_only_text(case, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ALIGNLEARN_DATA_DIR", str(tmp_path / "data"))
    code, out, err = run(capsys, ["progress", "import", str(CORPUS / case["path"])])
    assert_only_text(out, err)
    assert code == (0 if case.get("loads") else 1)
    if not case.get("loads"):
        assert case["error"] in err
        if "line" in case:
            assert f"{CORPUS / case['path']}:{case['line']}: {case['error']}" in err
