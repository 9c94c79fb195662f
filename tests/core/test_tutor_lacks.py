"""The tutor declines a question about something the lesson lacks even when it uses most
of the question's words (tutor/lacks.py): a name it never names, the term asked about
in "What is X?" / "How does X <verb>?", a figure, name, year or code it never gives
(tutor/slots.py). Each on a small course written here, so the bundled text can change."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignlearn.course import load_lesson, open_course
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
BEES = """
    Bees pollinate a garden and need flowers and healthy soil nearby.

    ## The hive survey

    In 2019 the Royal Horticultural Society counted hives in town gardens. Volunteers
    found 340 hives across the city, most of them kept by beginners.

    ## Swarming

    A colony swarms when the hive gets crowded: the old queen leaves with about half of
    the workers. Keepers prevent it by giving the colony more room in spring.

    ## Honey

    A strong hive makes around 25 kilograms of honey in a good year. Keepers take the
    honey in late summer and leave the bees enough to see them through winter.

    ## The hive trial

    In the trial the Dadant-1 hive made 12 kilograms of honey. The Warre-2 hive came
    second, after a wet spring.
"""
WATERING = """
    Watering a garden well saves water.

    ## How much

    Water the soil, not the leaves, early in the morning.
"""


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    folder = tmp_path_factory.mktemp("garden")
    for name, body in (("compost", COMPOST), ("pruning", PRUNING), ("watering", WATERING), ("bees", BEES)):
        write_lesson(folder, body, front=f'id = "{name}"\ntitle = "{name.title()}"', name=f"{name}.md")
    return open_course(folder)


@pytest.fixture(scope="module")
def tutor(course):
    return Tutor(course.lesson("compost"), course)


@pytest.fixture(scope="module")
def bees(course):
    return Tutor(course.lesson("bees"), course)


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


def test_a_yes_or_no_question_about_a_name_the_lesson_never_names_is_declined(tutor):
    # "What did the Wormery trial ... make?" is answered (above): there the name is the learner's
    # label. Asked whether the trial used Wormery bins, the lesson can say neither yes nor no.
    assert cited(tutor, "Did the worm trial use Wormery bins?") is None
    assert cited(tutor, "Did the trial with worms make compost in six weeks?") == [2]


def test_what_belongs_to_a_name_the_lesson_never_names_is_declined(tutor):
    # "the capital of Australia": its other words may be the lesson's ("capital of the state
    # containing Dallas"), but what is asked belongs to the name, which the lesson never names.
    assert cited(tutor, "How long do worms take to make compost in Wormery?") is None
    assert cited(tutor, "What did the Wormery trial with worms make?") == [2]  # the learner's label, as above


def test_a_name_the_lesson_writes_in_full_is_met_by_its_initials(tutor):
    assert cited(tutor, "How quickly does BHC finish compost?") == [1]


def test_a_possessive_ends_a_name(tutor):
    # Not one name "Kew Berkeley Hot Composting", which the lesson never writes.
    assert cited(tutor, "How often does Kew's Berkeley Hot Composting method turn the heap?") == [1]


def test_a_name_in_an_owners_name_is_two_names():
    from alignlearn.tutor.question import names, read_words
    found = read_words("What are the AI Safety Levels in Anthropic's policy?")
    spans = [" ".join(w.stem for w in found[start:end] if w.stem) for start, end in names(found)]
    assert spans == ["safety level"]  # not "safety level anthrop", which no lesson writes; Anthropic stands alone
    found = read_words("What did the Bank of England's staff say?")
    assert [" ".join(w.stem for w in found[s:e] if w.stem) for s, e in names(found)] == ["bank england"]


def test_what_is_a_term_with_a_word_the_lesson_never_uses_is_declined(tutor):
    assert term_asked("What is kitchen scrap tea?") == ["kitchen", "scrap", "tea"]
    assert term_asked("What are the problems of a heap?") is None  # a term with glue words: not checked
    assert term_asked("What's the idea behind a hot heap?") is None
    assert cited(tutor, "What is kitchen scrap tea?") is None  # "kitchen scraps" alone would pass
    assert cited(tutor, "What is the worm trial?") == [2]


def test_how_does_a_term_with_a_word_the_lesson_never_uses_is_declined(tutor):
    assert term_asked("How does worm farming turn scraps into compost?") == ["worm", "farming", "turn"]
    assert term_asked("How do I turn a heap?") is None
    assert term_asked("How does hot composting avoid needing a big heap?") == ["hot", "composting"]  # "needing": not the term
    assert cited(tutor, "How does worm farming turn kitchen scraps into castings?") is None
    assert cited(tutor, "How do worms turn kitchen scraps into castings?") == [2]


def test_how_do_people_do_something_asks_about_the_doing_not_a_term(tutor):
    # "gardeners" is no term of the lesson: it is who acts, and "stop" what they do.
    assert term_asked("How do gardeners stop a heap smelling?") is None
    assert term_asked("How can researchers test a heap?") is None
    assert term_asked("How do transcoders compare with worms?") == ["transcoders"]  # things compare, too
    assert cited(tutor, "How do gardeners stop a heap from smelling?") == [3]


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


def test_how_many_wants_a_figure_that_counts_what_is_asked_about(bees):
    assert cited(bees, "How many hives did the volunteers find?") == [1]
    assert cited(bees, "How much honey does a strong hive make?") == [3]
    # The section has "about half of the workers", but no count of queens.
    assert cited(bees, "How many queens does a swarming colony have?") is None
    # "340 hives" counts hives and "2019" is a year: neither counts the volunteers.
    assert cited(bees, "How many volunteers took part in the hive survey?") is None


def test_a_percentage_wants_a_percentage_or_a_fraction(bees):
    assert cited(bees, "What percentage of the workers leave with the old queen?") == [2]
    assert cited(bees, "What percentage of the hives were kept by beginners?") is None  # "most of them"


def test_a_figure_about_a_named_subject_comes_from_a_paragraph_that_names_it(bees):
    assert cited(bees, "How many hives did the Royal Horticultural Society count?") == [1]
    # The honey figure is no one's in particular; the Society is in another section.
    assert cited(bees, "How many kilograms of honey did the Royal Horticultural Society's hives make?") is None


def test_a_figure_in_a_sentence_about_another_model_is_not_the_one_asked_about(bees):
    assert cited(bees, "How many kilograms of honey did the Dadant-1 hive make?") == [4]
    # The paragraph names the Warre-2 hive, but its figure is the Dadant-1's.
    assert cited(bees, "How many kilograms of honey did the Warre-2 hive make?") is None


def test_a_figure_about_a_thing_the_lesson_never_names_is_declined(bees):
    # Without the rule the hive survey's "hives" and "count" vouch for the name.
    assert cited(bees, "How many hives did the National Trust count in town gardens?") is None


def test_who_wants_a_name_the_question_does_not_hold(bees, course):
    assert cited(bees, "Who counted the hives in town gardens?") == [1]
    watering = Tutor(course.lesson("watering"), course)
    assert cited(watering, "Who waters the soil early in the morning?") is None  # the lesson names no one


def test_a_year_or_a_title_asked_for_must_be_given(bees, tutor):
    assert cited(bees, "In what year was the hive survey published?") == [1]
    assert cited(tutor, "In what year did the allotment run the worm trial?") is None  # no year in it
    assert cited(bees, "What was the title of the hive survey in town gardens?") is None


def test_a_month_or_a_date_asked_for_is_not_given_by_a_year(bees):
    from alignlearn.tutor.slots import fills, slot_asked

    assert cited(bees, "In which month of 2019 were the hives in town gardens counted?") is None  # "In 2019" only
    assert cited(bees, "On what date did the hive survey count the hives?") is None
    month = "In which month was the survey published?"
    assert slot_asked(month).kind == "month" and slot_asked("What exact date was it out?").kind == "month"
    assert slot_asked("In which months were the teams reorganised?").kind == "month"
    assert fills(slot_asked(month), "The survey was published in March 2019.", month)
    assert fills(slot_asked(month), "It came out on 2019-03-02.", month)
    assert not fills(slot_asked(month), "The survey was published in 2019.", month)
    assert not fills(slot_asked(month), "The survey may appear in 2019.", month)  # "may" is no month


def test_code_or_a_formula_is_declined_when_the_lesson_has_none(bees):
    assert cited(bees, "Give me the formula for how much honey a strong hive makes in a good year") is None
    assert cited(bees, "How do I implement a swarming colony simulation in Python?") is None


def test_a_slot_decline_says_what_the_lesson_does_not_give(bees):
    answer = bees.ask("How many queens does a swarming colony have?")
    assert not answer.covered and answer.suggested_section == 2
    assert answer.text.startswith("This lesson does not give that number.")
    assert "Section 2: Swarming" in answer.text


def test_slots_are_read_from_what_the_question_asks_for():
    from alignlearn.tutor.slots import fills, slot_asked

    assert slot_asked("How many human raters did OpenAI hire?").kind == "count"
    assert slot_asked("Roughly how many people took part?").counted >= {"adult", "participant"}
    assert slot_asked("Exactly how many entries are on the list?").exact
    # The counted thing stops at its verb: "three parts" is no count of the people who took part.
    assert "part" not in slot_asked("How many people took part in the study?").counted
    assert not fills(slot_asked("How many people took part in the study?"), "The recipe has three parts.",
                     "How many people took part in the study?")
    assert slot_asked("What percentage of the time did it copy its weights?").kind == "share"
    assert slot_asked("what is the alignment tax in percent?").kind == "share"
    assert slot_asked("how tall was the block?").kind == "value"  # a measure, as "how big" is
    assert slot_asked("what was the time limit in the timed test?").kind == "value"
    assert slot_asked("What are the names of the test suites?").kind == "called"  # as "the name of" is
    assert slot_asked("what time horizon did they measure for the model?").kind == "value"
    assert slot_asked("what is a time horizon?") is None  # what it is, not its figure
    # "how much of the gap", "what PGR did they get": a measure's figure, which "a tenth" gives
    gap = "How much of the gap was recovered on the maze task?"
    assert slot_asked(gap).kind == "value" and slot_asked("what PGR did they get on it?").kind == "value"
    assert fills(slot_asked(gap), "On the maze task they recovered only about a tenth of the gap.", gap)
    assert slot_asked("By how many points did the score drop?").kind == "value"
    # "how much better": a figure, not a count of "better"; what a figure means is no figure to fill in
    assert slot_asked("How much better did the judge get with six pixels?").kind == "value"
    assert slot_asked("How much money did they raise?").kind == "count"
    assert slot_asked("What does a score of zero mean for the gap recovered?") is None
    assert slot_asked("How often did the model comply?").kind == "often"
    assert slot_asked("Which lab proposed the rules?").kind == "name"
    assert slot_asked("What is the method called?").kind == "called"
    assert slot_asked("In which year was the paper published?").kind == "year"
    assert slot_asked("I want it in Python. How do I code the judge?").kind == "code"
    # A month is capitalised but names no one; a name the question holds is no answer.
    who = slot_asked("Who described the method?")
    assert not fills(who, "In March 2025 the team described the method.", "Who described the method?")
    assert not fills(who, "Anthropic described the method.", "Who at Anthropic described the method?")
    assert fills(who, "In March 2025 Anthropic described the method.", "Who described the method?")
    # A source line names its title after the authors, "van der Weij" as much as "Greenblatt".
    title = slot_asked("What is the full title of van der Weij's paper?")
    assert fills(title, "van der Weij et al. (2024), AI Sandbagging: Language Models can Underperform.",
                 "What is the full title of van der Weij's paper?")
    # A passage dated another year is about another thing: "the 2025 paper" is not the 2016 one.
    assert not fills(who, "The 2016 paper (Amodei and colleagues) listed it.", "Who wrote the 2025 paper?")
    assert fills(who, "The 2016 paper (Amodei and colleagues) listed it.", "Who wrote the 2016 paper?")
    # A model is not who did something.
    assert not fills(who, "The team trained it on Claude 3 Sonnet and GPT-4.", "Who described the method?")
    assert fills(who, "Templeton and colleagues trained it on Claude 3 Sonnet.", "Who described the method?")
    # What a method is called is a name of two words, a title, an acronym or a naming word, not an
    # example's place name.
    called = slot_asked("What is the tracing method called?")
    assert not fills(called, "Asked about Dallas, it represented Texas first.", "What is the tracing method called?")
    for text in ("They called it attribution graphs.", 'They traced it in "Circuit Tracing".',
                 "The method, Attribution Graphs, traces features.", "The tool is CLT-based."):
        assert fills(called, text, "What is the tracing method called?"), text
    # Explanations, and "who" inside a clause, ask for no slot.
    for question in ("Why do people who label data disagree?", "When does reward hacking happen?",
                     "Who is the new constitution mainly written for?",
                     "How much of the computation do the features explain?", "What is reward hacking?"):
        assert slot_asked(question) is None, question


def test_a_share_of_a_thing_is_a_percentage_near_that_thing():
    """"What percentage of the model's usefulness did it keep?" is not answered by "92% of runs"
    with "usefulness" a sentence away; "of the time" asks a share of nothing in particular."""
    from alignlearn.tutor.slots import fills, slot_asked

    question = "What percentage of the untrusted model's usefulness did trusted editing keep?"
    text = ("Trusted editing kept out every backdoor in 92% of simulated runs, against 62% for trusted "
            "monitoring alone, while keeping most of the untrusted model's usefulness.")
    assert slot_asked(question).counted == {"use"}
    assert not fills(slot_asked(question), text, question)
    assert fills(slot_asked(question), "Trusted editing kept 94% of the usefulness.", question)
    assert slot_asked("What usefulness percentage did trusted editing keep?").counted == {"use"}
    runs = "In what share of runs did trusted editing keep out every backdoor?"
    assert fills(slot_asked(runs), text, runs)
    time = "What percentage of the time did the model comply?"
    assert not slot_asked(time).counted
    assert fills(slot_asked(time), "It complied in 14% of cases.", time)


def test_a_name_of_a_type_is_one_the_lesson_gives_as_that_type():
    """"Which claude model ...?" wants a model's name, "which story dataset ...?" a name beside a
    word for a dataset: any other name in the passage ("Anthropic") does not answer them."""
    from alignlearn.tutor.slots import fills, slot_asked

    model = "which claude model was used to build the sleeper agents"
    assert slot_asked(model).typed == "model"
    assert not fills(slot_asked(model), "Hubinger and colleagues at Anthropic built the sleeper agents.", model)
    assert fills(slot_asked(model), "They built the sleeper agents from Claude 1.2 Instant.", model)
    dataset = "Which story dataset did Khan and colleagues use?"
    assert slot_asked(dataset).typed == "dataset"
    assert not fills(slot_asked(dataset), "Khan and colleagues (2024) used long stories from a reading task.", dataset)
    assert fills(slot_asked(dataset), "Khan and colleagues used stories from the QuALITY dataset.", dataset)
    assert fills(slot_asked(dataset), "They used two question-answering tasks, MMLU and QuALITY.", dataset)
    # The word for the type must be near the name: "a task requires ... Anthropic" names no task.
    assert not fills(slot_asked(dataset), "Bowman and colleagues at Anthropic put it this way: we need ways to "
                     "supervise systems that may outperform us on most of the skills a task requires.", dataset)
    platform = "which technology platform's terms of service did the constitution borrow from"
    assert slot_asked(platform).typed == "platform"
    assert not fills(slot_asked(platform), "It drew on the UN Declaration of Human Rights and the terms of "
                     "service of a major technology platform.", platform)
    # "Which RL algorithm ...?" wants an algorithm's name: "algorithmic environments" or a lab's name is none.
    algorithm = "what rl algorithm was the coastrunners agent trained with?"
    assert slot_asked(algorithm).typed == "algorithm"
    assert not fills(slot_asked(algorithm), "OpenAI trained an agent on CoastRunners, a boat racing game.", algorithm)
    assert not fills(slot_asked(algorithm), "Their experiments were in algorithmic environments, where it learned fast.", algorithm)
    assert fills(slot_asked(algorithm), "The assistant is optimised with reinforcement learning, often PPO.", algorithm)
    # A model in a question that asks something else is no slot of a type.
    for question in ("What does a model learn during pretraining?", "What kind of model do you start from?",
                     "What happens if a model refuses anything risky?", "What was the model trying to protect?"):
        slot = slot_asked(question)
        assert slot is None or not slot.typed, question


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=120) | st.builds(" ".join, st.lists(st.sampled_from(
    ["What", "is", "How", "does", "Kew's", "BHC", "many", "the", "worm", "of", "?", "tea", "work"]), max_size=10)))
def test_any_question_is_read_without_error(tutor, question):
    found = term_asked(question)
    assert found is None or all(word.isalnum() for word in found)
    assert 0.0 <= tutor.confidence(question) <= 1.0
    assert tutor.ask(question).text


def test_a_term_named_only_in_a_pointer_to_another_lesson_is_that_lessons(tmp_path):
    mulch = """
        Mulch keeps the soil moist through summer.

        ## Spreading it

        Spread mulch in spring, when the soil is warm and wet. Leaf mould makes a good mulch;
        the companion lesson on hot composting shows how to make compost for it too.
    """
    tutor = Tutor(course_of(tmp_path, mulch).lesson("mulch"))
    assert cited(tutor, "What is hot composting?") is None  # only "the lesson on hot composting"
    assert cited(tutor, "What is mulch?") is not None
    assert cited(tutor, "What is leaf mould?") == [1]


def course_of(folder, body: str):
    write_lesson(folder, body, front='id = "mulch"\ntitle = "Mulch"', name="mulch.md")
    return open_course(folder)


def test_a_key_term_of_three_words_is_met_by_its_initials(tmp_path):
    front = 'id = "heap"\ntitle = "Heaps"\n\n[terms]\n"Hot heap turning" = "Turning a hot heap every other day."'
    body = """
        Heaps rot faster when turned.

        ## Turning

        With hot heap turning, a heap is turned every other day, so it finishes in a month.
    """
    tutor = Tutor(open_course(write_lesson(tmp_path, body, front=front, name="heap.md").parent).lesson("heap"))
    assert cited(tutor, "How often does HHT turn the heap?") == [1]


def test_a_name_runs_over_connectors_but_not_over_other_small_words():
    from alignlearn.tutor.question import names, read_words

    def spans(question: str) -> list[str]:
        words = read_words(question)
        return [" ".join(w.stem for w in words[start:end] if w.stem) for start, end in names(words)]

    assert spans("How is it unlike the Expert Iteration used for AlphaGo Zero?") == ["expert iter", "alphago zero"]
    assert spans("What did the Center for AI Safety say?") == ["center ai safety"]


# --- a name another lesson teaches (tutor/course_words.py, session 20) -----------------------------

GREENHOUSE = """
    A greenhouse extends the growing season.

    ## Heat

    Glass traps the sun's heat, and a heated propagator (HP) keeps seedlings warm at night.
    Vents let hot air out on sunny days. Gardeners who use the Berkeley Hot Composting method
    sometimes heat a greenhouse with a compost heap.

    ## Pests

    Whitefly thrive in a warm greenhouse. A sticky trap catches the adults.
