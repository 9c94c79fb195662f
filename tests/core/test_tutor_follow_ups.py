"""A question that leans on the one before ("why does it happen?", "can you give an example?",
"tell me more") is read with the earlier subject in it (tutor/follow_ups.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignlearn.course.lesson import load_lesson
from alignlearn.tutor import Tutor
from alignlearn.tutor.follow_ups import NOTHING_MORE, ask_after, asks_for_more, follow_up, lesson_word
from tutor_lessons import write_lesson

FROST = """
    Frost damages tender plants in spring.

    ## What frost is

    Frost is ice that forms on surfaces when the air near the ground falls below freezing on a
    clear, still night.

    Frost forms because the ground loses heat to a clear sky faster than the air above it.

    ## Protecting plants

    Fleece laid over seedlings keeps a few degrees of warmth around them.

    A cold frame shelters young plants until the last frost has passed.

    ## Frost pockets

    Cold air flows downhill and pools in hollows, so plants at the bottom of a slope freeze first.
"""


@pytest.fixture(scope="module")
def tutor(tmp_path_factory) -> Tutor:
    folder = tmp_path_factory.mktemp("frost")
    return Tutor(load_lesson(write_lesson(folder, FROST, 'id = "frost"\ntitle = "Frost"')))


@pytest.mark.parametrize(("question", "read"), [
    ("why does it happen?", "why does frost happen?"),
    ("Can you give an example?", "Can you give an example of frost?"),
    ("how do gardeners protect plants from it?", "how do gardeners protect plants from frost?"),
    ("what are its effects?", "what are frost's effects?"),
    ("why?", "why frost?"),
    ("What is a frost pocket?", "What is a frost pocket?"),  # its own subject: unchanged
    ("how does fleece help?", "how does fleece help?"),
    ("What is a hailstorm?", "What is a hailstorm?"),  # a subject of its own the lesson never names: unchanged
    ("What is the capital of France?", "What is the capital of France?"),
    ("why does it thaw?", "why does frost thaw?"),  # "it": the subject before, whatever the other words
])
def test_a_follow_up_is_read_with_the_subject_before_it(tutor, question, read):
    assert follow_up(question, "What is frost?", lesson_word(tutor)) == read


def test_a_follow_up_is_answered_where_alone_it_was_not(tutor):
    alone = tutor.ask("why does it happen?")
    read, answer = ask_after(tutor, "why does it happen?", ("What is frost?", tutor.ask("What is frost?")))
    assert read == "why does frost happen?"
    assert answer.covered and [s.section_number for s in answer.sources][:1] == [1]
    assert "heat" in answer.text and "heat" not in alone.text


def test_tell_me_more_goes_on_where_the_last_answer_stopped(tutor):
    first = tutor.ask("What does fleece do?")
    assert first.covered and first.sources[0].section_number == 2
    read, more = ask_after(tutor, "tell me more", ("What does fleece do?", first))
    assert read == "What does fleece do?"  # the next follow-up leans on the same subject
    assert more.covered and more.text.startswith("The lesson goes on")
    assert "cold frame" in more.text and more.sources[0].section_number == 2
    _, after = ask_after(tutor, "go on", (read, more))
    assert "downhill" in after.text and after.sources[0].section_number == 3
    _, last = ask_after(tutor, "more please", (read, after))
    assert last.text != after.text  # nothing follows the lesson's end: "more" is asked as a question


@pytest.mark.parametrize(("question", "more"), [("tell me more", True), ("Go on.", True), ("ok, what else?", True),
                                                  ("more please", True), ("tell me more about fleece", False),
                                                  ("what more can fleece do?", False)])
def test_asking_for_more_is_read_from_the_words(question, more):
    assert asks_for_more(question) is more


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_any_pair_of_questions_reads_without_error(tutor, question, before):
    read, answer = ask_after(tutor, question, (before, tutor.ask(before)))
    assert isinstance(read, str) and answer.text


def test_tell_me_more_keeps_to_the_subject_within_its_section(tmp_path):
    tutor = Tutor(load_lesson(write_lesson(tmp_path, """
        Pests eat crops.

        ## Kinds of pest

        Aphids are small insects that suck sap from young shoots.

        Caterpillars chew leaves, mostly at night.

        Aphids breed fast: a colony can double in a week in warm weather.

        ## Control

        Ladybirds eat aphids.
        """, 'id = "pests"\ntitle = "Pests"')))
    first = tutor.ask("What do aphids suck from young shoots?")
    assert first.covered and "suck sap" in first.text and "double in a week" not in first.text
    _, more = ask_after(tutor, "tell me more", ("What are aphids?", first))  # more on aphids
    assert "double in a week" in more.text and "Caterpillars" not in more.text  # not the caterpillars between


def test_a_follow_up_that_finds_only_what_was_said_is_not_the_definition_again(tmp_path):
    """After "What is sycophancy?" (its definition and a paragraph), a follow-up quoted the same
    definition again, and again: a walkthrough read it three times. The lesson's own text on it
    is quoted without the definition; with none, the tutor says the lesson has no more on it."""
    tutor = Tutor(load_lesson(write_lesson(tmp_path, """
        Gardens need shelter.

        ## Protecting

        Fleece keeps a few degrees of warmth around seedlings, because it traps the air.
        """, 'id = "shelter"\ntitle = "Shelter"\n[terms]\n"fleece" = "A light cloth laid over plants."\n'
             '"cloche" = "A glass cover for one plant."')))
    first = tutor.ask("What is fleece?")
    assert [s.kind for s in first.sources] == ["term", "paragraph"]
    read, again = ask_after(tutor, "why?", ("What is fleece?", first))
    assert read == "why fleece?" and again.covered
    assert [s.kind for s in again.sources] == ["paragraph"] and "light cloth" not in again.text
    alone = tutor.ask("What is a cloche?")
    assert [s.kind for s in alone.sources] == ["term"]  # its definition, and nothing in the text
    _, none = ask_after(tutor, "why?", ("What is a cloche?", alone))
    assert not none.covered and none.text == NOTHING_MORE


def test_a_question_about_a_thing_the_lesson_never_names_is_declined_after_any_other(tutor):
    """In the reader, "What is superalignment?" after "What is RLAIF?" was read as "What is
    superalignment about RLAIF?" and answered with RLAIF's definition; asked first, it was declined.
    A question's answer must not depend on one before it that it does not lean on."""
    for question in ("What is a hailstorm?", "What is the capital of France?"):
        alone = tutor.ask(question)
        read, after = ask_after(tutor, question, ("What is frost?", tutor.ask("What is frost?")))
        assert read == question
        assert not after.covered and after.text == alone.text


def test_a_follow_up_that_finds_the_same_passages_again_goes_on_to_the_next_on_its_subject():
    """"Can you give an example?" after "What is sycophancy?" (the bundled lesson on the technical
    problem) quoted the same passages again; the lesson goes on about sycophancy a little later.
    When nothing later speaks of the subject, the answer stands: the next paragraph, on anything
    else, is no answer to "why does it happen?"."""
    from alignlearn.course import open_course
    from alignlearn.paths import bundled_course

    course = open_course(bundled_course())
    tutor = Tutor(course.lesson("alignment-technical-problem"), course)
    first = tutor.ask("what is sycophancy?")
    _, example = ask_after(tutor, "can you give an example?", ("what is sycophancy?", first))
    quoted = {(s.section_number, s.source_line) for s in first.sources}
    assert example.covered and not {(s.section_number, s.source_line) for s in example.sources} <= quoted
    assert all("ycophan" in s.text for s in example.sources)
    other = Tutor(course.lesson("specification-gaming-and-goodhart"), course)
    first = other.ask("what is sycophancy?")
    _, why = ask_after(other, "why does it happen?", ("what is sycophancy?", first))
    assert all("ycophan" in s.text for s in why.sources)  # not "Length bias is another."
