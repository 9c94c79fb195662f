"""Each part of the tutor's matching can be switched off, to measure what it adds
(``tutor_eval.py --parts SETFILE``); on a small lesson written here, each switched-off
part loses exactly the match it exists for."""

from __future__ import annotations

import pytest
from tutor_eval import parts_table

from alignlearn.course import load_lesson
from alignlearn.tutor import Tutor
from alignlearn.tutor.parts import ALL, Parts
from tutor_lessons import write_lesson

GARDEN = """
    Gardens need care all year round.

    ## Soil

    Composting turns kitchen scraps into food for the soil over a few months.

    ## Pests

    Integrated pest management (IPM) combines traps, predators and careful spraying.
    Gardeners who practise it spray far less.

    ## Water

    A mulch is spread on the soil so that it keeps its water through a dry summer.
"""
FRONT = '''
id = "garden"
title = "Gardening"

[terms]
Mulch = "A layer of bark or straw laid over soil to hold in moisture."
'''


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    return load_lesson(write_lesson(tmp_path_factory.mktemp("garden"), GARDEN, FRONT))


def sections(lesson, question: str, parts: Parts = ALL) -> list[int]:
    answer = Tutor(lesson, parts=parts).ask(question)
    return [source.section_number for source in answer.sources] if answer.covered else []


def test_all_parts_are_on_by_default():
    assert Parts() == ALL and all(getattr(ALL, name) for name in Parts.names())
    assert Parts.names() == ["stems", "terms", "synonyms", "spelling"]


def test_without_spelling_a_slip_is_read_as_typed(lesson):
    question = "Why do gardners use predatrs in integrated pest managment?"
    assert Tutor(lesson, parts=ALL).speller.fix(question) == (
        "Why do gardeners use predators in integrated pest management?")
    assert Tutor(lesson, parts=ALL.without("spelling")).speller.fix(question) == question


def test_without_stems_a_word_meets_only_its_own_form(lesson):
    question = "How long does it take to compost scraps?"
    assert sections(lesson, question) == [1]
    assert sections(lesson, question, ALL.without("stems")) != [1]


def reached(lesson, question: str, parts: Parts = ALL) -> set[str]:
    """The tokens the question reaches passages by (its own stems and their synonyms)."""
    return set(Tutor(lesson, parts=parts).query(question).weights)


def test_without_synonyms_an_acronym_spelt_out_in_the_prose_is_not_met(lesson):
    question = "What does IPM combine?"
    assert "~ipm" in reached(lesson, question)  # the concept the long form's passages carry too
    assert "~ipm" not in reached(lesson, question, ALL.without("synonyms"))


def test_without_terms_a_key_term_is_not_met_by_its_definitions_words(lesson):
    question = "Why lay bark or straw over the soil?"
    assert "mulch" in Tutor(lesson).query(question).implied
    assert "mulch" not in Tutor(lesson, parts=ALL.without("terms")).query(question).implied


def test_the_parts_table_has_a_row_for_each_part(tmp_path):
    cases = tmp_path / "cases.toml"
    cases.write_text('[[answerable]]\nlesson = "alignment-technical-problem"\n'
                     'question = "What is RLHF?"\nsection = "How alignment is done in practice"\n'
                     '[[unanswerable]]\nlesson = "alignment-technical-problem"\n'
                     'question = "How do I bake sourdough bread?"\nkind = "other"\n', encoding="utf-8")
    lines = parts_table(cases)
    assert [line.split()[0] for line in lines[2:]] == ["all", "without", "without", "without", "without", "without"]
    assert "1/1" in lines[2]