"""
ORCHARD = """
    An orchard needs years of care before it fruits.

    ## Planting

    Plant young trees in winter, in soil that drains well. Warm seedlings in a heated propagator
    before planting them out, and water them through the first summer.

    ## Feeding

    Feed the trees with compost from the heap each spring. Whitefly rarely trouble an orchard.
"""


@pytest.fixture(scope="module")
def glasshouse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("glass")
    write_lesson(folder, GREENHOUSE, front='id = "greenhouse"\ntitle = "The Greenhouse"\n\n[terms]\n'
                 '"Sticky trap" = "A card coated in glue that catches flying pests."', name="greenhouse.md")
    write_lesson(folder, ORCHARD, front='id = "orchard"\ntitle = "The Orchard"', name="orchard.md")
    course = open_course(folder)
    return Tutor(course.lesson("orchard"), course)


@pytest.mark.parametrize("question, name", [
    ("do sticky traps work on whitefly in an orchard?", "sticky trap"),  # a key term: the singular, as taught
    ("can berkeley hot composting feed the trees in spring?", "Berkeley Hot Composting"),  # typed in lower case
    ("does bhc feed the trees with compost in spring?", "Berkeley Hot Composting"),  # by its initials
])
def test_a_name_only_another_lesson_uses_is_declined_and_that_lesson_named(glasshouse, question, name):
    """The words of the question are the orchard lesson's own (compost, trees, whitefly), but the
    thing asked about is named only in the greenhouse lesson: this lesson cannot answer, that one can."""
    answer = glasshouse.ask(question)
    assert not answer.covered, answer.text
    assert answer.suggested_lesson == "greenhouse"
    assert f"does not mention \u201c{name}\u201d" in answer.text and "\u201cThe Greenhouse\u201d does." in answer.text


def test_an_acronym_the_lesson_spells_out_is_a_name_it_uses(glasshouse):
    """"HP" is only written in the greenhouse lesson, but the orchard lesson says "heated
    propagator" in full: it names the thing, by its words."""
    answer = glasshouse.ask("when should seedlings go in the HP before planting?")
    assert answer.covered, answer.text


