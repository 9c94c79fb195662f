"""``alignlearn progress show / export / import / reset``."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from alignlearn.commands import progress as command
from alignlearn.progress import Attempt, Position, ProgressStore, QuizDraft

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("ALIGNLEARN_DATA_DIR", str(folder))
    return folder


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="alignlearn")
    command.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["progress", *argv])
    return args.func(args)


def some_progress() -> ProgressStore:
    store = ProgressStore()
    store.mark_section_read("ai", "rlhf", "intro")
    store.mark_section_read("ai", "rlhf", "rlaif")
    store.add_attempt("ai", "rlhf", Attempt(T0, 2, 4, {"q1": "x"}, {"q1": False}))
    store.add_attempt("ai", "rlhf", Attempt(T0.replace(day=2), 3, 4, {"q1": "y"}, {"q1": True}))
    store.set_position("ai", "constitutional", "principles", 7)
    return store


def test_show_lists_each_lesson_with_sections_read_and_best_score(data_dir, capsys):
    some_progress()
    assert run("show") == 0
    out = capsys.readouterr().out
    rlhf = next(line for line in out.splitlines() if "rlhf" in line)
    assert "2" in rlhf and "3/4 (75%)" in rlhf and "2025-03-02" in rlhf
    assert "constitutional" in out


def test_show_counts_sections_read_as_lessons_does_without_the_introduction(data_dir, capsys):
    """A walkthrough: `lessons` said 0/7 read and `progress show` "1" for the same lesson, whose
    only record was its introduction."""
    store = ProgressStore()
    store.mark_section_read("ai", "intro-only", "#introduction")
    store.mark_section_read("ai", "two", "#introduction")
    store.mark_section_read("ai", "two", "a")
    store.mark_section_read("ai", "two", "b")
    assert run("show") == 0
    cells = [[cell.strip() for cell in line.split("\u2502")[1:-1]] for line in capsys.readouterr().out.splitlines()]
    read = {row[1]: row[2] for row in cells if len(row) > 2}
    assert read["intro-only"] == "0" and read["two"] == "2", read


def test_show_json_is_one_document(data_dir, capsys):
    some_progress()
    assert run("show", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    [course] = document["courses"]
    lessons = {lesson["id"]: lesson for lesson in course["lessons"]}
    assert course["id"] == "ai" and course["last_lesson"] == "constitutional"
    assert lessons["rlhf"]["sections_read"] == ["intro", "rlaif"]
    assert lessons["rlhf"]["best"] == {"score": 3, "total": 4, "when": "2025-03-02T12:00:00+00:00"}
    assert lessons["constitutional"]["position"]["line"] == 7


def test_show_with_no_progress_says_so(data_dir, capsys):
    assert run("show") == 0
    assert "No progress yet" in capsys.readouterr().out


def test_export_then_import_on_another_machine_merges(tmp_path, data_dir, monkeypatch, capsys):
    some_progress()
    exported = tmp_path / "carried.toml"
    assert run("export", str(exported)) == 0
    assert "Exported progress for 2 lessons" in capsys.readouterr().out

    monkeypatch.setenv("ALIGNLEARN_DATA_DIR", str(tmp_path / "laptop"))
    ProgressStore().mark_section_read("ai", "rlhf", "read-on-the-laptop")
    assert run("import", str(exported)) == 0
    lesson = ProgressStore().load().find("ai", "rlhf")
    assert lesson.sections_read == {"intro", "rlaif", "read-on-the-laptop"}
    assert len(lesson.attempts) == 2
    assert run("import", str(exported)) == 0  # twice changes nothing
    assert len(ProgressStore().load().find("ai", "rlhf").attempts) == 2


def test_export_to_standard_output(data_dir, capsys):
    some_progress()
    assert run("export", "-") == 0
    assert "[courses.ai.lessons.rlhf]" in capsys.readouterr().out


@pytest.mark.parametrize("content, says", [
    (b"not = [toml", "not valid TOML"),
    (b"\xff\xfe", "not UTF-8"),
    (b'format_version = 1\n[courses.ai.lessons.x]\nsections_read = 3\n', "sections_read"),
    (b"format_version = 9\n", "newer alignlearn"),
])
def test_a_bad_import_is_one_line_and_exit_1_and_changes_nothing(tmp_path, data_dir, capsys,
                                                                  content, says):
    store = some_progress()
    before = store.path.read_bytes()
    bad = tmp_path / "bad.toml"
    bad.write_bytes(content)
    assert run("import", str(bad)) == 1
    err = capsys.readouterr().err
    assert err.startswith("alignlearn: error: cannot import") and says in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert bad.read_bytes() == content  # an import file is never moved or changed
    assert store.path.read_bytes() == before


def test_importing_a_missing_file_or_a_folder_is_an_error(tmp_path, data_dir, capsys):
    assert run("import", str(tmp_path / "nope.toml")) == 1
    assert run("import", str(tmp_path)) == 1
    assert capsys.readouterr().err.count("alignlearn: error: cannot import") == 2


def test_reset_with_yes(data_dir, capsys):
    some_progress()
    assert run("reset", "--yes") == 0
    assert ProgressStore().load().courses == {}


def test_reset_without_a_terminal_and_without_yes_refuses(data_dir, capsys, monkeypatch):
    some_progress()
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    assert run("reset") == 2
    assert "--yes" in capsys.readouterr().err
    assert ProgressStore().load().courses != {}


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("answer, code, kept", [("y", 0, False), ("yes", 0, False),
                                                ("n", 1, True), ("", 1, True)])
def test_reset_on_a_terminal_asks_first(data_dir, capsys, monkeypatch, answer, code, kept):
    some_progress()
    monkeypatch.setattr(sys, "stdin", FakeTerminal(answer + "\n"))
    monkeypatch.setattr(sys, "stdout", FakeTerminal())
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or answer)
    assert run("reset") == code
    assert asked == ["Reset all progress? [y/N] "]
    assert (ProgressStore().load().courses != {}) is kept


def test_progress_without_an_action_is_a_usage_error(data_dir, capsys):
    assert run() == 2
    assert "show, export, import, reset or sync" in capsys.readouterr().err


def test_an_unreadable_progress_file_is_reported_by_show(data_dir, capsys):
    data_dir.mkdir()
    (data_dir / "progress.toml").write_bytes(b"\x00")
    assert run("show") == 0
    err = capsys.readouterr().err
    assert "could not be read" in err and "progress.corrupt-" in err


def test_the_command_line_runs_progress(tmp_path, data_dir):
    some_progress()
    env = {**os.environ, "ALIGNLEARN_DATA_DIR": str(data_dir),
           "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    shown = subprocess.run([sys.executable, "-m", "alignlearn", "progress", "show", "--json"],
                           capture_output=True, text=True, env=env, timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["courses"][0]["id"] == "ai"
    refused = subprocess.run([sys.executable, "-m", "alignlearn", "progress", "reset"],
                             capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
                             timeout=60)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text("[[")
    imported = subprocess.run([sys.executable, "-m", "alignlearn", "progress", "import", str(bad)],
                              capture_output=True, text=True, env=env, timeout=60)
    assert imported.returncode == 1
    assert imported.stderr.startswith("alignlearn: error: cannot import")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("terminal", [True, False])
def test_importing_a_large_file_shows_a_bar_on_a_terminal_and_nothing_on_a_pipe(tmp_path, data_dir, monkeypatch,
                                                                               capsys, terminal):
    some_progress()
    exported = tmp_path / "carried.toml"
    assert run("export", str(exported)) == 0
    monkeypatch.setattr(command, "BIG_IMPORT", exported.stat().st_size)  # as the progress of thousands of lessons
    capsys.readouterr()
    monkeypatch.setenv("ALIGNLEARN_DATA_DIR", str(tmp_path / "laptop"))
    stderr = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    assert run("import", str(exported)) == 0
    assert "Merged progress for 2 lessons" in capsys.readouterr().out
    assert ("Importing progress" in stderr.getvalue()) is terminal
    assert ProgressStore().load().find("ai", "rlhf").sections_read == {"intro", "rlaif"}


def test_reset_moves_aside_a_file_with_a_time_out_of_range(data_dir, capsys):
    data_dir.mkdir()
    bad = "format_version = 1\n\n[courses.c]\nlast_opened = 9999-12-31T23:59:59-01:00\n"
    (data_dir / "progress.toml").write_text(bad)
    assert run("reset", "--yes") == 0
    err = capsys.readouterr().err
    assert f"{data_dir / 'progress.toml'}:4: courses.c.last_opened: " in err
    [kept] = data_dir.glob("progress.corrupt-*.toml")
    assert kept.read_text() == bad and str(kept) in err
    assert ProgressStore().load().courses == {}


# --- show, big and in any encoding (issue 15) -----------------------------------------


class _Sink(io.RawIOBase):
    """Standard output's bytes, counted write by write."""

    def __init__(self) -> None:
        self.writes: list[int] = []
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.writes.append(len(data))
        self.data += data
        return len(data)


