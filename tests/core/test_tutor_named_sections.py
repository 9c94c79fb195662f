"""A question that names something the lesson names is answered from a section that names it
(tutor/named_sections.py): else the answer speaks of something else, in the question's words. A
question for the details of a thing the lesson only mentions is declined."""

from __future__ import annotations

import pytest

from alignlearn.course import open_course
from alignlearn.tutor import Tutor
from tutor_lessons import write_lesson

SAFEGUARDS = """
    Safety work on language models happens at every stage, from the data to deployment.

    ## The pipeline

    Models are tested before release, and deployed systems are often wrapped in extra
    safeguards, such as classifiers that screen inputs and outputs.

    ## Scaling policies

    Anthropic publishes a scaling policy that ties its safeguards to capability levels:
    a more capable model must meet stricter security and deployment standards.

    ## Why the AI cannot just be told

    Telling the AI what we want in words leaves gaps that a capable optimiser finds.
"""
TRAINING = """
    Models learn from feedback in two phases.

    ## Preference learning

    Preference learning trains a reward model on comparisons, then optimises the assistant
    against it with reinforcement learning, often PPO.

    ## Induction heads

    An induction head completes patterns: it finds an earlier copy of the current token and
    predicts the token that followed it.

    An induction head forms early in training, in a sudden phase change.

    Induction heads may drive much of in-context learning.
"""
OTHER = """
    Gardens need water.

    ## Watering

    Water the soil early in the morning.
"""


@pytest.fixture(scope="module")
def tutor(tmp_path_factory):
    folder = tmp_path_factory.mktemp("safety")
    write_lesson(folder, SAFEGUARDS, front='id = "safeguards"\ntitle = "Safeguards"', name="safeguards.md")
    write_lesson(folder, OTHER, front='id = "garden"\ntitle = "Garden"', name="garden.md")
    write_lesson(folder, TRAINING, front='id = "training"\ntitle = "Training"', name="training.md")
    course = open_course(folder)
    return Tutor(course.lesson("safeguards"), course)


def cited(tutor: Tutor, question: str) -> list[int] | None:
    answer = tutor.ask(question)
    return [s.section_number for s in answer.sources] if answer.covered else None


def test_a_named_thing_is_not_answered_from_a_section_that_never_names_it(tutor):
    # Every other word is met by the pipeline's sentence, which says nothing of Anthropic's classifiers.
    assert cited(tutor, "Which classifiers does Anthropic use to screen inputs and outputs?") is None


def test_the_section_that_names_it_answers(tutor):
    assert cited(tutor, "What does Anthropic tie its safeguards to?") == [2]
    assert cited(tutor, "What screens the inputs and outputs of deployed systems?") == [1]


def test_an_acronym_every_lesson_writes_names_no_subject(tutor):
    # "AI" in a question names nothing: the pipeline section answers without writing it.
    assert cited(tutor, "Is an AI model tested before release?") == [1]


@pytest.fixture(scope="module")
def training(tutor):
    return Tutor(tutor.course.lesson("training"), tutor.course)


def test_the_details_of_a_thing_only_mentioned_are_declined(training):
    # "often PPO": the lesson names PPO but never says how it works.
    assert cited(training, "How exactly does PPO work?") is None
    assert cited(training, "Which specific settings of PPO were used?") is None
    assert cited(training, "What exact settings of PPO were used?") is None


def test_the_details_of_a_thing_taught_are_answered(training):
    # Named in three paragraphs: the lesson teaches induction heads.
    assert cited(training, "How exactly does an induction head complete a pattern?") == [2]
    # And without "exactly", what the lesson says of PPO is its answer.
    assert cited(training, "What is PPO used for?") == [1]