def test_the_lesson_that_names_it_answers_as_before(glasshouse, tmp_path):
    course = glasshouse.course
    greenhouse = Tutor(course.lesson("greenhouse"), course)
    assert greenhouse.ask("what does a sticky trap catch?").covered


def test_a_large_course_is_counted_from_a_sample_and_the_related_lessons():
    """Every lesson of a 2,116-lesson course was read to count words: 12 s for each question
    `alignlearn ask` answered. A hundred, spread through it, and the related lessons do."""
    from types import SimpleNamespace

    from alignlearn.tutor.lacks import SAMPLE, course_spread

    asked: list[str] = []

    class Course:
        lessons = [SimpleNamespace(id=f"lesson-{n}") for n in range(2116)]

        def lesson(self, lesson_id, with_quiz=False):
            asked.append(lesson_id)
            raise KeyError(lesson_id)

    spread, names, read = course_spread(Course(), lambda word: word, also=["lesson-2115", "lesson-7"])
    assert len(asked) <= SAMPLE + 2 and len(set(asked)) == len(asked)
    assert "lesson-2115" in asked and "lesson-7" in asked and "lesson-0" in asked and "lesson-2094" in asked
    assert (spread, names, read) == ({}, {}, 0)


@pytest.mark.parametrize("question, declined", [
    ("what did the hortus society find about worm bins?", True),  # a doer typed in lower case, never named
    ("does grimshaw think worms make compost faster?", True),
    ("did the allotment trial find worms help?", False),  # the lesson's own words
    ("what did the gardeners at kew find?", False),  # Kew is named
    ("Does turning the heap help?", False),  # not a doer's act
    ("did hortus compost contribute to the worm bins?", True),  # a name's own first word, never used
    ("did home-made bins find worms help?", False),  # a description, not a name
])
def test_what_someone_the_lesson_never_names_did_is_declined(tutor, question, declined):
    from alignlearn.tutor.lacks import doer_unnamed

    known = lambda word: tutor._idf(tutor._stemmer(word)) is not None  # noqa: E731
    assert doer_unnamed(question, known) == declined
    if declined:
        assert not tutor.ask(question).covered


