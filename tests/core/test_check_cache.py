"""``check`` reads unchanged lessons from the lesson cache: what it reports must be exactly
what a fresh parse reports, and a lesson or quiz changed since must be parsed again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alignlearn import paths
from alignlearn.authoring import check as check_module
from alignlearn.cache import disk
from alignlearn.cache import parsed_lessons as lesson_cache
from alignlearn.cli import main
from alignlearn.course import lesson as lesson_module

OLD = 10  # seconds: files this old are past the cache's "changed too recently" window

# A course with a problem of each kind a parsed lesson carries (the loader's warnings and
# errors, a quiz question left out for a mistake) and of each kind the lint finds.
FLAWED = {
    "course.toml": 'format_version = 1\nid = "flawed"\ntitle = "Flawed"\norder = ["one", "two", "three"]\n',
    "one.md": """\
+++
id = "one"
title = "One"
colour = "blue"
minutes = 90
concepts = ["widget", "never said"]
path = ["First part", "Missing part"]
related = ["two", "nowhere"]
+++

Intro about a widget\u200b, with <b>bold</b> HTML and ![a chart](chart.png).

## First part

Some text. """ + "Many words of text. " * 300 + """

| """ + " | ".join(["a wide cell here"] * 8) + """ |
|""" + "---|" * 8 + """
| """ + " | ".join(["x"] * 8) + """ |

## Empty part

## Lists

- a
  - b
    - c
      - d
        - e
          - f
            - g deep
""",
    "one.quiz.toml": """\
[[questions]]
id = "q1"
kind = "single"
prompt = "Pick one"
choices = ["Alpha", "Beta"]
answer = "Alpha"
explanation = "Because."

[[questions]]
id = "q2"
kind = "single"
prompt = "Pick again"
choices = ["Alpha", "Beta"]
answer = "Gamma"
explanation = "Because."
section = "No such section"

