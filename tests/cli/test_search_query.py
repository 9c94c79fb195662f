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
