""""What does WMDP stand for?" is answered only by a sentence that spells the letters out
(tutor/acronyms.py); a lesson that only uses the acronym declines, however much it says about it."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from alignlearn.course import open_course
from alignlearn.tutor import Tutor
from alignlearn.tutor.acronyms import SpelledOut, acronym_asked
from tutor_lessons import write_lesson

KILNS = """
    Potters fire their work in a kiln, and the Kiln Safety Board (KSB) sets the rules for them.

    ## Firing

    A bisque firing hardens the clay before glazing. Reinforced Ceramic Firing, RCF for short, adds
    a second slow firing. The ICPF benchmark scores a kiln's even heat; ICPF rates most kilns poorly.

    ## Glazes

    A glaze is a layer of glass fused to the pot. Lead glazes are banned by the KSB.
"""


@pytest.fixture(scope="module")
def tutor(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kilns")
    write_lesson(folder, KILNS, front='id = "kilns"\ntitle = "Kilns"', name="kilns.md")
    course = open_course(folder)
    return Tutor(course.lesson("kilns"), course)


@pytest.mark.parametrize("question, section", [
    ("What does KSB stand for?", 0), ("what does rcf stand for", 1), ("What is RCF short for?", 1),
    ("What's KSB short for?", 0)])
def test_an_acronym_the_lesson_spells_out_is_answered_from_that_sentence(tutor, question, section):
    answer = tutor.ask(question)
    assert answer.covered and answer.sources[0].section_number == section


@pytest.mark.parametrize("question", ["What does ICPF stand for?", "what does icpf stand for?",
                                      "What is the abbreviation ICPF short for?"])
def test_an_acronym_the_lesson_only_uses_is_declined(tutor, question):
    answer = tutor.ask(question)
    assert not answer.covered and "ICPF stands for" in answer.text
    assert tutor.ask("What does the ICPF benchmark score?").covered  # what it is, the lesson does say


@pytest.mark.parametrize("question, acronym", [
    ("What does WMDP stand for?", "WMDP"), ("what does rlhf stand for", "RLHF"), ("what does it stand for?", None),
    ("What is the abbreviation CAISI short for?", "CAISI"), ("What does METR do?", None),
    ("what does the author stand for?", None), ("What is METR's full name?", "METR")])
def test_the_acronym_asked_about(question, acronym):
    assert acronym_asked(question) == acronym


def test_initials_in_capitals_and_small_words_spell_it_out():
    assert SpelledOut("RLAIF").search("RLAIF, reinforcement learning from AI feedback")
    assert SpelledOut("CAISI").search("the US Center for AI Standards and Innovation, CAISI (the US AI Safety")
    assert not SpelledOut("WMDP").search("carried over to a held-out benchmark of hazardous knowledge, WMDP.")
    assert not SpelledOut("KSB").search("Kiln Safety Board sets the rules")  # the letters themselves not named


@given(st.text(max_size=200), st.text(alphabet="ABCDKLMS", min_size=2, max_size=6))
def test_any_text_is_read_without_error(text, acronym):
    acronym_asked(text)
    assert SpelledOut(acronym).search(text) in (True, False)