def _stdout(monkeypatch, encoding: str = "utf-8") -> _Sink:
    monkeypatch.setenv("COLUMNS", "80")  # what Rich takes for a pipe
    sink = _Sink()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(sink, encoding=encoding, write_through=True))
    return sink


def _loaded(monkeypatch, progress) -> None:
    """``show`` on ``progress`` as if just read from the file (the parse is not measured)."""
    store = argparse.Namespace(progress=progress, path=Path("/data/progress.toml"), read_only=None)
    monkeypatch.setattr(command, "_open_store", lambda: store)


def _many_lessons(count: int):
    from alignlearn.progress import Progress

    progress = Progress()
    course = progress.course("c")
    for number in range(count):
        lesson = course.lesson(f"l{number:06d}")
        lesson.sections_read = {"intro"}
        if number % 10 == 0:
            lesson.attempts.append(Attempt(T0, number % 5, 4))
    return progress


@pytest.mark.parametrize("as_json", [False, True])
def test_show_of_many_lessons_streams_in_bounded_memory(monkeypatch, as_json):
    """Issue 15: one Rich table held every cell of every lesson before its first line."""
    import time
    import tracemalloc

    progress = _many_lessons(20_000)
    _loaded(monkeypatch, progress)
    sink = _stdout(monkeypatch)
    tracemalloc.start()
    started = time.monotonic()
    try:
        assert run("show", *(["--json"] if as_json else [])) == 0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    took = time.monotonic() - started
    text = sink.data.decode("utf-8")
    if as_json:
        assert len(json.loads(text)["courses"][0]["lessons"]) == 20_000
    else:
        assert sum(1 for line in text.splitlines() if line.startswith("│ c ")) == 20_000
    held = peak - 1.25 * len(sink.data)  # the sink keeps the output, in a growing bytearray
    assert held < 2 * 1024 * 1024, f"{held / 2**20:.1f} MiB held while showing"
    assert len(sink.writes) > 20 and max(sink.writes) < 512 * 1024  # written as it goes
    assert took < 20, f"{took:.1f} s"


