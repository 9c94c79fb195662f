"""The shape of the tutor's answer (issue 19): whole lists and steps, names and dates for
who/when, a definition with the sentence that teaches it, the learner's framing words
ignored. Each on a small lesson written here, so the bundled text can change."""

from __future__ import annotations

import pytest

from alignlearn.course import load_lesson
from alignlearn.tutor import Tutor
from alignlearn.tutor.shapes import LIST_CHARS, asks, named
from tutor_lessons import write_lesson

BREAD = """
    Bread is one of the oldest prepared foods.

    ## Making a loaf

    Baking a loaf at home takes a day, mostly waiting. The usual steps are these:

    1. Mixing. Flour, water, salt and yeast are stirred into a rough dough.
    2. Kneading. The dough is worked by hand for ten minutes until it is smooth and springy.
    3. Proving. The dough rests in a warm place until it has doubled in size.
    4. Baking. The loaf goes into a hot oven for about forty minutes.

    ## Sourdough

    Sourdough is leavened by a starter instead of bought yeast. A starter is a living
    culture of wild yeast and bacteria that the baker feeds with flour and water.

    The method was described in print by the baker Hannah Glasse (Glasse, 1747), long
    before commercial yeast existed. Modern bakers still keep starters alive for decades.

    Starters go sour when neglected, and a sour starter gives a denser loaf.

    ## A bakery's day

    A simplified bakery schedule looks like this:

    ```
    Bakery schedule

    1. Feed the starter at night.
    2. Mix the dough at four in the morning.
    3. Shape the loaves at six.
    4. Bake and sell from eight.
    ```

    Bakers usually finish by early afternoon.
"""
FRONT = '''
id = "bread"
title = "Bread"

[terms]
Starter = "A culture of wild yeast and bacteria kept alive to leaven bread."
'''


@pytest.fixture(scope="module")
def bread(tmp_path_factory) -> Tutor:
    return Tutor(load_lesson(write_lesson(tmp_path_factory.mktemp("bread"), BREAD, FRONT)))


def test_a_question_about_the_steps_gets_the_whole_list(bread):
    answer = bread.ask("What are the steps of baking a loaf at home?")
    assert answer.covered and [s.kind for s in answer.sources] == ["list"]
    text = answer.sources[0].text
    assert text.startswith("Baking a loaf at home takes a day, mostly waiting. The usual steps are these:\n1. Mixing.")
    assert "\n4. Baking. The loaf goes into a hot oven" in text and len(text) <= LIST_CHARS
    assert answer.sources[0].section_number == 1


def test_a_question_about_one_item_gets_that_item(bread):
    answer = bread.ask("How long is the dough kneaded for?")
    assert answer.covered and answer.sources[0].kind == "item"
    assert answer.sources[0].text.startswith("Kneading.")


def test_a_code_block_of_numbered_steps_is_quoted_whole(bread):
    answer = bread.ask("In the bakery schedule, what happens to the starter at night?")
    assert [s.kind for s in answer.sources] == ["list"] and answer.sources[0].section_number == 3
    text = answer.sources[0].text
    assert text.startswith("A simplified bakery schedule looks like this:\nBakery schedule\n1. Feed the starter")
    assert text.endswith("4. Bake and sell from eight.")


def test_a_code_block_of_steps_is_read_line_by_line_and_never_a_second_source(bread):
    # Its lines, not its full stops: "Bakery schedule 1." was one "sentence" of it.
    lines = [p.text for p in bread.passages if p.kind == "sentence" and bread.passages[p.whole].kind == "code"]
    assert lines == ["Bakery schedule", "1. Feed the starter at night.", "2. Mix the dough at four in the morning.",
                     "3. Shape the loaves at six.", "4. Bake and sell from eight."]
    # A line of a diagram quoted beside a paragraph says little alone ("Bakery schedule").
    answer = bread.ask("When do bakers feed the starter and finish the day?")
    assert answer.covered
    assert all(s.kind == "list" or "Bakery schedule" not in s.text for s in answer.sources[1:]), answer.text


def test_who_and_when_questions_prefer_the_passage_with_names_and_dates(bread):
    answer = bread.ask("Who wrote about the sourdough method, and in which year?")
    assert answer.covered and "(Glasse, 1747)" in answer.sources[0].text
    answer = bread.ask("When was sourdough first described?")
    assert "1747" in answer.sources[0].text