[[questions]]
id = "q1"
kind = "true_false"
prompt = "Twice?"
answer = true
explanation = "Same id."
""",
    "two.md": '+++\nid = "two"\ntitle = "Two"\nrelated = ["two"]\n+++\n\n## Only\n\nText.\n',
    "two.quiz.toml": '[[questions]]\nid = "q1\n',
    "three.md": "no front matter here\n",
    "four.md": '+++\nid = "four"\ntitle = "Not in order"\n+++\n\n## Part\n\nText.\n',
}


def age(*files: Path) -> None:
    """Make files look written a while ago (the cache never trusts a fresh change)."""
    then = time.time() - OLD
    for file in files:
        os.utime(file, (then, then))


@pytest.fixture
def bundled(tmp_path) -> Path:
    target = tmp_path / "bundled"
    shutil.copytree(paths.bundled_course(), target)
    age(*target.iterdir())
    return target


@pytest.fixture
def flawed(tmp_path) -> Path:
    target = tmp_path / "flawed"
    target.mkdir()
    for name, text in FLAWED.items():
        (target / name).write_text(text, encoding="utf-8")
    age(*target.iterdir())
    return target


@pytest.fixture
def parses(monkeypatch) -> list[Path]:
    """The lesson bodies markdown-it parses, from now on."""
    seen: list[Path] = []
    parse = lesson_module.parse_sections

    def counted(body, first_line, problems=None):
        seen.append(Path(problems.file) if problems is not None else Path())
        return parse(body, first_line, problems)

    monkeypatch.setattr(lesson_module, "parse_sections", counted)
    return seen


def check(capsys, *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def both_formats(capsys, target: Path) -> tuple[tuple[int, str], tuple[int, str]]:
    return check(capsys, str(target)), check(capsys, str(target), "--format", "json")


@pytest.mark.parametrize("course", ["bundled", "flawed"])
def test_a_check_from_the_cache_says_what_a_fresh_check_says(course, request, capsys, parses):
    root = request.getfixturevalue(course)
    fresh = both_formats(capsys, root)
    assert parses  # the first check parsed the lessons (and kept them)
    parses.clear()
    cached = both_formats(capsys, root)
    assert parses == []  # every lesson that can be read came from the cache
    assert cached == fresh
    if course == "flawed":
        report = json.loads(fresh[1][1])
        messages = " ".join(p["message"] for p in report["problems"])
        for expected in ("unknown key 'colour'", "invisible or control character", "raw HTML", "image 'a chart'",
                         "columns wide", "concept 'never said'", "path entry 'Missing part'", "has no text",
                         "nested 7 levels deep", "'minutes' is 90", "unknown lesson 'nowhere'",
                         "names the lesson itself", "duplicate question id 'q1'", "'No such section'",
                         "invalid TOML", "missing front matter", "not listed in 'order'"):
            assert expected in messages, expected
        # The quiz holds three questions, two of them left out for mistakes: all three count; and
        # the four lesson files, the one with no front matter too.
        assert (report["lessons"], report["questions"]) == (4, 3)
        assert fresh[0][0] == 1


def test_a_lesson_file_checked_alone_comes_from_the_cache_too(flawed, capsys, parses):
    fresh = both_formats(capsys, flawed / "one.md")
    parses.clear()
    assert both_formats(capsys, flawed / "one.md") == fresh
    assert parses == []


def same_size_edit(file: Path, old: str, new: str) -> None:
    """Change ``file`` in place, keeping its size and its modification time: as an edit
    within the same second looks on a file system that keeps whole seconds."""
    assert len(old) == len(new)
    before = os.stat(file)
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(file)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)


@pytest.mark.parametrize("file, old, new, expected", [
    ("two.md", 'related = ["two"]', 'related = ["owt"]', "'related' names unknown lesson 'owt'"),
    ("one.quiz.toml", 'answer = "Alpha"', 'answer = "Delta"', "answer 'Delta' is not one of the choices"),
    ("one.md", "## First part", "## Final part", "path entry 'First part'"),
])
def test_an_edited_lesson_or_quiz_is_checked_again(flawed, capsys, parses, file, old, new, expected):
    check(capsys, str(flawed))
    parses.clear()
    code, before = check(capsys, str(flawed))
    assert parses == [] and expected not in before
    same_size_edit(flawed / file, old, new)
    code, after = check(capsys, str(flawed))
    assert expected in after
    lesson = "one.md" if file.startswith("one") else file
    assert parses == [flawed / lesson]  # that lesson parsed again, the other from the cache


def test_a_lesson_changed_just_now_is_never_taken_from_the_cache(flawed, capsys, parses):
    lesson = flawed / "two.md"
    text = lesson.read_text(encoding="utf-8")
    for version in ("owt", "tow", "wot"):  # each changed within the cache's window of distrust
        lesson.write_text(text.replace('related = ["two"]', f'related = ["{version}"]'), encoding="utf-8")
        parses.clear()
        code, out = check(capsys, str(flawed))
        assert f"unknown lesson '{version}'" in out and parses.count(lesson) == 1


def test_problems_name_the_file_as_this_check_was_asked(flawed, capsys, monkeypatch):
    """The cache is kept by the file's real path; the problems it holds name the file as it
    was named then. Checked by another name, the lesson is read again under that name."""
    code, absolute = check(capsys, str(flawed))
    assert f"{flawed / 'one.md'}:" in absolute
    monkeypatch.chdir(flawed.parent)
    code, relative = check(capsys, "flawed")
    assert str(flawed) not in relative
    assert relative.replace(f"flawed{os.sep}", f"{flawed}{os.sep}") == absolute


def test_check_from_the_cache_imports_no_markdown_parser(bundled, tmp_path):
    """A check whose lessons all come from the cache needs no markdown-it: importing it was
    a fifth of checking the bundled course."""
    code = ("import sys; from alignlearn.cli import main; code = main(['check', sys.argv[1]]); "
            "print(code, 'markdown_it' in sys.modules, file=sys.stderr)")
    env = dict(os.environ, ALIGNLEARN_CACHE_DIR=str(tmp_path / "cache"))
    seen = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", code, str(bundled)], capture_output=True, text=True,
                              timeout=60, env=env)
        seen.append(done.stderr.split()[-2:])
        assert "0 errors, 0 warnings" in done.stdout, done.stdout + done.stderr
    assert seen == [["0", "True"], ["0", "False"]]


def uncached(capsys, monkeypatch, *args: str) -> tuple[int, str]:
    """``check`` as it was before the cache: every lesson parsed by ``load_lesson``."""
    with monkeypatch.context() as patched:
        patched.setattr(check_module, "read_file", lesson_module.load_lesson)
        return check(capsys, *args)


def age_link(link: Path) -> None:
    then = time.time() - OLD
    os.utime(link, (then, then), follow_symlinks=False)


def rename_lesson_and_quiz(root: Path) -> str:
    (root / "one.md").rename(root / "uno.md")
    (root / "one.quiz.toml").rename(root / "uno.quiz.toml")
    return f"{root / 'uno.quiz.toml'}:"


def remove_quiz(root: Path) -> str:
    (root / "one.quiz.toml").rename(root / "one.quiz.toml.old")
    return "4 lessons, 0 questions"


def add_quiz(root: Path) -> str:
    quiz = root / "four.quiz.toml"
    quiz.write_text('[[questions]]\nid = "q"\nkind = "true_false"\nprompt = "?"\nanswer = true\n'
                    'explanation = "Yes."\nsection = "Nowhere"\n', encoding="utf-8")
    age(quiz)
    return "'Nowhere'"


def another_quiz_renamed_over_it(root: Path) -> str:
    os.replace(root / "two.quiz.toml", root / "one.quiz.toml")  # older than the cache, and another inode
    return f"{root / 'one.quiz.toml'}:2:9: error: invalid TOML"


def lesson_replaced_by_a_twin(root: Path) -> str:
    """Another file of the same size and modification time takes the lesson's name."""
    lesson = root / "two.md"
    before = os.stat(lesson)
    twin = root / "two.md.new"
    twin.write_text(lesson.read_text(encoding="utf-8").replace('["two"]', '["owt"]'), encoding="utf-8")
    os.utime(twin, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(twin).st_size == before.st_size
    os.replace(twin, lesson)
    return "'related' names unknown lesson 'owt'"


def dangling_quiz_link(root: Path) -> str:
    link = root / "four.quiz.toml"
    link.symlink_to(root / "no-such.quiz.toml")
    age_link(link)
    return f"{link}:1:1: error: file not found"


@pytest.mark.parametrize("change", [rename_lesson_and_quiz, remove_quiz, add_quiz, another_quiz_renamed_over_it,
                                    lesson_replaced_by_a_twin, dangling_quiz_link])
def test_a_lesson_or_quiz_renamed_replaced_added_or_removed_is_checked_as_it_now_is(
        flawed, capsys, monkeypatch, change):
    check(capsys, str(flawed))
    warm = check(capsys, str(flawed))
    expected = change(flawed)
    assert expected not in warm[1]
    cached = both_formats(capsys, flawed)
    assert expected in cached[0][1]
    assert cached == (uncached(capsys, monkeypatch, str(flawed)),
                      uncached(capsys, monkeypatch, str(flawed), "--format", "json"))
    assert both_formats(capsys, flawed) == cached  # and once more, now from the cache


def test_a_check_through_another_folder_name_names_the_files_that_way(flawed, tmp_path, capsys, monkeypatch, parses):
    """A symlinked folder: the same files (the same cache files), named another way."""
    link = tmp_path / "linked"
    link.symlink_to(flawed, target_is_directory=True)
    direct = check(capsys, str(flawed))
    parses.clear()
    linked = check(capsys, str(link))
    assert parses  # kept under the other name: parsed again
    assert f"{link / 'one.md'}:" in linked[1] and str(flawed) not in linked[1]
    assert linked == uncached(capsys, monkeypatch, str(link))
    assert linked[1].replace(str(link), str(flawed)) == direct[1]


def test_a_cache_folder_that_cannot_be_written_changes_nothing(flawed, tmp_path, capsys, monkeypatch, parses):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("ALIGNLEARN_CACHE_DIR", str(blocker / "cache"))
    fresh = uncached(capsys, monkeypatch, str(flawed))
    parses.clear()
    assert check(capsys, str(flawed)) == fresh
    assert check(capsys, str(flawed)) == fresh
    lessons = sorted({flawed / "one.md", flawed / "two.md", flawed / "four.md"})
    assert sorted(parses) == sorted(lessons + lessons)  # nothing kept: each check parses every lesson
    assert blocker.read_text(encoding="utf-8") == ""


def garbage(file: Path) -> None:
    file.write_bytes(b"not a cache at all\n" * 20)


def truncated(file: Path) -> None:
    file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])


