"""A learner's slips and chat shorthand are read as the lesson's words (tutor/spelling.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignlearn.course.lesson import load_lesson
from alignlearn.tutor import Tutor
from alignlearn.tutor.spelling import Speller, name_forms
from tutor_lessons import write_lesson

WORDS = ["superposition", "amplification", "polysemantic", "started", "misgeneralisation"]


@pytest.mark.parametrize(("typed", "read"), [
    ("superpositon", "superposition"),  # a letter left out
    ("amplificationn", "amplification"),  # one added
    ("polysemamtic", "polysemantic"),  # one changed
    ("superpositoin", "superposition"),  # two swapped
    ("Misgeneralsation", "Misgeneralisation"),  # the capital kept
])
def test_a_slip_in_a_long_word_is_read_as_the_lessons_word(typed, read):
    assert Speller(WORDS).fix(f"what is {typed}?") == f"what is {read}?"


@pytest.mark.parametrize("typed", [
    "starter",  # short words are near too many others: "starter" is no slip for "started"
    "superpose",  # two letters away
])
def test_other_words_are_left_alone(typed):
    assert Speller(WORDS).fix(typed) == typed


def test_a_word_the_course_uses_elsewhere_is_no_slip():
    assert Speller(["deceptions"], known=lambda word: word == "deception").fix("deception") == "deception"


def test_a_word_near_two_of_the_lessons_words_is_left_alone():
    assert Speller(["trainers", "trainees"]).fix("trainess") == "trainess"


def test_chat_shorthand_is_read_as_words():
    assert Speller([]).fix("whats the diff w/o it") == "what is the difference without it"


def test_common_typos_and_short_forms_are_read_as_words():
    assert Speller([]).fix("how do coding agents game teh tests") == "how do coding agents game the tests"
    assert Speller([]).fix("which org does evals") == "which organisation does evaluations"


def test_pleasantries_are_no_words_to_meet():
    """A learner's walkthrough: "explain sandwiching pls" was declined, "explain sandwiching" answered."""
    assert Speller([]).fix("explain sandwiching pls").split() == ["explain", "sandwiching"]
    assert Speller([]).fix("wat is RLAIF lol thx").split() == ["what", "is", "RLAIF"]


def test_the_tutor_answers_a_question_with_a_slip(tmp_path):
    lesson = load_lesson(write_lesson(tmp_path, """
        Networks store many features in few neurons.

        ## Superposition

        Superposition is the hypothesis that a network represents more features than it has neurons.
    """))
    answer = Tutor(lesson).ask("whats superpositon?")
    assert answer.covered and answer.sources[0].section_number == 1
    assert answer.question == "whats superpositon?"  # shown back as typed


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=15), max_size=20), st.text(max_size=200))
def test_any_text_is_fixed_without_error(lesson_words, question):
    fixed = Speller([w.casefold() for w in lesson_words]).fix(question)
    assert isinstance(fixed, str)


def test_a_name_typed_in_lower_case_is_read_as_the_name():
    texts = ['In May 2024 OpenAI and Anthropic published "Scaling Monosemanticity", and OpenAI disbanded a team.',
             "Researchers at Anthropic may use probes."]
    names = name_forms(texts)
    assert names == {"openai": "OpenAI", "anthropic": "Anthropic"}  # not the title's words, not "may"
    speller = Speller([], names=names)
    assert speller.fix("what happened to openai's team") == "what happened to OpenAI's team"
    assert speller.fix("anthropic") == "anthropic"  # the question's first word is left as typed


@pytest.mark.parametrize("typed, read", [
    ("what is RHLF?", "what is RLHF?"),
    ("what is rhlf", "what is RLHF"),
    ("how does RLIAF work", "how does RLAIF work"),
    ("what is PPO", "what is PPO"),  # not the lesson's: left as typed
    ("what is the ABC", "what is the ABC"),  # two acronyms one swap away (BAC, ACB): no guess
])
def test_two_letters_of_an_acronym_swapped_are_read_as_the_lessons_acronym(typed, read):
    """A walkthrough: "what is RHLF" was declined; acronyms are too short for the speller's
    one-letter-apart rule, and a swapped pair is the commonest slip in one."""
    text = ["People compare outputs in RLHF, and a model supplies the labels in RLAIF.", "Both BAC and ACB are here."]
    speller = Speller([word for line in text for word in line.lower().split()], names=name_forms(text))
    assert speller.fix(typed) == read


def test_a_name_after_a_linked_citation_is_a_name_still():
    """"([Langosco and colleagues, 2022](url)), an agent in the CoinRun game ...": the prose after
    a citation was read as a source line's title and "coinrun" typed by a learner stayed unknown;
    a source line's title ("(2022), Goal Misgeneralization in ...") still names nothing."""
    from alignlearn.tutor.spelling import name_forms

    forms = name_forms(["In a well-known example ([Langosco and colleagues, 2022](https://x.org)), an agent "
                        "in the CoinRun game was trained on levels.",
                        "Langosco et al. (2022), Goal Misgeneralization in Deep Reinforcement Learning."])
    assert forms.get("coinrun") == "CoinRun"
    assert "misgeneralization" not in forms and "reinforcement" not in forms


def test_a_number_word_is_no_name_though_a_name_writes_it_with_a_capital():
    """"AlphaGo Zero" is the only "zero" a lesson writes; a learner's "a score of zero" is a number.
    Read as the name "Zero", it weighed the most a word can and no passage met it."""
    text = ["The authors compare it to Expert Iteration, the loop behind AlphaGo Zero.", "A score of 0 means it copied."]
    forms = name_forms(text)
    assert "zero" not in forms and forms.get("alphago") == "AlphaGo"
    speller = Speller([word for line in text for word in line.lower().split()], names=forms)
    assert speller.fix("what does a score of zero mean") == "what does a score of zero mean"