def test_a_definition_question_gets_the_definition_then_the_sentence_that_teaches_it(bread):
    answer = bread.ask("What is a starter?")
    assert [s.kind for s in answer.sources][:2] == ["term", "sentence"]
    assert answer.sources[0].text.startswith("Starter: A culture of wild yeast")
    assert answer.sources[1].text.startswith("A starter is a living culture")
    assert answer.text.startswith("The lesson defines it like this:")
    # The term belongs to the section that teaches it, not the one that says "starter" most.
    assert answer.sources[0].section_number == 2


def test_framing_words_are_not_part_of_the_question(bread):
    plain = bread.ask("In plain words, what is a starter?")
    assert plain.covered and [s.text for s in plain.sources] == [s.text for s in bread.ask("What is a starter?").sources]
    assert asks("In simple terms, what's a starter?").definition
    short = bread.ask("whats a starter in one line")
    assert short.covered and [s.text for s in short.sources] == [s.text for s in bread.ask("What is a starter?").sources]


@pytest.mark.parametrize("question, definition, who, when, whole", [
    ("What is RLHF?", True, False, False, False),
    ("define sycophancy", True, False, False, False),
    ("What does reward hacking mean?", True, False, False, False),
    ("Who wrote the paper?", False, True, False, False),
    ("In which year did it appear?", False, False, True, False),
    ("What are the stages of training?", True, False, False, True),
    ("Why does a model flatter people?", False, False, False, False),
])
def test_what_a_question_asks_for(question, definition, who, when, whole):
    found = asks(question)
    assert (found.definition, found.who, found.when, found.list) == (definition, who, when, whole)


@pytest.mark.parametrize("text, expected", [
    ("The method (Bai et al., 2022) starts by writing principles down.", True),
    ("Amplification (Christiano and colleagues, 2018) has a person helped by copies.", True),
    ("Anthropic: constitutional AI and interpretability.", True),
    ("It was built on work by Paul Christiano.", True),
    ("The model answers a prompt and rewrites it.", False),
])
def test_names_are_found_in_a_passage(text, expected):
    assert named(text) is expected


FLATTERY = """
    Chat models are trained on people's ratings.

    ## Flattery

    Chatbots drift into sycophancy when raters reward agreement. Models learn that agreeing pays.

    ## Ratings

    Reward models are trained on comparisons between two answers.
"""
FLATTERY_FRONT = '''
id = "flattery"
title = "Flattery"

[terms]
Sycophancy = "The habit of telling people what they seem to want to hear instead of what is true."
'''


def test_a_question_in_a_terms_definition_words_reaches_the_passages_that_use_the_term(tmp_path):
    tutor = Tutor(load_lesson(write_lesson(tmp_path, FLATTERY, FLATTERY_FRONT)))
    query = tutor.query("Why do chatbots tell people what they want to hear?")
    coverage = {r.passage.text: r.coverage for r in tutor.rank(query)}
    assert coverage["Chatbots drift into sycophancy when raters reward agreement."] == 1.0
    assert "~sycophancy" not in query.weights and "sycophancy" not in query.weights  # met, not ranked on
    # Naming the term is still what makes a definition question.
    assert tutor.ask("What is sycophancy?").sources[0].kind == "term"


NEAR = """
    ## Queues

    The model sees tests, drills, audits and requests.

    ## Desks

    Each model request is queued, then logged, then checked by staff before anyone answers it.
"""


def test_a_passage_with_the_questions_words_close_together_ranks_first(tmp_path):
    tutor = Tutor(load_lesson(write_lesson(tmp_path, NEAR)))
    query = tutor.query("What happens to a model request?")
    near, far = tutor.passages[1], tutor.passages[0]
    nearness = [query.nearness(tutor.tokens[passage.number], 3) for passage in (near, far)]
    assert nearness == [1.0, 0.0]
    assert tutor.rank(query)[0].passage is near  # the shorter passage ranks first on its words alone


BOAT = """
    Games show the problem.

    ## The boat

    In 2016 an agent was trained on a boat racing game that scored points for targets along
    the course. It found a small lagoon where three targets kept coming back, and it circled
    there for ever, catching fire and crashing again and again while it outscored every
    human player. Its designers had hoped it would learn to finish quickly. Nobody had
    written that down, so nothing in its training said so.

    ## Other games

    A game of tag was played by robots in a field.
"""