def test_a_quoted_title_the_lesson_never_writes_is_declined(tutor):
    """"what did 'sycophancy to subterfuge' show?": a paper the lesson never names, though one of
    its words is the lesson's; a quote in the lesson's own words, or the learner's gist of one
    ("'pick the response that...'"), is not."""
    from alignlearn.tutor.lacks import quoted_unknown

    uses = {"sycophancy", "worms", "compost", "make"}.__contains__
    assert quoted_unknown("what did 'sycophancy to subterfuge' show?", lambda phrase: False, uses)
    assert not quoted_unknown("why do they say 'worms make compost'?", lambda phrase: False, uses)
    assert not quoted_unknown("why 'pick the sycophantic one...'?", lambda phrase: False, uses)
    assert not quoted_unknown("what did 'sycophancy to subterfuge' show?", lambda phrase: True, uses)
    answer = tutor.ask("what did 'the hidden harvest' report say about worms in compost?")
    assert not answer.covered, answer.text


def test_what_a_named_subjects_thing_is_called_is_told_where_it_is_named(tmp_path):
    """"What is the Hill Council's ferry service called?" is not answered by "came to be called
    Valley Ferries" in a paragraph about the Harbour Board: a name, like a figure, is its subject's."""
    tutor = Tutor(load_lesson(write_lesson(tmp_path, """
        Who runs what on the lake.

        ## Ferries

        The Harbour Board runs the ferry service across the lake. In 2001 the ferry service came to be
        called Valley Ferries.

        ## Buses

        The Hill Council runs the buses, and it runs them at a loss.
        """, 'id = "lake"\ntitle = "The Lake"')))
    assert cited(tutor, "What is the Harbour Board's ferry service called?") == [1]
    assert cited(tutor, "What is the Hill Council's ferry service called?") is None


