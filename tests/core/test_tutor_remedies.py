"""A question about what can be done about something is answered from the lesson's section of
remedies, with its list (tutor/remedies.py), not with the definition of the thing it names."""

from __future__ import annotations

import pytest

from alignlearn.course import open_course
from alignlearn.tutor import Tutor
from alignlearn.tutor.remedies import remedy_asked
from tutor_lessons import write_lesson

SLUGS = """
    Slugs eat seedlings overnight and leave silver trails on the soil.

    ## What slugs are

    A slug is a snail without a shell. Slugs feed on young leaves and hide under pots by day.

    ## Slug damage

    Slug damage is ragged holes in leaves, eaten from the edge inwards, most of it in wet weather.

    ## Defences

    No single defence keeps every slug away, but several reduce the damage:

    - Copper tape round pots gives slugs a small shock.
    - Beer traps sunk in the soil drown them overnight.
    - Watering in the morning leaves the soil dry by night, when they feed.
"""
PLAIN = """
    Slugs eat seedlings overnight.

    ## What slugs are

    A slug is a snail without a shell. Slug damage is ragged holes in leaves.
"""


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    folder = tmp_path_factory.mktemp("slugs")
    write_lesson(folder, SLUGS, front='id = "slugs"\ntitle = "Slugs"', name="slugs.md")
    write_lesson(folder, PLAIN, front='id = "plain"\ntitle = "Plain slugs"', name="plain.md")
    return open_course(folder)


@pytest.mark.parametrize("question", ["What can you do about slug damage?", "how do you stop slug damage?",
                                      "How can slug damage be prevented?", "is there a fix for slug damage?",
                                      "what are the ways to reduce slug damage?"])
def test_a_remedy_question_is_answered_from_the_remedies_section_with_its_list(course, question):
    answer = Tutor(course.lesson("slugs"), course).ask(question)
    assert answer.covered and [s.section_number for s in answer.sources] == [3]
    assert "Copper tape" in answer.text and "Watering in the morning" in answer.text


def test_other_questions_about_the_thing_keep_their_section(course):
    tutor = Tutor(course.lesson("slugs"), course)
    assert [s.section_number for s in tutor.ask("What is slug damage?").sources] == [2]
    assert [s.section_number for s in tutor.ask("What does slug damage look like?").sources] == [2]


def test_without_a_remedies_section_the_best_passage_answers(course):
    answer = Tutor(course.lesson("plain"), course).ask("What can you do about slug damage?")
    assert not answer.covered or [s.section_number for s in answer.sources] == [1]


@pytest.mark.parametrize("question, asked", [
    ("what can we do about it?", True), ("How do labs mitigate sycophancy?", True),
    ("Are there any defences against jailbreaks?", True), ("How does copper tape work?", False),
    ("What is reward hacking?", False), ("How did the study prevent leaks?", False),
    ("Why do slugs come out at night?", False)])
def test_remedy_questions_are_read_from_their_words(question, asked):
    assert remedy_asked(question) is asked


FERRY = """
    The valley ferry crosses the lake every hour.

    ## How the ferry works

    The ferry carries twenty cars and runs on diesel. Its crew of three handles the ropes. The
    Harbour Board runs it, and the Harbour Board sets the fares each spring.

    ## Honest trade-offs

    The ferry is cheap to run, and that is worth stating plainly beside its costs:

    - Crossings stop in storms, so the timetable cannot be trusted in winter.
    - The diesel engine is loud and dirty.
"""


@pytest.mark.parametrize("question", [
    "what are the downsides of the ferry?",
    "what are the ferry's weaknesses?",
    "What are the main drawbacks of the valley ferry?",
])
def test_what_is_wrong_with_a_thing_is_asked_in_the_lessons_word(tmp_path, question):
    """"What are the downsides of constitutional AI?" was declined, the lesson never saying
    "downside", though a section ("Honest trade-offs") is the answer: the learner's word for weak
    points is asked in the lesson's own, and that section answers."""
    write_lesson(tmp_path, FERRY, front='id = "ferry"\ntitle = "The Ferry"', name="ferry.md")
    tutor = Tutor(open_course(tmp_path).lesson("ferry"))
    answer = tutor.ask(question)
    assert answer.covered and answer.sources[0].section_number == 2, answer.text


ROUTES = """
    Ways across the lake.

    ## The ferry

    The ferry carries twenty cars and runs every hour from the north pier.

    ## The bridge

    The bridge opened in 1998 and carries four lanes of traffic.

    ## Comparing the routes

    | Route | Speed | Weakness |
    |---|---|---|
    | Ferry | Slow | Stops in storms |
    | Bridge | Fast | Tolls at rush hour |
"""


@pytest.mark.parametrize("question, said", [
    ("what are the downsides of the ferry?", "Stops in storms"),
    ("What are the weaknesses of the bridge?", "Tolls at rush hour"),
])
def test_weak_points_come_from_a_tables_column_of_them(tmp_path, question, said):
    """"What are the limits of RLHF?" quoted RLHF's definition: the lesson's table of approaches
    has a Weakness column, whose row for the thing asked about answers."""
    write_lesson(tmp_path, ROUTES, front='id = "routes"\ntitle = "Routes"', name="routes.md")
    tutor = Tutor(open_course(tmp_path).lesson("routes"))
    answer = tutor.ask(question)
    assert answer.covered and said in answer.text, answer.text


def test_the_weak_points_of_another_named_thing_are_not_the_lessons_trade_offs(tmp_path):
    """"What are the weaknesses of RLHF?" in the constitutional AI lesson quoted its "Honest
    trade-offs", which are constitutional AI's: a section of weak points answers only for a named
    thing it names."""
    write_lesson(tmp_path, FERRY, front='id = "ferry"\ntitle = "The Ferry"', name="ferry.md")
    tutor = Tutor(open_course(tmp_path).lesson("ferry"))
    answer = tutor.ask("what are the downsides of the Harbour Board?")
    assert not (answer.covered and answer.sources[0].section_number == 2), answer.text
