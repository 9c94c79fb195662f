"""The blind tutor evaluation sets are well formed: it parses, it is big enough, and every
lesson id and section title it names exists in the bundled course.

This checks the data only. It does not run the tutor, and a blind set must never be used to
tune it (see the header of each data file). Set 1 was retired to tuning in session 15, when
set 2 was written (by a helper who saw only the lessons) to measure instead; set 2 was retired
in session 17, when sets 3, 4 and 5 were written the same way; sets 6 and 7 in session 18 (set 6
became tuning material in that session); set 8 in session 19; set 11 in session 20 (sets 9 and 10
of that session are tuning sets, tests/data/tutor_tune_*.toml); set 12 in session 21; set 13 in session 22 (set 14 is a tuning set); sets 15 and 17 in session 23 (set 16 is a tuning set); set 19 in session 24; set 21 in session 25 (set 20 is a tuning set); set 23 in session 26 (set 22 is a tuning set). "Introduction"
names the text before a lesson's first section.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETS = [ROOT / "tests" / "data" / f"tutor_blind_eval{suffix}.toml" for suffix in ("", "_2", "_3", "_4", "_5", "_6", "_7", "_8", "_11", "_12", "_13", "_15", "_17", "_19", "_21", "_23", "_25", "_27", "_29")]
LESSONS = ROOT / "lessons"

# "## 3. Debate" and "## Debate" name the same section.
NUMBER_PREFIX = re.compile(r"^\d+[.)]\s+")
KINDS = {"other", "near miss"}


def lesson_ids() -> set[str]:
    return {p.stem for p in LESSONS.glob("*.md")}


def section_titles(lesson_id: str) -> set[str]:
    """The `## ` headings of a lesson's body, outside its front matter and code fences."""
    text = (LESSONS / f"{lesson_id}.md").read_text(encoding="utf-8")
    if text.startswith("+++"):
        text = text.split("+++", 2)[2]
    titles: set[str] = set()
    in_fence = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        elif not in_fence and line.startswith("## "):
            titles.add(NUMBER_PREFIX.sub("", line[3:].strip()))
    return titles


@pytest.fixture(scope="module", params=SETS, ids=lambda path: path.stem)
def data(request) -> dict:
    return tomllib.loads(request.param.read_text(encoding="utf-8"))


def test_counts(data: dict) -> None:
    assert len(data["answerable"]) >= 150
    assert len(data["unanswerable"]) >= 50


def test_every_lesson_is_covered(data: dict) -> None:
    ids = lesson_ids()
    assert len(ids) == 8
    assert {e["lesson"] for e in data["answerable"]} == ids
    assert {e["lesson"] for e in data["unanswerable"]} == ids


def test_answerable_entries_name_real_sections(data: dict) -> None:
    ids = lesson_ids()
    for entry in data["answerable"]:
        assert entry["lesson"] in ids, entry
        assert entry["question"].strip(), entry
        # Exactly one of section / sections.
        assert ("section" in entry) != ("sections" in entry), entry
        wanted = entry.get("sections") or [entry["section"]]
        assert wanted and all(isinstance(t, str) for t in wanted), entry
        titles = section_titles(entry["lesson"])
        for title in wanted:
            assert title in titles or title == "Introduction", (entry["lesson"], title)


def test_unanswerable_entries(data: dict) -> None:
    ids = lesson_ids()
    for entry in data["unanswerable"]:
        assert entry["lesson"] in ids, entry
        assert entry["question"].strip(), entry
        assert entry["kind"] in KINDS, entry
    kinds = Counter(e["kind"] for e in data["unanswerable"])
    assert kinds["other"] >= 15 and kinds["near miss"] >= 25


def test_no_question_is_repeated(data: dict) -> None:
    # The same words asked of two lessons are two cases: "What is recursive reward modelling?" is
    # answered by the lesson that teaches it and declined by one that only names it.
    questions = [(e["lesson"], e["question"].strip().lower()) for e in data["answerable"] + data["unanswerable"]]
    assert len(questions) == len(set(questions))
