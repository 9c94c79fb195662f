"""Questions a new learner asked in a walkthrough (session 22), each once answered badly: a
section named by its title alone, remedies asked for by name, a count the lesson gives before a
colon, "who works on it?" over a list of names, a long list given whole, chat shorthand, an
example asked for, and "why?" after a definition."""

from __future__ import annotations

import pytest

from alignlearn.course import open_course
from alignlearn.tutor import Tutor
from alignlearn.tutor.follow_ups import ask_after
from tutor_lessons import write_lesson

FRONT = '''id = "slugs"
title = "Slugs"

[terms]
"slug pellets" = "Small baits that poison slugs, scattered on the soil around plants."
"slug damage" = "Ragged holes eaten in leaves, most of them on wet nights."
'''
SLUGS = """
    Slugs eat seedlings overnight, and gardeners have fought them for centuries.

    ## Slug pellets

    Slug pellets were first sold in the 1930s as a cheap way to protect a whole bed at once.
    Birds and hedgehogs that eat the poisoned slugs can be harmed too, which is why many
    gardeners stopped using them.

    ## Kinds of slug

    Gardeners often speak of slugs as one pest. Smith and Jones (2018) described four: garden
    slugs, field slugs, keeled slugs and leopard slugs, each with its own habits.

    ## Mitigations

    No single measure is enough, but several reduce the damage:

    - Copper tape: a strip round each pot gives the slugs a small shock as they cross it, and most turn back before they reach the leaves, though the tape must be kept clean, dry at its edges and unbroken all the way round, and checked after every storm and every time the pot is moved, because a single gap the width of a finger is enough for a determined slug to find its way through to the leaves, to keep working through a wet summer.
    - Beer traps: sunk in the soil, they drown slugs overnight.
    - Morning watering: the soil is dry again by night, when they feed.

    ## Classic examples

    A few gardens come up again and again in the books.

    The Hampton garden lost every lettuce in one wet night of 1921, which is how the first
    slug traps came to be sold.

    ## Who studies slugs

    Slugs are studied by universities, charities and seed firms. A rough map:

    - Harper University: the biology of slug feeding.
    - Garden Trust: surveys of slugs in allotments.
    - Seedco: pellets and traps.
"""


@pytest.fixture(scope="module")
def tutor(tmp_path_factory) -> Tutor:
    folder = tmp_path_factory.mktemp("slugs")
    write_lesson(folder, SLUGS, front=FRONT, name="slugs.md")
    course = open_course(folder)
    return Tutor(course.lesson("slugs"), course)


def course_of(folder, lessons: dict[str, tuple[str, str]]):
    """A course of small lessons: id -> (its front matter after the id, its body)."""
    for lesson_id, (front, body) in lessons.items():
        write_lesson(folder, body, front=f'id = "{lesson_id}"\n{front}', name=f"{lesson_id}.md")
    return open_course(folder)


def first_section(answer) -> int | None:
    return answer.sources[0].section_number if answer.covered and answer.sources else None


def test_a_section_named_by_its_title_alone_answers(tutor):
    answer = tutor.ask("What are the mitigations?")  # the section's text never says "mitigation"
    assert first_section(answer) == 3 and "Copper tape" in answer.text and "Morning watering" in answer.text


def test_remedies_asked_for_by_name_come_from_the_remedies_section(tutor):
    assert first_section(tutor.ask("What are the mitigations for slug damage?")) == 3


def test_a_count_before_a_colon_answers_how_many(tutor):
    answer = tutor.ask("How many kinds of slug are there?")
    assert first_section(answer) == 2 and "described four" in answer.text


def test_who_over_a_list_of_names_gets_the_whole_list(tutor):
    answer = tutor.ask("Who studies slugs?")
    assert first_section(answer) == 5
    assert all(name in answer.text for name in ("Harper University", "Garden Trust", "Seedco"))


def test_a_list_is_given_whole_when_it_fits(tutor):
    answer = tutor.ask("How can you reduce slug damage?")
    assert "\u2026" not in answer.text  # its long first item is not cut for the short ones' sake
    assert "through a wet summer." in answer.text


def test_chat_shorthand_for_a_long_word(tutor):
    from alignlearn.tutor.spelling import SHORTHAND

    assert SHORTHAND["spec"] == "specification" and SHORTHAND["interp"] == "interpretability"


def test_an_example_asked_for_comes_from_the_section_of_examples(tutor):
    answer = tutor.ask("Give me an example of slug damage")
    assert first_section(answer) == 4 and "Hampton garden" in answer.text


def test_why_after_a_definition_goes_on_in_the_lessons_own_text(tutor):
    first = tutor.ask("What are slug pellets?")
    assert first.covered and first.sources[0].kind == "term"
    read, answer = ask_after(tutor, "why?", ("What are slug pellets?", first))
    assert answer.covered and "The definition" not in answer.text
    assert answer.sources[0].kind != "term" and first_section(answer) == 1  # the section that teaches it


def test_tell_me_more_first_says_to_ask_first(tutor):
    read, answer = ask_after(tutor, "tell me more")
    assert not answer.covered and "Ask a question about the lesson first" in answer.text