def test_a_figure_measured_elsewhere_does_not_answer_for_the_place_asked(tmp_path):
    """"What was the gap recovered on the chess puzzles?" was answered by "recovered only about a
    tenth of the gap" on the reward-modelling task: the figure's sentence must name where."""
    tutor = Tutor(load_lesson(write_lesson(tmp_path, """
        Students and teachers.

        ## Results

        On word puzzles, chess puzzles and maze tasks, the students beat their teachers. On the
        maze task, the students recovered only 10% of the gap.
        """, 'id = "students"\ntitle = "Students"')))
    assert cited(tutor, "What share of the gap did the students recover on the maze task?") == [1]
    assert cited(tutor, "What share of the gap did the students recover on the chess puzzles?") is None


KILNS = """
    Pottery is fired in a kiln.

    ## Firing

    Pit firing is the oldest way to fire pots, and the simplest. The idea is usually credited
    to the potters of the Nile valley.

    ## The kiln master

    Firing is overseen by the kiln master, who decides when the kiln is hot enough.

    ## Glazes

    | Glaze | Finish | Melts |
    | --- | --- | --- |
    | Ash glaze | Runs in streaks | High |
    | Salt glaze | Orange peel | Very high |
"""


@pytest.fixture(scope="module")
def kilns(tmp_path_factory):
    front = 'id = "kilns"\ntitle = "Kilns"\n[terms]\n"Pit firing" = "Firing pots in a pit, under burning fuel."'
    return Tutor(load_lesson(write_lesson(tmp_path_factory.mktemp("kilns"), KILNS, front)))