def _hostile_ids():
    from alignlearn.progress import Progress

    progress = Progress()
    progress.course("cours-é").lesson("leçon-日本").sections_read = {"intro"}
    progress.course("cours-é").last_lesson = "leçon-日本"
    progress.course("vide").last_opened = T0  # a course with no lesson
    long = progress.course("ai").lesson("a-lesson-id-much-longer-than-any-terminal-is-wide-" * 3)
    long.attempts.append(Attempt(T0, 3, 4))
    long.attempts.append(Attempt(T0.replace(day=2), 1, 4))
    long.sections_read = {"b-\"quoted\"", "a\\slash"}
    long.position = Position("b", 3, T0)
    long.draft = QuizDraft({"q": "x"}, T0)
    return progress


@pytest.mark.parametrize("encoding", ["utf-8", "ascii", "latin-1"])
def test_show_json_is_utf8_whatever_the_encoding_and_as_json_dumps_writes_it(monkeypatch, encoding):
    _loaded(monkeypatch, _hostile_ids())
    sink = _stdout(monkeypatch, encoding)
    assert run("show", "--json") == 0
    text = sink.data.decode("utf-8")
    assert '"id": "leçon-日本"' in text and "\\u" not in text
    document = json.loads(text)
    assert text == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    courses = {course["id"]: course for course in document["courses"]}
    assert courses["vide"]["lessons"] == [] and courses["vide"]["last_opened"] == T0.isoformat()
    assert courses["cours-é"]["last_lesson"] == "leçon-日本"


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_show_fits_80_columns_keeps_long_ids_whole_and_never_fails_on_the_encoding(
        monkeypatch, encoding):
    _loaded(monkeypatch, _hostile_ids())
    sink = _stdout(monkeypatch, encoding)
    assert run("show") == 0
    text = sink.data.decode(encoding)
    lines = text.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines), text
    assert "leçon-日本" in text if encoding == "utf-8" else "le?on-??" in text
    bar = "│" if encoding == "utf-8" else "|"
    lesson_cells = "".join(line.split(bar)[2].strip() for line in lines
                           if line.startswith(f"{bar} ") and line.split(bar)[1].strip() in ("ai", ""))
    assert "a-lesson-id-much-longer-than-any-terminal-is-wide-" * 3 in lesson_cells