def test_what_is_x_answered_in_passing_names_the_lesson_about_x(tmp_path):
    """A book's first chapter says "Cargo.toml" in passing; "what is cargo?" is answered from it,
    and the lesson titled "Hello, Cargo!" is named beside the answer (not when this lesson's own
    title or key terms name it)."""
    course = course_of(tmp_path, {
        "intro": ('title = "Getting started"', "Install it, then edit Cargo.toml in each project.\n\n## Setup\n\nRun the installer.\n"),
        "cargo": ('title = "Hello, Cargo!"', "Cargo builds code.\n\n## Build\n\nIt downloads crates too.\n"),
        "more": ('title = "More About Cargo and Crates.io"', "Cargo and crates.\n\n## More\n\nPublishing.\n")})
    answer = Tutor(course.lesson("intro"), course).ask("what is cargo?")
    assert answer.covered and answer.suggested_lesson == "cargo" and "Hello, Cargo!" in answer.suggestion
    assert Tutor(course.lesson("cargo"), course).ask("what is cargo?").suggested_lesson is None  # its own title
    assert Tutor(course.lesson("intro"), course).ask("how do I run the installer?").suggested_lesson is None


BOOK_CHAPTER = """
    ## What Is Ownership?

    _Ownership_ is a set of rules that govern how a program manages memory. All programs have to
    manage memory while running.

    ## Moves

    Returning values can also transfer ownership. Taking ownership and then returning ownership
    with every function is tedious. What if a function should use a value but not take ownership?

    ```console
    error[E0382]: borrow of moved value: `s1`
      value borrowed here after move
    ```

    A moved value cannot be used again: the compiler stops a borrow of it.
"""


def book_chapter(folder) -> Tutor:
    return Tutor(course_of(folder, {"own": ('title = "Chapter 4"', BOOK_CHAPTER)}).lesson("own"))


def test_what_is_x_prefers_the_sentence_that_says_x_is(tmp_path):
    """A book has no key terms: "What is ownership?" is answered by "Ownership is a set of rules",
    not by the shortest sentence that says "ownership" most."""
    answer = book_chapter(tmp_path).ask("What is ownership?")
    assert answer.covered and answer.text.split("\n\n")[1].startswith("Ownership is a set of rules")


def test_what_is_x_is_not_answered_by_a_compilers_output(tmp_path):
    answer = book_chapter(tmp_path).ask("What is a borrow?")
    assert answer.covered and "error[E0382]" not in answer.text.split("\n\n")[1]


def test_how_is_not_answered_by_a_compilers_output_unless_output_is_asked(tmp_path):
    """A walkthrough on the Rust Book: "How do you borrow a value?" was answered with
    "error[E0382]: borrow of moved value" alone."""
    chapter = """
    ## References

    A reference lets you use a value without taking ownership of it: you write `&s1`, and that is
    called borrowing.

    ```console
    error[E0382]: borrow of moved value: `s1`
      value borrowed here after move
    ```
    """
    tutor = Tutor(course_of(tmp_path, {"refs": ('title = "Chapter 4"', chapter)}).lesson("refs"))
    answer = tutor.ask("How do you borrow a value?")
    assert answer.covered and "error[E0382]" not in answer.text and "called borrowing" in answer.text
    asked = "How does the compiler report a borrow of a moved value?"  # the output is what is asked about
    assert any(r.passage.text.startswith("error[E0382]") for r in tutor.rank(tutor.query(asked)))


def test_a_question_a_sections_title_asks_is_answered_there(tmp_path):
    """ "Why is slug damage worst in spring?" and the section "Why it is worst in spring": the
    definition of slug damage, which names it most, is not the answer."""
    body = SLUGS + """
    ## Why it is worst in spring

    Young plants have soft leaves and little to spare, and the nights are still damp.
    """
    write_lesson(tmp_path, body, front=FRONT, name="slugs.md")
    course = open_course(tmp_path)
    answer = Tutor(course.lesson("slugs"), course).ask("Why is slug damage worst in spring?")
    assert first_section(answer) == 6 and "soft leaves" in answer.text


def test_a_decline_of_what_is_x_points_to_the_lesson_about_x(tmp_path):
    """Not to the related lesson whose words happen to score best: to the one whose title, else
    whose learning path, names X."""
    course = course_of(tmp_path, {
        "roses": ('title = "Roses"\nrelated = ["soil"]', "Roses need sun.\n\n## Pruning\n\nCut in March.\n"),
        "soil": ('title = "Soil"', "Soil holds water; mulch and compost feed it.\n\n## Mulch\n\nMulch keeps soil moist.\n"),
        "compost": ('title = "Making compost"', "Compost is rotted plant matter.\n\n## Heaps\n\nTurn the heap.\n"),
        "layout": ('title = "Layout"\npath = ["Raised beds"]', "Beds and paths.\n\n## Raised beds\n\nRaised beds drain well.\n")})
    tutor = Tutor(course.lesson("roses"), course)
    answer = tutor.ask("What is compost?")
    assert not answer.covered and answer.suggested_lesson == "compost"
    assert tutor.ask("What is a raised bed?").suggested_lesson == "layout"
