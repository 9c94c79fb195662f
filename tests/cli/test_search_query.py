"""`alignlearn search QUERY` with no word in QUERY is bad input (exit 1, as `ask` with an empty
question), said plainly: it printed "No lesson matches ''" and exited 0, as if it had looked."""

from __future__ import annotations

import pytest

from alignlearn.cli import main

EXAMPLE = ': give a word or two, for example: alignlearn search "reward hacking"\n'


@pytest.mark.parametrize("query", ["", " ", "   ", "\t"])
@pytest.mark.parametrize("json", [[], ["--json"]])
def test_an_empty_query_is_refused(capsys, query, json):
    assert main(["search", query, *json]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == "alignlearn: error: the query is empty" + EXAMPLE


def test_a_query_of_no_word_says_so(capsys):
    assert main(["search", "?!"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == "alignlearn: error: the query '?!' has no word to search for" + EXAMPLE


def test_a_query_with_a_word_still_searches(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no lessons here: no note about the bundled course
    assert main(["search", "  reward hacking  "]) == 0
    out, err = capsys.readouterr()
    assert out and "No lesson matches" not in out and err == ""


@pytest.mark.parametrize("limit, said", [("0", "the limit must be at least 1 result, not 0"),
                                         ("-1", "the limit must be at least 1 result, not -1"),
                                         ("many", "the limit must be a whole number, not 'many'")])
def test_a_limit_below_one_is_bad_usage(capsys, limit, said):
    """--limit 0 printed "No lesson matches 'alignment'." and exited 0, as if nothing had
    matched; --limit -1 quietly dropped the last result."""
    assert main(["search", "alignment", "--limit", limit]) == 2
    out, err = capsys.readouterr()
    assert out == "" and f"argument --limit: {said}" in err


def test_a_limit_caps_the_results(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["search", "alignment", "--limit", "2", "--json"]) == 0
    import json

    assert len(json.loads(capsys.readouterr().out)["results"]) == 2


GOOD = '+++\nid = "good"\ntitle = "Good"\n+++\n\nReward hacking is gaming the measure.\n'
BROKEN = '+++\nid = "broken"\ntitle = "Broken\n+++\n\nReward hacking again.\n'


@pytest.mark.parametrize("json", [[], ["--json"]])
def test_a_lesson_it_cannot_read_is_reported_on_every_search(capsys, tmp_path, json):
    """Every command that loads lessons names a bad file (SPEC section 4): search said nothing of a
    lesson it could not read, and from the second search on (the index cached) never would."""
    course = tmp_path / "course"
    course.mkdir()
    (course / "course.toml").write_text('format_version = 1\nid = "c"\ntitle = "C"\n')
    (course / "good.md").write_text(GOOD)
    (course / "broken.md").write_text(BROKEN)
    for _ in range(2):  # building the index, then from the cache
        assert main(["search", "reward", "--course", str(course), *json]) == 1  # as "lessons" exits
        out, err = capsys.readouterr()
        assert "good" in out and "broken.md:3:" in err and "error:" in err
    (course / "broken.md").write_text(BROKEN.replace('"Broken', '"Broken"'))
    assert main(["search", "reward", "--course", str(course), *json]) == 0
    out, err = capsys.readouterr()
    assert "broken" in out and err == ""
