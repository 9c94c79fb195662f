"""The catalog cache and the search index: fast when nothing changed, right when anything did.

Every test here gets its own cache folder (tests/conftest.py). Lesson files are
back-dated, as a real course's files are, so the cache may trust their stamps;
the tests that write a file "just now" check that such a file is never trusted.
"""

from __future__ import annotations

import io
import json
import os
import struct
import threading
import time
from pathlib import Path

import pytest

from alignlearn import paths
from alignlearn.cli import main
from alignlearn.course import catalog, lesson as lesson_module
from alignlearn.search import index_file as search_index
from alignlearn.cache import course_listing as catalog_cache
from alignlearn.cache import disk as cache
from alignlearn.course.catalog import open_course
from alignlearn.search.building import build_index, open_index
from alignlearn.commands.work_bar import progress_bar

HOUR = 3600 * 10**9

LESSON = """\
+++
id = "{id}"
title = "{title}"
concepts = ["{concept}"]
related = []

[terms]
{term} = "A word the lesson defines."
+++

An introduction that mentions {concept}.

## First part

{body}

## Second part

Plain closing words about the course.
"""


def write_lesson(folder: Path, lesson_id: str, title: str = "", body: str = "Ordinary text.",
                 term: str = "Keyword", concept: str = "idea", age_hours: float = 1.0) -> Path:
    path = folder / f"{lesson_id}.md"
    path.write_text(LESSON.format(id=lesson_id, title=title or f"Lesson {lesson_id}", body=body, term=term,
                                  concept=concept), encoding="utf-8")
    backdate(path, age_hours)
    return path


def backdate(path: Path, hours: float = 1.0) -> None:
    when = time.time_ns() - int(hours * HOUR)
    os.utime(path, ns=(when, when))


def make_course(folder: Path, ids=("alpha", "beta", "gamma")) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    order = ", ".join(f'"{i}"' for i in ids)
    manifest = folder / "course.toml"
    manifest.write_text(f'format_version = 1\nid = "demo"\ntitle = "Demo"\norder = [{order}]\n', encoding="utf-8")
    backdate(manifest)
    for lesson_id in ids:
        write_lesson(folder, lesson_id)
    return folder


@pytest.fixture
def reads(monkeypatch):
    """The names of the lesson files read from disk (front matter), in order."""
    seen: list[str] = []
    real = catalog.read_lesson_info

    def counting(file):
        seen.append(file.name)
        return real(file)

    monkeypatch.setattr(catalog, "read_lesson_info", counting)
    return seen


@pytest.fixture
def parses(monkeypatch):
    """The names of the lesson files parsed in full (for the search index)."""
    seen: list[str] = []
    real = lesson_module.load_lesson

    def counting(path, with_quiz=True):
        seen.append(Path(path).name)
        return real(path, with_quiz=with_quiz)

    monkeypatch.setattr(lesson_module, "load_lesson", counting)
    return seen


def summary(course) -> tuple:
    return ([(i.id, i.title, i.file.name, i.terms, i.concepts) for i in course.lessons],
            sorted((p.file, p.line, p.col, p.severity, p.message, p.hint) for p in course.problems))


# --- the catalog ----------------------------------------------------------------


def test_cache_lives_in_the_cache_dir_keyed_by_the_resolved_folder(tmp_path):
    root = make_course(tmp_path / "course")
    open_course(root)
    file = cache.cache_file(root, "catalog")
    assert file.parent == paths.cache_dir() and file.is_file()
    assert cache.cache_file(tmp_path / "course" / ".." / "course", "catalog") == file
    assert cache.cache_file(tmp_path / "other", "catalog") != file


def test_second_open_reads_no_lesson(tmp_path, reads):
    root = make_course(tmp_path / "course")
    first = summary(open_course(root))
    assert sorted(reads) == ["alpha.md", "beta.md", "gamma.md"]
    reads.clear()
    assert summary(open_course(root)) == first
    assert reads == []


def test_changed_lesson_is_read_again_and_only_it(tmp_path, reads):
    root = make_course(tmp_path / "course")
    open_course(root)
    reads.clear()
    path = write_lesson(root, "beta", title="Lesson BETA", age_hours=0.5)  # same size, other content
    course = open_course(root)
    assert reads == ["beta.md"]
    assert course.info("beta").title == "Lesson BETA"