def test_what_happened_goes_on_to_the_sentence_that_tells_it(tmp_path):
    """A learner's walkthrough: "what happened with the boat game" quoted only the sentence
    that sets the scene, not the one after it that tells what happened."""
    tutor = Tutor(load_lesson(write_lesson(tmp_path, BOAT)))
    answer = tutor.ask("What happened with the boat racing game?")
    assert answer.covered and "circled there" in answer.text
    assert {source.section_number for source in answer.sources} == {1}


def test_a_question_in_a_section_titles_words_is_answered_from_that_section_alone(tmp_path):
    body = """
        Roses reward a little care.

        ## Watering roses

        Water roses at the base, early in the morning. Roses need deep watering once a week.

        ## Pests

        Aphids gather on roses in spring, and watering roses from above spreads mildew.
    """
    tutor = Tutor(load_lesson(write_lesson(tmp_path, body, 'id = "roses"\ntitle = "Roses"')))
    answer = tutor.ask("How do I go about watering roses?")
    assert answer.covered and {s.section_number for s in answer.sources} == {1}


@pytest.mark.parametrize("question, pair", [
    ("whats the diff between outer and inner alignment", ["Outer alignment", "Inner alignment"]),
    ("What is the difference between RLHF and RLAIF?", ["RLHF", "RLAIF"]),
    ("RLHF vs RLAIF", ["RLHF", "RLAIF"]),
    ("What's the difference between a cat and a dog?", []),  # not the lesson's terms
    ("How does RLHF work?", []),
])
def test_two_key_terms_set_side_by_side_are_found(question, pair):
    from alignlearn.tutor.shapes import compared_terms

    assert compared_terms(question, ["Outer alignment", "Inner alignment", "RLHF", "RLAIF"]) == pair


def test_the_difference_between_two_key_terms_is_both_definitions(tmp_path):
    front = ('id = "heaps"\ntitle = "Heaps"\n\n[terms]\n"Hot heap" = "A heap turned often, which rots in weeks."\n'
             '"Cold heap" = "A heap left alone, which rots in a year."')
    body = """
        Heaps turn waste into compost.

        ## Hot and cold

        A hot heap is turned every few days. A cold heap is left alone and takes longer.
    """
    tutor = Tutor(load_lesson(write_lesson(tmp_path, body, front)))
    answer = tutor.ask("What's the difference between hot and cold heaps?")
    assert answer.covered and answer.text.startswith("The lesson defines them like this:")
    assert [s.kind for s in answer.sources] == ["term", "term"]
    assert "turned often" in answer.sources[0].text and "left alone" in answer.sources[1].text


# --- numbered parts and the list a question names (a learner's walkthrough, session 20) ----------

CHEESE = """
    Cheese is milk kept for later. This lesson follows a hard cheese from vat to shelf,
    and the steps of making it are not many.

    ## Phase one: curdling

    The first phase turns milk into curd.

    1. Warm the milk to about thirty degrees.
    2. Add rennet and wait until the milk sets. Steps 1 and 2 take about an hour.
    3. Cut the curd into small cubes to let the whey out.

    ## Phase two: pressing and ageing

    In the second phase the curd becomes a wheel.

    1. Pack the curd from phase one into a mould.
    2. Press it overnight to squeeze out the last whey.
    3. Age the wheel in a cool cellar for months, turning it each week.

    Some cheesemakers wash the rind with brine while it ages. The whole routine, all three of its
    steps, takes about a week before the ageing starts.

    ## Cheddaring

    Cheddar gets its texture from a step of its own: the curd is stacked in slabs.

    1. Stack the slabs of curd two high.
    2. Turn and restack them every fifteen minutes.
    3. Mill the slabs into chips before salting.

    ## Grades

    Graders sort wheels into grades, each a different price:

    - Grade A: even texture, no cracks, a clean taste.
    - Grade B: small cracks or an uneven rind, sold for cooking.
    - Grade C: faults in taste, sold for processing.
"""


@pytest.fixture(scope="module")
def cheese(tmp_path_factory) -> Tutor:
    return Tutor(load_lesson(write_lesson(tmp_path_factory.mktemp("cheese"), CHEESE, 'id = "cheese"\ntitle = "Cheese"')))


