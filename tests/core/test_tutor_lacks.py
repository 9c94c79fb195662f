"""The tutor declines a question about something the lesson lacks even when it uses most
of the question's words (tutor/lacks.py): a name it never names, the term asked about
in "What is X?" / "How does X <verb>?", a figure it never gives. Each on a small course
written here, so the bundled text can change."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignlearn.course import open_course
from alignlearn.tutor import Tutor
from alignlearn.tutor.lacks import term_asked
from alignlearn.tutor.shapes import figured
from tutor_lessons import write_lesson

COMPOST = """
    Compost turns garden waste into food for the soil.

    ## Building a heap

    A heap needs green waste, such as grass cuttings, and brown waste, such as dry
    leaves, in roughly equal amounts. Turn the heap every two weeks so that air reaches
    the middle.

    The Berkeley Hot Composting method turns the heap every other day and finishes
    compost within a month. The gardeners at Kew swear by it.

    ## The worm trial

    In a small trial at the allotment, a bin with worms made compost in six weeks, and a
    bin without worms took twenty. Worms eat kitchen scraps and leave castings rich in
    nutrients.

    ## Problems

    A heap that smells has too much green waste and too little air.

    A heap that stays cold is too small or too dry.
"""
PRUNING = """
    Pruning keeps a garden healthy.

    ## When to prune

    Prune fruit trees in winter, when the soil is cold and the trees are resting.
"""
WATERING = """
    Watering a garden well saves water.

    ## How much

    Water the soil, not the leaves, early in the morning.
"""


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    folder = tmp_path_factory.mktemp("garden")
    for name, body in (("compost", COMPOST), ("pruning", PRUNING), ("watering", WATERING)):
        write_lesson(folder, body, front=f'id = "{name}"\ntitle = "{name.title()}"', name=f"{name}.md")
    return open_course(folder)


@pytest.fixture(scope="module")
def tutor(course):
    return Tutor(course.lesson("compost"), course)


def cited(tutor: Tutor, question: str) -> list[int] | None:
    """The sections cited, or None when the tutor declines."""
    answer = tutor.ask(question)
    return [s.section_number for s in answer.sources] if answer.covered else None


def test_a_name_the_lesson_never_names_is_declined_when_only_common_words_are_met(tutor):
    # "garden" and "soil" are in every lesson of the course: they cannot vouch for an answer.
    assert cited(tutor, "What does the RHS say about garden soil?") is None
    assert tutor.confidence("What does the RHS say about garden soil?") == 0.0


def test_a_name_is_the_learners_label_when_the_best_passage_meets_the_specific_rest(tutor):
    # "Wormery" is the learner's word; "trial" and "worms" are this lesson's own.
    assert cited(tutor, "What did the Wormery trial with worms make?") == [2]


def test_a_name_the_lesson_writes_in_full_is_met_by_its_initials(tutor):
    assert cited(tutor, "How quickly does BHC finish compost?") == [1]


def test_a_possessive_ends_a_name(tutor):
    # Not one name "Kew Berkeley Hot Composting", which the lesson never writes.
    assert cited(tutor, "How often does Kew's Berkeley Hot Composting method turn the heap?") == [1]


def test_what_is_a_term_with_a_word_the_lesson_never_uses_is_declined(tutor):
    assert term_asked("What is kitchen scrap tea?") == ["kitchen", "scrap", "tea"]
    assert term_asked("What are the problems of a heap?") is None  # a term with glue words: not checked
    assert term_asked("What's the idea behind a hot heap?") is None
    assert cited(tutor, "What is kitchen scrap tea?") is None  # "kitchen scraps" alone would pass
    assert cited(tutor, "What is the worm trial?") == [2]


def test_how_does_a_term_with_a_word_the_lesson_never_uses_is_declined(tutor):
    assert term_asked("How does worm farming turn scraps into compost?") == ["worm", "farming", "turn"]
    assert term_asked("How do I turn a heap?") is None
    assert cited(tutor, "How does worm farming turn kitchen scraps into castings?") is None
    assert cited(tutor, "How do worms turn kitchen scraps into castings?") == [2]


def test_a_figure_asked_for_is_declined_when_no_passage_meeting_the_question_gives_one(tutor):
    assert figured("six weeks") and figured("about 2%") and figured("1.3 billion")
    assert not figured("in 2023, one of them")
    assert cited(tutor, "How many weeks did the bin with worms take to make compost?") == [2]
    # The trial's "six weeks" meets "make" and "small" too, but it is not in the section that answers.
    assert cited(tutor, "How many problems make a heap stay cold?") is None
    assert cited(tutor, "Why does a heap stay cold?") == [3]


def test_without_a_course_a_name_needs_the_best_passage_to_meet_all_the_rest(course, tutor):
    # "garden" is not in the trial's paragraph; with the course, "trial" and "worms" vouch alone.
    question = "What did the Wormery trial with worms do for the garden?"
    assert cited(tutor, question) == [2]
    alone = Tutor(course.lesson("compost"))
    assert cited(alone, question) is None
    assert cited(alone, "What did the Wormery trial with worms make?") == [2]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=120) | st.builds(" ".join, st.lists(st.sampled_from(
    ["What", "is", "How", "does", "Kew's", "BHC", "many", "the", "worm", "of", "?", "tea", "work"]), max_size=10)))
def test_any_question_is_read_without_error(tutor, question):
    found = term_asked(question)
    assert found is None or all(word.isalnum() for word in found)
    assert 0.0 <= tutor.confidence(question) <= 1.0
    assert tutor.ask(question).text
