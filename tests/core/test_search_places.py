"""Where a search hit opens, and what its snippet shows (issue 21, item 7): a hit in a
lesson's key terms is placed there, and every snippet holds a word the query matched."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignlearn import paths
from alignlearn.course import load_lesson
from alignlearn.course.catalog import open_course
from alignlearn.search.building import build_index
from alignlearn.search.places import STOPWORDS, words
from alignlearn.search.query import KEY_TERMS, matches


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    import os

    os.environ["ALIGNLEARN_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))  # module scope: no monkeypatch
    try:
        course = open_course(paths.bundled_course())
        return course, build_index(course)
    finally:
        del os.environ["ALIGNLEARN_CACHE_DIR"]


def definition_words(course) -> list[tuple[str, str]]:
    """(lesson id, word) for each word of each key term's definition."""
    found = []
    for info in course.lessons:
        lesson = load_lesson(info.file, with_quiz=False)
        for definition in lesson.terms.values():
            found += [(info.id, word) for word in sorted(set(words(definition)) - STOPWORDS)]
    return found


def test_a_word_only_in_a_definition_is_a_key_terms_hit(bundled):
    course, index = bundled
    [result] = index.search("labeller")
    assert (result.lesson, result.section, result.at) == ("alignment-technical-problem", None, KEY_TERMS)
    assert result.as_dict().keys() == {"lesson", "section", "title", "snippet"}  # the JSON is as SPEC says


def test_a_section_found_only_by_its_lessons_title_is_left_to_the_lesson(bundled):
    """"goodhart tax" listed the lesson titled "... the Goodhart Tax", then each of its sections
    again with the title as its snippet (second walkthrough): the sections that say it stay."""
    course, index = bundled
    results = [(r.lesson, r.section) for r in index.search("goodhart tax")]
    assert ("specification-gaming-and-goodhart", None) in results
    assert ("specification-gaming-and-goodhart", 7) in results  # "Paying the Goodhart tax"
    assert ("specification-gaming-and-goodhart", 3) not in results  # "Classic examples": title only
    assert ("specification-gaming-and-goodhart", 0) not in results


def test_a_word_of_the_title_opens_the_lesson_at_its_top(bundled):
    course, index = bundled
    top = [r for r in index.search("interpretability") if r.lesson == "interpretability" and r.section is None]
    assert top and top[0].at is None


def test_every_snippet_of_a_definition_word_holds_a_matched_word(bundled):
    course, index = bundled
    pairs = definition_words(course)
    assert len(pairs) > 100
    key_term_hits = 0
    for lesson_id, word in pairs:
        results = index.search(word, limit=1000)
        mine = [r for r in results if r.lesson == lesson_id and r.section is None]
        assert mine, (lesson_id, word)  # the lesson as a whole holds its definitions
        for result in results:
            assert matches(result.snippet, [word]), (word, result.title, result.snippet)
        key_term_hits += mine[0].at == KEY_TERMS
    assert key_term_hits > len(pairs) // 2


def test_a_snippet_shows_where_the_words_searched_for_are_together():
    """"reward hacking" showed the key terms' first "reward" (RLHF's definition), not the
    "Reward hacking: ..." entry (found by a new-user walkthrough)."""
    from alignlearn.search.query import snippet

    text = ("RLHF: people compare outputs and a reward model learns their preferences, then the model is "
            "optimised against it for a long while. Sycophancy: telling people what they want to hear. "
            "Reward hacking: scoring highly on the reward signal by a route nobody intended.")
    shown = snippet(text, ["reward", "hacking"])
    assert "Reward hacking: scoring" in shown
    assert snippet("a reward here, and nothing else", ["reward", "hacking"]).startswith("a reward")  # one word: the first


@given(st.text(alphabet="ab c.", max_size=400), st.lists(st.sampled_from(["a", "b", "ab", "ba"]), min_size=1, max_size=3))
def test_a_snippet_holds_a_matched_word_whenever_the_text_has_one(text, terms):
    from alignlearn.search.query import snippet

    shown = snippet(text, terms, width=40)
    if matches(" ".join(text.split()), terms):
        assert matches(shown.strip("\u2026"), terms)