@pytest.mark.parametrize("question, section, first", [
    ("how does phase 2 work", 2, "1. Pack the curd"),
    ("what happens in the second phase?", 2, "1. Pack the curd"),
    ("what are the steps in phase one", 1, "1. Warm the milk"),
    ("What are the steps of Phase I?", 1, "1. Warm the milk"),
    ("what are the steps of cheddaring", 3, "1. Stack the slabs"),
    ("what are the grades", 4, "Graders sort wheels into grades"),
    ("what are the steps of the whole routine?", 2, "1. Pack the curd"),  # met by the paragraph after the list
])
def test_a_numbered_part_or_a_titled_section_gets_its_own_whole_list(cheese, question, section, first):
    """"phase 2" met only "phase" (numbers are no words) and answered from anywhere; "the steps of
    X" quoted a sentence naming X in passing, not X's list; "what are the grades" one grade."""
    answer = cheese.ask(question)
    assert answer.covered and [s.kind for s in answer.sources] == ["list"], answer.text
    assert answer.sources[0].section_number == section
    assert answer.sources[0].text.startswith(first), answer.text
    assert answer.sources[0].text.count("\n") >= 2  # the whole list, not one item


def test_a_singular_list_word_does_not_ask_for_a_sections_list(cheese):
    # "problem" and "kind" ask for a list only in the plural: a sentence answers this
    answer = cheese.ask("What kind of cellar is the wheel aged in?")
    assert answer.covered and answer.sources[0].kind != "list", answer.text
    assert "cool cellar" in answer.text and "Pack the curd" not in answer.text


@pytest.mark.parametrize("text, tokens", [
    ("Phase two: learning from AI feedback", ["~phas#2"]),
    ("how does phase 2 work?", ["~phas#2"]),
    ("the second phase, RL-CAI", ["~phas#2"]),
    ("Phase II", ["~phas#2"]),
    ("Steps 3 and 4 can be repeated", ["~step#3", "~step#4"]),
    ("level 3 or level 4", ["~level#3", "~level#4"]),
    ("one step further", []),
    ("in part i think so", []),  # a lower-case "i" is the pronoun, not a Roman one
])
def test_numbered_parts_are_one_token_however_they_are_written(text, tokens):
    from alignlearn.tutor.words import numbered_parts

    assert numbered_parts(text) == tokens


# --- comparisons, figures, sources (a learner's walkthrough, session 20) ---------------------------

LAWS = """
    Measures bend when people aim at them.

    ## Goodhart's law

    Goodhart's law says a measure that becomes a target stops measuring well. Campbell's law,
    from a 1976 paper by Donald Campbell, says the more an indicator drives decisions, the more it
    corrupts the work it watches. Goodhart's version is about the number; Campbell's is about the
    people who produce it.

    ## Tests

    Capability tests ask what a system can do when pushed, and propensity tests ask what it
    tends to do when left alone.

    In a 2019 survey, the share of teams that gamed their own test rose to 64% after bonuses
    were tied to it.

    Ward and colleagues set out the review process in 2021, in four steps:

    1. Collect the scores.
    2. Compare them with an outside check.
    3. Flag the gaps.
    4. Retire the measures that drifted.

    ## Sources

    - Campbell (1979), Assessing the impact of planned social change.
    - Ward et al. (2021), Reviewing measures that drift.
    - Lee (2019), Teams game tests when bonuses follow them.
"""
LAWS_FRONT = '''
id = "laws"
title = "Laws of measurement"

[terms]
"Goodhart's law" = "A measure used as a target stops measuring well."
"Capability test" = "A test of what a system can do when pushed."
"Propensity test" = "A test of what a system tends to do when left alone."
'''


@pytest.fixture(scope="module")
def laws(tmp_path_factory) -> Tutor:
    return Tutor(load_lesson(write_lesson(tmp_path_factory.mktemp("laws"), LAWS, LAWS_FRONT)))


def test_a_difference_with_one_key_term_is_not_answered_by_its_definition_alone(laws):
    """"Goodhart's law vs Campbell's law": only Goodhart's is a key term; the answer was its
    definition, and Campbell's law was not in it."""
    answer = laws.ask("whats the difference between goodhart's law and campbell's law")
    assert answer.covered and "Campbell's law" in answer.text, answer.text