# --- show: the lessons' titles, whole words at 80 columns (issue 21.6) -----------------


def test_show_names_the_lessons_by_title_at_80_columns_without_splitting_words(data_dir, monkeypatch):
    from alignlearn import paths

    store = ProgressStore()
    for lesson_id in ("specification-gaming-and-goodhart", "scalable-oversight"):
        store.mark_section_read("ai-alignment", lesson_id, "intro")
        store.add_attempt("ai-alignment", lesson_id, Attempt(T0, 3, 4, {"q1": "x"}, {"q1": True}))
    store.mark_section_read("elsewhere", "a-lesson-of-another-course", "intro")
    monkeypatch.chdir(data_dir.parent)  # not in a course folder: the bundled course
    sink = _stdout(monkeypatch)
    assert run("show") == 0
    text = sink.data.decode("utf-8")
    lines = text.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines), text
    cells = [line.split("│")[2].strip() for line in lines if line.startswith("│ ")]
    words = " ".join(cells).split()
    for title in ("Specification Gaming, Reward Hacking, and the Goodhart Tax",
                  "Scalable Oversight: Supervising Work We Cannot Fully Check"):
        assert all(word in words for word in title.split()), (title, text)
    assert "specification-gaming-and-goodhart" not in text
    assert "a-lesson-of-another-course" in " ".join(cells).replace(" ", "")  # no title known: its id
    assert paths.bundled_course().exists()


# New-user walkthrough: a quiz left half way (its answers kept to resume) did not show.

def test_show_says_a_quiz_in_progress_on_its_lessons_line(data_dir, monkeypatch, capsys):
    from alignlearn import paths
    from alignlearn.course import open_course

    monkeypatch.setenv("COLUMNS", "200")  # one line a lesson
    monkeypatch.chdir(data_dir.parent)  # no course here: the bundled one gives the titles
    course = open_course(paths.bundled_course())
    seed = course.lessons[0]
    questions = len(course.lesson(seed.id).quiz.questions)
    store = ProgressStore()
    store.save_draft(course.id, seed.id, {"q1": "a", "q2": ["a", "b"]})
    store.add_attempt("elsewhere", "lesson-x", Attempt(T0, 1, 2))
    store.save_draft("elsewhere", "lesson-x", {"q1": "y"})  # a course not at hand: no total known
    store.mark_section_read("elsewhere", "lesson-y", "intro")  # no draft: nothing said
    assert run("show") == 0
    lines = capsys.readouterr().out.splitlines()
    line = next(line for line in lines if seed.title in line)
    assert f"quiz 2/{questions} so far" in line
    other = next(line for line in lines if "lesson-x" in line)
    assert "2025-03-01" in other and "quiz 1 so far" in other
    assert "so far" not in next(line for line in lines if "lesson-y" in line)


def test_a_quiz_in_progress_takes_one_line_at_80_columns(data_dir, monkeypatch, capsys):
    """At 80 columns "quiz: 2 of 7 answered, in progress" wrapped over three lines of its column."""
    from alignlearn import paths
    from alignlearn.course import open_course

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(data_dir.parent)
    course = open_course(paths.bundled_course())
    seed = course.lessons[0]
    questions = len(course.lesson(seed.id).quiz.questions)
    store = ProgressStore()
    store.add_attempt(course.id, seed.id, Attempt(T0, 1, questions))
    store.save_draft(course.id, seed.id, {"q1": "a", "q2": ["a", "b"]})
    assert run("show") == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(f"quiz 2/{questions} so far" in line for line in lines)
    assert all(len(line) <= 80 for line in lines)


def test_show_json_says_a_quiz_in_progress(data_dir, capsys):
    ProgressStore().save_draft("ai", "rlhf", {"q1": "a"})
    assert run("show", "--json") == 0
    [course] = json.loads(capsys.readouterr().out)["courses"]
    assert course["lessons"][0]["draft"] is True