def one_byte_flipped(file: Path) -> None:
    data = bytearray(file.read_bytes())
    data[-10] ^= 0xFF
    file.write_bytes(bytes(data))


def empty(file: Path) -> None:
    file.write_bytes(b"")


def a_folder(file: Path) -> None:
    file.unlink()
    file.mkdir()


def wrong_shape(file: Path) -> None:
    """A file that checks out (header, checksum, version, name, stamps) with a payload that is no lesson."""
    version, written, name, stamps, data = disk.load(file, lesson_cache.KIND).payload
    disk.save(file, lesson_cache.KIND, (version, written, name, stamps, (data[0], "junk")))


@pytest.mark.parametrize("damage", [garbage, truncated, one_byte_flipped, empty, a_folder, wrong_shape])
def test_a_damaged_cache_file_is_parsed_over(flawed, capsys, parses, damage):
    fresh = both_formats(capsys, flawed)
    kept = sorted(paths.cache_dir().glob("lesson-*.cache"))
    assert len(kept) == 3
    for file in kept:
        damage(file)
    parses.clear()
    assert both_formats(capsys, flawed) == fresh
    assert sorted(set(parses)) == sorted({flawed / "one.md", flawed / "two.md", flawed / "four.md"})
    if damage is not a_folder:  # a folder in its place is left alone, and the lesson parsed each time
        parses.clear()
        assert both_formats(capsys, flawed) == fresh
        assert parses == []  # kept again