@pytest.mark.parametrize("question", ["what's the difference between capability tests and propensity tests",
                                      "whats the diffrence between capability tests and propensity tests"])
def test_two_key_terms_written_in_the_learners_way_and_misspelt_are_both_defined(laws, question):
    """"dangerous capability evals" is the term "Dangerous-capability evaluation"; "diffrence" was
    echoed back in a decline ("This lesson does not give the diffrence")."""
    answer = laws.ask(question)
    assert answer.covered, answer.text
    assert "can do when pushed" in answer.text and "tends to do when left alone" in answer.text


def test_a_list_of_sources_does_not_answer_in_place_of_the_section_that_teaches(laws):
    """"How good were the probes at catching sleeper agents?" quoted the paper's title from the
    list of sources ("Simple probes can catch sleeper agents"), not the sentence with the result."""
    answer = laws.ask("Do teams game tests when bonuses follow them?")
    assert answer.covered and answer.sources[0].section_number == 2 and "64%" in answer.text, answer.text


def test_who_and_when_get_the_sentence_not_the_list_it_leads_into(laws):
    answer = laws.ask("Who set out the review process, and when?")
    assert answer.covered and "Ward and colleagues" in answer.text and "Retire the measures" not in answer.text
    steps = laws.ask("What are the steps of the review process?")
    assert steps.covered and "Retire the measures" in steps.text


@pytest.mark.parametrize("question, steps", [
    ("What are the steps of the supervised phase?", True),
    ("Did asking the model to think step by step help?", False),  # an idiom, not a list of steps
    ("walk me through it step-by-step", False),
])
def test_steps_are_asked_for_by_the_word_not_the_idiom(question, steps):
    assert asks(question).steps == steps


def test_what_is_x_prefers_a_passage_that_writes_x_over_one_with_its_stem(tmp_path):
    """"What is interpretability?" in a lesson that only mentions it: the sentence that says
    "interpretability" comes before one that says "interpreted", though the two share a stem."""
    tutor = Tutor(load_lesson(write_lesson(tmp_path, """
        Who works on what.

        ## Methods

        Every step relies on principles interpreted by a model, and on rankings gathered from people.

        ## Labs

        - Harbour Lab: interpretability and control.
        - Hill Lab: evaluations.
        """, 'id = "labs"\ntitle = "Labs"')))
    answer = tutor.ask("What is interpretability?")
    assert answer.covered and answer.sources[0].section_number == 2, answer.text


def test_a_sentence_that_leans_on_the_one_before_comes_with_it(tmp_path):
    """"What happened with Golden Gate Claude?" quoted "Anthropic briefly offered this version to
    the public as ..." without the sentence that says what "this version" did (second walkthrough)."""
    tutor = Tutor(load_lesson(write_lesson(tmp_path, """
        Lamps on the coast.

        ## The bright lamp

        Lamps are not only lights. When the keepers turned the Bell Rock lamp to full power, ships
        saw it from forty miles and a gull colony left the rock. The board briefly showed this
        version to visitors as "Bright Bell". Turning a lamp up is how keepers test it.
        """, 'id = "lamps"\ntitle = "Lamps"')))
    answer = tutor.ask('What happened with "Bright Bell"?')
    assert answer.covered, answer.text
    assert "forty miles" in answer.text and "this version" in answer.text


def test_why_a_short_claim_holds_gets_the_paragraph_that_argues_it(tmp_path):
    """"Why is specification gaming structural and not just a bug?" quoted only "The deeper point
    is that gaming follows from optimisation itself.", not the paragraph that says why."""
    tutor = Tutor(load_lesson(write_lesson(tmp_path, """
        Heaps rot.

        ## Why heaps go cold

        It is tempting to blame the weather. The deeper point is that cold follows from the heap's size.

        A small heap loses heat through its surface faster than its middle makes it, so it never warms.

        ## Turning

        Turn the heap every week.
        """, 'id = "heaps"\ntitle = "Heaps"')))
    answer = tutor.ask("Why do heaps go cold, and is it just the weather?")
    assert answer.covered, answer.text
    assert "deeper point" in answer.text and "loses heat through its surface" in answer.text