def test_file_changed_twice_in_one_tick_is_not_trusted(tmp_path, reads):
    """A file written just now may change again without its stamp changing: never trust it."""
    root = make_course(tmp_path / "course")
    path = write_lesson(root, "beta", age_hours=0)
    before = os.stat(path)
    open_course(root)
    path.write_text(path.read_text(encoding="utf-8").replace("Lesson beta", "Lesson BETA"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    reads.clear()
    assert open_course(root).info("beta").title == "Lesson BETA"
    assert reads == ["beta.md"]


def test_added_and_deleted_lessons(tmp_path, reads):
    root = make_course(tmp_path / "course")
    open_course(root)
    reads.clear()
    write_lesson(root, "delta")
    (root / "alpha.md").unlink()
    course = open_course(root)
    assert reads == ["delta.md"]
    assert [i.id for i in course.lessons] == ["beta", "gamma", "delta"]
    assert any("'order' names unknown lesson 'alpha'" in p.message for p in course.problems)
    stored = cache.load(cache.cache_file(root, "catalog"), "catalog").payload["lessons"]
    assert "alpha.md" not in stored and "delta.md" in stored


def test_bad_lesson_reports_its_problem_from_the_cache(tmp_path, reads):
    root = make_course(tmp_path / "course")
    bad = root / "broken.md"
    bad.write_text('+++\nid = "broken"\ntitle = \n+++\n', encoding="utf-8")
    backdate(bad)
    first = summary(open_course(root))
    reads.clear()
    second = summary(open_course(root))
    assert reads == [] and second == first
    assert any(p[0] == str(bad) and p[1] == 3 and p[3] == "error" for p in second[1])


def test_manifest_change_is_seen(tmp_path):
    root = make_course(tmp_path / "course")
    open_course(root)
    manifest = root / "course.toml"
    manifest.write_text(manifest.read_text().replace('"alpha", "beta"', '"beta", "alpha"'), encoding="utf-8")
    backdate(manifest, 0.5)
    assert [i.id for i in open_course(root).lessons] == ["beta", "alpha", "gamma"]


def test_cached_and_uncached_opens_agree(tmp_path):
    root = make_course(tmp_path / "course", ids=("one", "two", "three"))
    (root / "dup.md").write_text(LESSON.format(id="two", title="Copy", body="x", term="T", concept="c"))
    (root / "notes.md").write_text("no front matter\n")
    (root / "README.md").write_text("not a lesson\n")
    for name in ("dup.md", "notes.md", "README.md"):
        backdate(root / name)
    expected = summary(open_course(root, cache=False))
    assert summary(open_course(root)) == expected  # building the cache
    assert summary(open_course(root)) == expected  # from the cache


def test_open_without_cache_writes_nothing(tmp_path):
    root = make_course(tmp_path / "course")
    open_course(root, cache=False)
    assert not cache.cache_file(root, "catalog").exists()


def _header_with_version(data: bytes, version: int) -> bytes:
    magic, _, kind, length, crc = cache.HEADER.unpack_from(data)
    return cache.HEADER.pack(magic, version, kind, length, crc) + data[cache.HEADER.size:]


CORRUPTIONS = {
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "header only": lambda data: data[: cache.HEADER.size],
    "garbage": lambda data: os.urandom(len(data)),
    "flipped byte": lambda data: data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:],
    "wrong version": lambda data: _header_with_version(data, cache.FORMAT_VERSION + 1),
    "not marshal": lambda data: _with_payload(data, b"\xff\x00not marshal"),
    "wrong shape": lambda data: _with_payload(data, __import__("marshal").dumps([1, 2, 3])),
}


def _with_payload(data: bytes, payload: bytes) -> bytes:
    import zlib

    magic, version, kind, _, _ = cache.HEADER.unpack_from(data)
    return cache.HEADER.pack(magic, version, kind, len(payload), zlib.crc32(payload)) + payload


@pytest.mark.parametrize("damage", sorted(CORRUPTIONS))
def test_corrupt_catalog_is_ignored_and_rebuilt(tmp_path, reads, damage):
    root = make_course(tmp_path / "course")
    expected = summary(open_course(root))
    file = cache.cache_file(root, "catalog")
    file.write_bytes(CORRUPTIONS[damage](file.read_bytes()))
    reads.clear()
    assert summary(open_course(root)) == expected
    assert sorted(reads) == ["alpha.md", "beta.md", "gamma.md"]
    assert cache.load(file, "catalog") is not None  # written afresh
    reads.clear()
    open_course(root)
    assert reads == []


def test_malformed_entry_is_read_again(tmp_path, reads):
    root = make_course(tmp_path / "course")
    expected = summary(open_course(root))
    file = cache.cache_file(root, "catalog")
    payload = cache.load(file, "catalog").payload
    stamp, _, problems = payload["lessons"]["beta.md"]
    payload["lessons"]["beta.md"] = (stamp, ("beta", 42), problems)  # a well-formed file, a wrong entry
    cache.save(file, "catalog", payload)
    reads.clear()
    assert summary(open_course(root)) == expected
    assert reads == ["beta.md"]


def test_scan_by_folder_and_by_scandir_agree(tmp_path, monkeypatch):
    """The scan stats files relative to the opened folder where the system offers it,
    with os.scandir elsewhere (Windows): both see the same files, stamps and manifest."""
    root = make_course(tmp_path / "course")
    (root / "README.md").write_text("not a lesson")
    (root / ".hidden.md").write_text("not a lesson")
    (root / "notes.txt").write_text("not a lesson")
    (root / "alpha.quiz.toml").write_text("")
    (root / "gone.md").symlink_to(root / "missing.md")  # a lesson that cannot be stat'ed
    (root / "linked.md").symlink_to(root / "alpha.md")  # stamped as the file it points to
    by_folder = catalog_cache.scan(root)
    monkeypatch.setattr(catalog_cache, "_BY_FOLDER", False)
    assert catalog_cache.scan(root) == by_folder
    lessons, manifest = by_folder
    assert sorted(lessons) == ["alpha.md", "beta.md", "gamma.md", "gone.md", "linked.md"]
    assert lessons["gone.md"] is None and lessons["linked.md"] == lessons["alpha.md"]
    stat = (root / "beta.md").stat()
    assert lessons["beta.md"] == (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    assert manifest is not None and manifest[0] == (root / "course.toml").stat().st_size


def test_cached_lesson_makes_its_path_when_asked(tmp_path):
    root = make_course(tmp_path / "course")
    open_course(root)
    info = open_course(root).lessons[0]
    assert "_file" not in vars(info)  # none made while opening
    assert info.file == root / "alpha.md" and info.file is info.file
    info.file = tmp_path / "elsewhere.md"
    assert info.file == tmp_path / "elsewhere.md"


def test_sweep_deletes_what_was_not_used_for_long_and_keeps_the_rest(tmp_path):
    root = make_course(tmp_path / "course")
    open_course(root)
    folder = paths.cache_dir()
    catalog_file = cache.cache_file(root, "catalog")
    now = time.time()
    old = {name: folder / name for name in (f"lesson-{'a' * 32}.cache", f"search-{'b' * 32}.cache",
                                               "progress-0123456789abcdef.marshal")}
    for path in old.values():
        path.write_bytes(b"stale")
        os.utime(path, (now - 90 * cache.DAY,) * 2)
    stray = folder / f".lesson-{'c' * 32}.cache.12.34.tmp"  # a killed writer's
    stray.write_bytes(b"half")
    os.utime(stray, (now - 7200,) * 2)
    fresh_stray = folder / f".lesson-{'d' * 32}.cache.12.35.tmp"  # one being written now
    fresh_stray.write_bytes(b"half")
    foreign = folder / "notes.txt"  # not ours: never touched, however old
    foreign.write_text("mine")
    os.utime(foreign, (now - 900 * cache.DAY,) * 2)
    deleted = cache.sweep(now)
    assert sorted(deleted) == sorted([*old.values(), stray])
    assert catalog_file.is_file() and fresh_stray.is_file() and foreign.is_file()
    assert cache.sweep(now + 60) == []  # once a day at most
    os.utime(catalog_file, (now - 90 * cache.DAY,) * 2)
    assert sorted(cache.sweep(now + cache.DAY + 1)) == sorted([catalog_file, fresh_stray])  # an hour on: left behind
    assert [i.id for i in open_course(root).lessons] == ["alpha", "beta", "gamma"]  # rebuilt


def test_a_cache_in_use_is_touched_so_the_sweep_keeps_it(tmp_path, reads):
    root = make_course(tmp_path / "course")
    open_course(root)
    catalog_file = cache.cache_file(root, "catalog")
    long_ago = time.time() - 90 * cache.DAY
    os.utime(catalog_file, (long_ago, long_ago))
    reads.clear()
    open_course(root)
    assert reads == []  # the cache was used...
    assert catalog_file.stat().st_mtime > time.time() - 60  # ...and so marked as used
    assert cache.sweep() == [] and catalog_file.is_file()


def test_sweep_keeps_the_newest_past_the_size_limit(tmp_path):
    folder = paths.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    files = []
    for age in range(5):  # 0 is the newest
        path = folder / f"lesson-{age:032x}.cache"
        path.write_bytes(b"x" * 1000)
        os.utime(path, (now - age * 3600,) * 2)
        files.append(path)
    assert sorted(cache.sweep(now, max_bytes=2500)) == sorted(files[2:])
    assert all(path.is_file() for path in files[:2])


def test_unwritable_cache_dir_still_opens(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("ALIGNLEARN_CACHE_DIR", str(blocker / "cache"))
    root = make_course(tmp_path / "course")
    assert [i.id for i in open_course(root).lessons] == ["alpha", "beta", "gamma"]


# --- search -----------------------------------------------------------------------


def search_course(folder: Path) -> Path:
    make_course(folder, ids=())
    write_lesson(folder, "titled", title="Zebra crossings", body="Nothing about the animal here.")
    write_lesson(folder, "bodied", title="Road safety", body="A zebra, another zebra, and a zebra again.")
    write_lesson(folder, "termed", title="Glossary", term="Zebrafish", body="Fish in a tank.")
    write_lesson(folder, "other", title="Unrelated", body="Stripes and crossings without the word.")
    return folder


def lessons_of(results) -> list[tuple[str, int | None]]:
    return [(r.lesson, r.section) for r in results]


def test_title_match_ranks_above_body_match(tmp_path):
    index = build_index(open_course(search_course(tmp_path / "c")))
    results = index.search("zebra")
    assert results[0].lesson == "titled" and results[0].section is None
    assert ("bodied", 1) in lessons_of(results)
    assert lessons_of(results).index(("titled", None)) < lessons_of(results).index(("bodied", 1))


def test_prefix_of_the_last_word_matches(tmp_path):
    index = build_index(open_course(search_course(tmp_path / "c")))
    assert {r.lesson for r in index.search("zeb")} == {"titled", "bodied", "termed"}
    assert {r.lesson for r in index.search("zebrafi")} == {"termed"}
    assert index.search("zeb road") == []  # only the last word is a prefix
    assert lessons_of(index.search("road zeb")) == [("bodied", 1)]  # the section, by its lesson's title


def test_every_word_must_match_and_stopwords_are_ignored(tmp_path):
    index = build_index(open_course(search_course(tmp_path / "c")))
    found = lessons_of(index.search("zebra crossings"))
    assert found[0] == ("titled", None) and {lesson for lesson, _ in found} == {"titled"}
    assert lessons_of(index.search("the zebra crossings")) == found
    assert index.search("zebra elephant") == []
    assert index.search("") == [] and index.search("  ,. ") == []


def test_snippets_and_titles_come_from_the_cache(tmp_path, parses):
    root = search_course(tmp_path / "c")
    build_index(open_course(root))
    parses.clear()
    results = open_index(root).search("zebra again")
    assert parses == []
    first = results[0].as_dict()
    assert set(first) == {"lesson", "section", "title", "snippet"}
    assert first["lesson"] == "bodied" and first["section"] == 1
    assert first["title"] == "Road safety \u203a 1. First part"
    assert "zebra again" in first["snippet"]


def test_index_is_rebuilt_only_for_changed_added_and_deleted_lessons(tmp_path, parses):
    root = search_course(tmp_path / "c")
    build_index(open_course(root))
    assert sorted(parses) == ["bodied.md", "other.md", "termed.md", "titled.md"]
    parses.clear()
    write_lesson(root, "other", title="Unrelated", body="Now it talks of a quagga.", age_hours=0.5)
    write_lesson(root, "added", title="Okapi", body="Another striped quagga relative.")
    (root / "termed.md").unlink()
    index = open_index(root)
    assert sorted(parses) == ["added.md", "other.md"]
    assert {r.lesson for r in index.search("quagga")} == {"other", "added"}
    assert index.search("stripes") == []
    assert index.search("zebrafish") == []
    parses.clear()
    assert {r.lesson for r in open_index(root).search("quagga")} == {"other", "added"}
    assert parses == []


def test_index_knows_the_stamps_it_was_built_from(tmp_path):
    root = search_course(tmp_path / "c")
    build_index(open_course(root))
    stored = search_index.load(cache.cache_file(root, search_index.KIND), root)
    found, _ = catalog_cache.scan(root)
    assert stored.built_from(found) and stored.stamps == found
    assert stored.built_from(dict(reversed(found.items())))  # another order: unpacked and compared
    changed = dict(found, **{"other.md": (1, 2, 3, 4)})
    assert not stored.built_from(changed)
    assert not stored.built_from({name: found[name] for name in list(found)[1:]})
    stored = search_index.load(cache.cache_file(root, search_index.KIND), root)
    stored._stamps = b"\xff not marshal"  # as if damaged: matches nothing, never raises
    assert stored.stamps == {} and not stored.built_from(found)


def test_one_lesson_is_cut_from_the_stored_columns(tmp_path):
    root = search_course(tmp_path / "c")
    write_lesson(root, "wide", title="Zebra 🦓 crossings, été")  # past the BMP: code points, not bytes
    build_index(open_course(root))
    path = cache.cache_file(root, search_index.KIND)
    cut = search_index.load(path, root)
    whole = search_index.load(path, root).lessons
    assert [cut.lesson(number) for number in range(len(whole))] == whole
    assert "lessons" not in vars(cut)  # nothing split
    assert ("wide.md", "wide", "Zebra 🦓 crossings, été") in whole
    with pytest.raises(IndexError):
        cut.lesson(len(whole))


def test_search_without_a_writable_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("ALIGNLEARN_CACHE_DIR", str(blocker / "cache"))
    root = search_course(tmp_path / "c")
    results = open_index(root).search("zebra again")
    assert lessons_of(results) == [("bodied", 1)] and "zebra again" in results[0].snippet


def test_reader_call_is_kept_per_course(tmp_path):
    course = open_course(search_course(tmp_path / "c"))
    assert build_index(course) is build_index(course)
    assert build_index(course).search("zebra")[0].lesson == "titled"


@pytest.mark.parametrize("damage", sorted(CORRUPTIONS))
def test_corrupt_search_cache_is_ignored_and_rebuilt(tmp_path, parses, damage):
    root = search_course(tmp_path / "c")
    expected = [r.as_dict() for r in build_index(open_course(root)).search("zebra")]
    file = cache.cache_file(root, "search")
    file.write_bytes(CORRUPTIONS[damage](file.read_bytes()))
    assert [r.as_dict() for r in open_index(root).search("zebra")] == expected
    assert search_index.load(file, root) is not None  # written afresh
    parses.clear()
    assert [r.as_dict() for r in open_index(root).search("zebra")] == expected
    assert parses == []


def _damage(root: Path, where: str) -> None:
    """Flip a byte in the posting of 'zebra' or in the text of lesson 'titled', past the checked header."""
    file = cache.cache_file(root, "search")
    stored = search_index.load(file, root)
    tail_start = cache.load(file, "search").tail_start
    postings = stored.postings
    if where == "postings":
        number = [postings.vocabulary[n] for n in range(len(postings.vocabulary))].index("zebra")
        at = tail_start + postings.offsets[number] * postings.size
    else:
        lesson = [name for name, _, _ in stored.lessons].index("titled.md")
        at = tail_start + stored.texts.at + stored.texts.offsets[stored.lesson_places[lesson]] + 1
    stored.close()
    data = bytearray(file.read_bytes())
    data[at] ^= 0xFF
    file.write_bytes(bytes(data))


@pytest.mark.parametrize("where", ["postings", "texts"])
def test_damage_past_the_header_is_caught_when_used(tmp_path, parses, where):
    root = search_course(tmp_path / "c")
    expected = [r.as_dict() for r in build_index(open_course(root)).search("zebra")]
    _damage(root, where)
    index = open_index(root)
    parses.clear()
    assert [r.as_dict() for r in index.search("zebra")] == expected
    assert sorted(parses) == ["bodied.md", "other.md", "termed.md", "titled.md"]  # found out, indexed again
    for query in ("road", "zebrafish", "crossings", "fish", "glossary", "stripes"):
        fresh = build_index(open_course(root, cache=False)).search(query)
        assert [r.as_dict() for r in index.search(query)] == [r.as_dict() for r in fresh], query


def test_search_command_on_a_course(tmp_path, capsys):
    root = search_course(tmp_path / "c")
    assert main(["search", "zebra", "--json", "--course", str(root)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"][0]["lesson"] == "titled"
    assert main(["search", "zebra", "--json", "--course", str(root)]) == 0  # from the cache
    assert json.loads(capsys.readouterr().out) == data


# --- progress ---------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_and_nothing_on_a_pipe():
    pipe, terminal = io.StringIO(), Terminal()
    with progress_bar("Reading lessons", stream=pipe, delay=0) as step:
        for number in range(1, 5):
            step(number, 10)
    assert pipe.getvalue() == ""
    threads = threading.active_count()
    with progress_bar("Reading lessons", stream=terminal, delay=0) as step:
        for number in range(1, 5):
            step(number, 10)
            assert threading.active_count() == threads  # drawn here: work that forks may fork
    assert "Reading lessons" in terminal.getvalue() and "4/10" in terminal.getvalue()


def test_quick_work_draws_no_bar():
    terminal = Terminal()
    with progress_bar("Reading lessons", stream=terminal, delay=60) as step:
        step(1, 2)
        step(2, 2)
    assert terminal.getvalue() == ""


def test_open_course_reports_progress_for_files_it_reads(tmp_path):
    root = make_course(tmp_path / "course")
    calls: list[tuple[int, int]] = []
    open_course(root, progress=lambda number, total: calls.append((number, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
    calls.clear()
    open_course(root, progress=lambda number, total: calls.append((number, total)))
    assert calls == []


def test_check_on_a_pipe_prints_no_progress(tmp_path, capsys):
    root = make_course(tmp_path / "course")
    main(["check", str(root)])
    assert capsys.readouterr().err == ""


def test_search_from_the_cache_parses_nothing_and_imports_no_ui(tmp_path):
    """A warm ``alignlearn search`` must not pay for markdown-it, Rich or Textual."""
    import subprocess
    import sys

    root = search_course(tmp_path / "c")
    assert main(["search", "zebra", "--course", str(root)]) == 0
    code = (
        "import sys\n"
        "from alignlearn.cli import main\n"
        f"assert main(['search', 'zebra', '--course', {str(root)!r}]) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('markdown_it', 'rich', 'textual'))\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ), capture_output=True)


def test_a_course_opened_without_cache_is_searched_without_it(tmp_path, parses):
    root = search_course(tmp_path / "c")
    assert build_index(open_course(root, cache=False)).search("zebra")[0].lesson == "titled"
    assert not cache.cache_file(root, "search").exists()
    parses.clear()
    build_index(open_course(root, cache=False))
    assert len(parses) == 4


def test_course_repr_does_not_list_every_lesson(tmp_path):
    """Textual's @work puts repr() of its arguments in each worker's description."""
    course = open_course(make_course(tmp_path / "course"))
    assert repr(course) == f"Course(id='demo', root={str(tmp_path / 'course')!r}, lessons=3)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_place_of_a_cache_file_is_no_cache_and_no_hang(tmp_path):
    """Opening a cache file blocked on a named pipe: the reader and preview never started."""
    target = tmp_path / "cache-file"
    os.mkfifo(target)
    done = threading.Event()

    def free() -> None:  # frees a blocked open after a while: a failure, not a hang
        if done.wait(5):
            return
        while not done.wait(0.01):
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass

    threading.Thread(target=free, daemon=True).start()
    started = time.monotonic()
    try:
        assert cache.load(target, "catalog") is None
    finally:
        done.set()
    assert time.monotonic() - started < 3, "the cache waited on a named pipe"