def test_who_does_something_is_answered_by_the_passage_that_says_by_whom_without_a_name(kilns):
    """"Who enforces them?" is answered by "... enforced by the developers themselves": no
    capitalised name, but the doer the question asks for."""
    answer = kilns.ask("Who oversees the firing?")
    assert answer.covered and "kiln master" in answer.text


def test_a_table_cells_first_capital_is_no_name(kilns):
    """A table row's cells start with capitals ("Runs in streaks", "Orange peel"): they name
    no one, so "who ..." about the glazes finds no name."""
    assert cited(kilns, "Who gave salt glaze its orange peel finish?") is None


@pytest.mark.parametrize("question", [
    "how is the oldest way to fire pots related to sintering",
    "how does firing pots in a pit relate to vitrification",
])
def test_how_a_thing_relates_to_one_the_lesson_never_mentions_is_declined(kilns, question):
    """"How is Goodhart's law related to overfitting?" quoted the law's definition: the lesson
    cannot say how two things relate when it never mentions one of them."""
    assert cited(kilns, question) is None


def test_how_a_thing_relates_to_one_the_lesson_does_mention_is_answered(kilns):
    assert cited(kilns, "How is pit firing related to the kiln master?") is not None


def test_the_difference_between_a_thing_and_one_the_lesson_never_mentions_is_declined(kilns):
    """"What's the difference between a sparse autoencoder and a transcoder?" in a lesson that
    never mentions transcoders: either side of "the difference between" may be the missing one."""
    assert cited(kilns, "difference between firing pots in a pit and vitrification") is None
    assert cited(kilns, "what is the difference between the oldest way to fire pots and raku") is None


def test_could_a_method_the_lesson_never_names_fix_a_problem_it_does_is_declined(kilns):
    """"Could inverse reinforcement learning avoid specification gaming?": the lesson cannot say
    whether a method it never names would work."""
    assert cited(kilns, "could induction heating replace pit firing, the oldest way to fire pots?") is None
    assert cited(kilns, "could the kiln master stop the firing?") is not None


def test_a_name_at_a_sentences_start_is_the_name_without_its_article(course):
    """"The Berkeley Hot Composting method" names Berkeley Hot Composting, not "the berkeley ...";
    and "A Cargo feature" (the Rust Book) named "a cargo", which declined "how do I run a cargo
    project?" in every other chapter as a name this one never uses."""
    from alignlearn.tutor.lacks import course_spread
    from alignlearn.tutor.words import stem

    _, names, _ = course_spread(course, stem)
    assert "berkeley hot composting" in names and not any(name.startswith("the ") for name in names)
