"""The tutor answers a question only from a passage that says what the question asks for
(tutor/focus.py): the thing in "which X ...?", a founding or a job, money, plans, what came
after, the new case in "Did X also ...?", what someone said; and declines a figure or a
model version the lesson never gives. On a small lesson written here, so the bundled
text can change."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignlearn.course.lesson import load_lesson
from alignlearn.tutor import Tutor
from alignlearn.tutor.focus import Given, focus_asked
from alignlearn.tutor.timeline import times_asked
from tutor_lessons import write_lesson

ROOT = Path(__file__).resolve().parents[2]

LIGHTS = """
    The Northern Lighthouse Board keeps the lighthouses of Scotland and the Isle of Man.

    ## Bell Rock

    The Bell Rock Lighthouse was built by Robert Stevenson between 1807 and 1810, on a reef
    that is under water at high tide. Its light was first lit in February 1811. Visitors came
    later, by boat.

    ## Keepers

    Keepers worked four weeks on the rock and four weeks ashore. The last keepers left Fair
    Isle in 1998, when the board made its lights automatic.

    Keepers' widows were helped by a fund that Sir Walter Scott founded in 1814. Some of
    their families still live on the islands.

    ## Power

    The board's lamps now run on solar power and batteries, and a signal from Edinburgh
    tells the board when a lamp fails. GPT-4 has no part in it. The lamps used less diesel
    after 2000, because solar panels charged their batteries. The first electric lamps were
    made by a small firm.

    The board's engineers trained at coastal stations, where the weather taught them most,
    and at supply depots such as Oban.
"""


@pytest.fixture(scope="module")
def tutor(tmp_path_factory) -> Tutor:
    folder = tmp_path_factory.mktemp("lights")
    return Tutor(load_lesson(write_lesson(folder, LIGHTS, 'id = "lights"\ntitle = "Lighthouses"')))


@pytest.mark.parametrize("question", [
    "Who founded the Northern Lighthouse Board?",
    "Who leads the Northern Lighthouse Board?",
    "What's the annual budget of the Northern Lighthouse Board?",
    "Which colour filters does the board use on its lamps?",
    "Did the board also make its fog horns run on solar power?",
    "What did the Bell Rock Lighthouse cost?",
    "Does the board plan to close the Bell Rock Lighthouse?",
    "What did Robert Stevenson say about the storms on the reef?",
    "How did the keepers work once the rota changed to 6 weeks on the rock?",
    "How did GPT-5 help the board when a lamp fails?",
    "When did Robert Stevenson join the Northern Lighthouse Board?",
    "Who funds the Northern Lighthouse Board?",
    "How did the board react when the last keepers left Fair Isle?",
    "What does Robert Stevenson think of solar power?",
    "How do solar lamps compare with the Orkney wind turbines?",
    "What are the four stages of a lamp check?",
    "Is the Bell Rock Lighthouse still open to visitors?",
    "Which firm made the first electric lamps?",
    "What exactly does the Northern Lighthouse Board require of its keepers?",
    "Who was the first keeper to leave Fair Isle?",
    "Does Sir Walter Scott's fund still help the widows?",
    "Are solar lamps a better source of light than the Orkney lamps?",  # words between "better" and "than"
    "Which coastal stations did the engineers train at?",
    "Did the board find the same solar power works in Norway?",  # a new case: the whole question must be met
    "Are the lamps run on solar power instead of wind turbines?",
    "Did keepers work on the rock, or only at Muckle Flugga?",
    "Is Sir Walter Scott's fund used by the board today?",
    "What happened to Robert Stevenson after the lighthouse was built?",  # "later" is said of the visitors
    "When was the Northern Lighthouse Board disbanded?",
    "Did Robert Stevenson build lighthouses on Fair Isle?",  # never named in one paragraph
    "Why did the keepers work longer on the rock than at home?",  # a result, and no cause given  # years are given, of other things
    "When will the Bell Rock Lighthouse be made automatic?",  # the future, which no passage speaks of
    "Who is the director of the Northern Lighthouse Board?",  # a post no passage names
    "Where is the Northern Lighthouse Board based?",  # a base no passage gives (Edinburgh sends a signal)
    "Did the board change how it trains its engineers after the keepers left Fair Isle?",  # what came after
    "Has the board made another lighthouse automatic since the Fair Isle one?",  # how things stand since
    "Has the Bell Rock Lighthouse been rebuilt again?",
    "When did Robert Stevenson leave the Northern Lighthouse Board?",  # a year, but of the building
    "When did Robert Stevenson move from the Bell Rock to Fair Isle?",
    "Which local engineering firm's workshop did the first electric lamps come from?",  # "a small firm": unnamed  # how things stand, said of the fund: nowhere  # "at coastal stations, where ...": none named  # words between "better" and "than"  # "still" is said of the families, not the fund
])
def test_a_question_whose_focus_no_passage_says_is_declined(tutor, question):
    answer = tutor.ask(question)
    assert not answer.covered, answer.text
    assert "does not" in answer.text


@pytest.mark.parametrize(("question", "section"), [
    ("Who built the Bell Rock Lighthouse?", 1),
    ("Which lighthouse did Robert Stevenson build on the reef?", 1),
    ("Do the board's lamps also run on batteries?", 3),
    ("What happened to the keepers after the lights were made automatic?", 2),
    ("What's the main weakness of a lighthouse on a reef?", 1),
    ("How many weeks did the keepers work on the rock?", 2),
    ("How does the board know when a lamp fails, with GPT-4?", 3),
    ("How long were the keepers on the rock at a time?", 2),
    ("Does the board still use keepers to run its lamps?", 3),
    ("Which supply depots did the engineers train at?", 3),
    ("Do the lamps run on batteries, or only on solar power?", 3),
    ("Do the board's lamps run on solar power today?", 3),
    ("Did Robert Stevenson build the Bell Rock Lighthouse?", 1),
    ("Why did the lamps use less diesel after 2000?", 3),  # a result, and its cause  # "now run on solar power"
    ("Could the board find a failed lamp with today's signals?", 3),  # "today's": not a question of now  # every word of it met  # "supply depots such as Oban"
    ("How are the lamps now different from the first electric lamps?", 3),  # the lesson has both
])
def test_a_question_whose_focus_a_passage_says_is_answered(tutor, question, section):
    answer = tutor.ask(question)
    assert answer.covered, answer.text
    assert answer.sources[0].section_number == section


def test_the_decline_names_the_thing_the_lesson_does_not_give(tutor):
    answer = tutor.ask("What's the annual budget of the Northern Lighthouse Board?")
    assert "does not give the annual budget" in answer.text or "does not give any sum of money" in answer.text


@pytest.mark.parametrize(("question", "kinds"), [
    ("Which risk categories does the framework track?", {"which"}),
    ("Which models showed they could scheme?", {"which"}),  # not answered by "several models ..."
    ("What's the main downside of RLHF?", set()),  # explanation words are the passage's to fill
    ("Who founded the lab, and who left?", {"role"}),
    ("who from the collective intelligence project ran the process?", {"role"}),  # who ran it
    ("how long did people get per question in the timed task?", {"long"}),  # a time, though "task" is in it
    ("How long were the answers the model gave?", set()),  # a length, not a time
    ("What did Ajeya Cotra work on before she proposed sandwiching?", {"earlier"}),  # what came before
    ("What did Redwood Research publish on AI control after the first paper?", {"later"}),  # what came after
    ("What does a base model do after pretraining, before any fine-tuning?", set()),  # a stage, no one's past
    ("Did the same team also test Llama?", {"also"}),
    ("has collective constitutional ai been tried with people outside the united states?", {"also"}),  # a new case
    ("Did the method work beyond games?", {"also"}),
    ("What did Toy Models of Superposition show?", set()),  # a finding, not the members of "models"
    ("What did Olah say about biology?", {"said", "does"}),
    ("How much did it cost to train?", {"money"}),
    ("What's the cost of letting features overlap?", set()),  # a price paid in kind, not money
    ("What did Anthropic change after the results came out?", {"later"}),
    ("When did Anthropic last revise the policy?", {"later"}),
    ("Did Anthropic release the autoencoders publicly?", {"status"}),
    ("Besides the year trigger, what other backdoors were trained?", {"others", "which"}),
    ("Apart from speed, what's the human downside of labelling?", set()),  # one more thing, not others
    ("When does the lab plan to publish?", {"plan"}),
    ("who is the director of the uk ai security institute", {"role"}),
    ("Who's the head of the lab?", {"role"}),
    ("Where is Redwood Research based?", {"role"}),
    ("Has sycophancy since been fixed in newer models?", {"status"}),  # how it stands now
    ("has the universality claim since been confirmed", {"status"}),
    ("When will scalable oversight be solved?", {"plan"}),  # the future: a passage must speak of it
    ("Will responsible scaling policies end up written into law?", {"plan"}),
    ("do you think future models will become deceptive on their own", {"plan"}),
    ("Will a smarter system be less likely to game its objective?", set()),  # a claim the lesson may make
    ("What happened to the team after the paper came out?", {"later"}),
    ("What is reward hacking?", set()),
    ("What exactly does the policy require?", {"does"}),
    ("What did the paper find?", set()),  # a finding is told in too many ways to ask for one
    ("Who complained most often about the lamps?", {"most"}),
    ("Which scenarios did Apollo Research build?", {"which", "members"}),  # named: its scenarios, listed
    ("What are the two stages of Constitutional AI?", {"list"}),  # a list of two, not the members rule's three
    ("How big were the largest autoencoders?", set()),  # the largest: which ones, not a ranking asked for
    ("[@click=app.quit] What is RLHF?", set()),  # markup is not the question's: no "quit"
    ("What does METR stand for, and how do you say it?", {"acronym"}),  # "say" is in the next question
    ("Did the labels do as well as human ones?", {"judged"}),
    ("What are the four flavours of Goodhart?", {"list"}),  # "flavours": a word for kinds, any list fills it
    ("What strange mix of things did one neuron respond to?", {"role"}),  # "as well as" compares: it asks no "also"
    ("Does it work as well as that, not just on summaries?", {"judged", "also"}),
])
def test_the_focus_is_read_from_the_questions_shape(question, kinds):
    assert {focus.kind for focus in focus_asked(question, Given.of(""))} == kinds


def test_figures_and_versions_the_lesson_gives_are_not_a_focus():
    given = Given.of("In 2023 GPT-4 was right 76% of the time, on 1,200 questions.")
    assert focus_asked("Why was GPT-4 right 76% of the time in 2023?", given) == []
    assert {f.kind for f in focus_asked("Why was GPT-4 right 80% of the time?", given)} == {"figure"}
    assert {f.kind for f in focus_asked("How did GPT-4.5 do?", given)} == {"version"}
    conditions = Given.of("Three conditions must hold.")
    assert focus_asked("what are the 3 conditions", conditions)[0].kind != "figure"  # "3" for the lesson's "three"
    assert {f.kind for f in focus_asked("What does the 4 mean?", conditions)} == {"figure"}
    sonnet = Given.of("Claude 3.7 Sonnet's 50% time horizon was about an hour.")
    assert focus_asked("whats claude 3.7 sonnet's 50% time horizon", sonnet) == []  # typed in lower case
    assert {f.kind for f in focus_asked("whats claude 3.5 sonnet's time horizon", sonnet)} == {"version"}


def test_a_list_of_a_size_the_lesson_never_says_is_never_given():
    given = Given.of("Apollo built scenarios: it disabled oversight, copied weights, lied, sandbagged. The four stages ...")
    (six,) = focus_asked("What were the six scenarios Apollo built?", given)
    assert six.kind == "list" and six.never
    (four,) = focus_asked("What are the four stages?", given)
    assert four.items == 4 and not four.never


@pytest.mark.parametrize("question", [
    "What were the six scenarios in Apollo's evals?",
    "what were apollo's six agentic scenarios",
    "what were the names of apollo's six scenarios",
    "what exactly were apollo's six scenarios, can you list them",
])
def test_a_list_counted_but_never_given_is_no_answer_however_it_is_asked(question):
    """The lesson says "placed in six agentic scenarios where scheming would serve that goal" and
    names none: "Apollo's six", "the names of", "exactly", and a word between "six" and "scenarios"
    all hid the list asked for, and the sentence was quoted as its answer."""
    from alignlearn.tutor.focus import focused

    given = Given.of("Models were placed in six agentic scenarios where scheming would serve that goal.")
    listed = [f for f in focus_asked(question, given) if f.kind == "list"]
    assert len(listed) == 1 and listed[0].items == 6
    # Six things listed after the count, none of them a scenario: the count alone names none.
    text = ("Apollo's models were placed in six agentic scenarios where scheming would serve that goal, and they "
            "slipped in mistakes, lied, copied weights, disabled oversight and sandbagged.")
    assert not focused(listed, None, str, frozenset(), text, sentence=text)


@pytest.mark.parametrize("question", [
    "What goes wrong if a model will help with any request at all?",
    "What happens when a model is trained on its own answers?",
    "What goes wrong once a reward model is optimised too hard?",
])
def test_the_thing_asked_about_ends_where_a_clause_of_its_own_begins(question):
    """"What goes wrong if a model will help ...": the thing is not "goes wrong if a model" (an
    issue's own example was declined with "This lesson does not give the wrong")."""
    assert [f for f in focus_asked(question, Given.of("")) if f.kind == "which"] == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_reads_without_error(text):
    for focus in focus_asked(text, Given.of(text[::-1])):
        # a role ("who quit?"), "does X require ...?" or an "also" question declines in general words: no ``what``
        assert focus.kind and (focus.what or focus.kind in {"role", "also", "does", "yesno"})
        assert focus.kind in {"role", "also", "does", "yesno"} or focus.what.startswith(("the ", "a", "any", "how", "what", "that"))


# --- judgements between two things (tutor/judgements.py, session 20) ----------------------------

ROADS = """
    Two ways to cross the valley.

    ## The ferry

    The ferry crosses the lake every hour in summer. It carries twenty cars and runs on diesel.

    ## The bridge

    The bridge opened in 1998 and carries four lanes of traffic across the gorge.

    ## The tunnel

    The tunnel toll is higher than the old road's toll, and drivers in a hurry still pay it.
    The tunnel outscores the old road on safety records.
"""


@pytest.fixture(scope="module")
def roads(tmp_path_factory) -> Tutor:
    return Tutor(load_lesson(write_lesson(tmp_path_factory.mktemp("roads"), ROADS, 'id = "roads"\ntitle = "Roads"')))


@pytest.mark.parametrize("question", [
    "Is the ferry greener than the bridge?",
    "Which is more popular, the ferry or the bridge?",
    "Does the bridge carry more cars than the ferry in winter?",
    "Is the ferry or the bridge better for carrying cars?",
    "Did the bridge open as early as the ferry started running?",
])
def test_a_judgement_the_lesson_never_makes_is_declined(roads, question):
    """The lesson describes the ferry and the bridge apart and never weighs one against the
    other: a judgement between them is not in it, though both are."""
    answer = roads.ask(question)
    assert not answer.covered, answer.text
    assert "comparison" in answer.text


@pytest.mark.parametrize("question", [
    "Is the tunnel toll higher than the old road's toll?",
    "is the tunnel toll cheaper or dearer than the old road's?",
    "Is the tunnel safer than the old road?",  # "outscores the old road on safety"
    "How many cars does the ferry carry?",  # no judgement asked
])
def test_a_judgement_the_lesson_makes_is_answered(roads, question):
    answer = roads.ask(question)
    assert answer.covered, answer.text


def test_a_judgement_against_a_named_thing_needs_a_paragraph_that_names_it():
    """"Is process supervision better than a KL penalty?" is not answered by the paragraph on process
    supervision, which compares it with nothing the question names: the named other side (KL) must
    be in the paragraph that compares."""
    tutor = Tutor(load_lesson(ROOT / "lessons" / "specification-gaming-and-goodhart.md"))
    answer = tutor.ask("Is process supervision better than a KL penalty at stopping reward hacking?")
    assert not answer.covered, answer.text
    assert "comparison" in answer.text


@pytest.mark.parametrize("question, judged", [
    ("Is Anthropic's RSP stricter than OpenAI's Preparedness Framework?", True),
    ("Which is more dangerous, cyber-offence or persuasion?", True),
    ("did the rlhf models get harder or easier to red team as they scaled up", True),
    ("In Lee et al., did the AI labels do as well as human labels on coding tasks?", True),
    ("Did the judges replace human labels for helpfulness as well as harmlessness?", False),  # "and also"
    ("Is interpretability on the alignment side or the control side?", False),
    ("What is the difference between a neuron and a feature?", False),
    ("Is the paper about the other layer or the encoder?", False),  # -er words that compare nothing
    ("Is AI control or interpretability the cheaper way to catch a scheming model?", True),
    ("Which matters more for making a model safe, SFT or RLHF?", True),
    ("Whose testing is more reliable, the UK AI Security Institute's or METR's?", True),
    ("Which paper came out first, the debate paper or the amplification paper?", False),
    ("Which lab worked on debate or amplification?", False),
])
def test_a_judgement_is_read_from_the_questions_shape(question, judged):
    from alignlearn.tutor.judgements import judgement_asked
    from alignlearn.tutor.words import fold

    assert (judgement_asked(fold(question)) is not None) == judged


def test_a_models_tier_is_part_of_its_version():
    """"Claude 3 Opus" and "Claude 3 Sonnet" are two models: a lesson that gives one does not give
    the other; "Claude 3" alone is given by either."""
    from alignlearn.tutor.focus import Given

    given = Given.of("In 2024 Claude 3 Sonnet was studied, and later GPT-4.")
    def never(question: str) -> bool:
        return any(f.never and f.kind == "version" for f in focus_asked(question, given))
    assert never("were any features found in claude 3 opus?")
    assert never("What did Gemini 1.5 Pro do?")
    assert not never("were any features found in claude 3 sonnet?")
    assert not never("what did claude 3 show?")


def test_what_percentage_of_things_is_met_by_a_percentage_of_them(tmp_path):
    # "percentage" asks for a figure (92%), not for the word: the passage need not say it.
    tutor = Tutor(load_lesson(write_lesson(tmp_path, """
        Ferries link the islands.

        ## Crossings

        In the board's survey the new ferries kept to their timetable on 92% of winter crossings,
        against 61% for the old ones.
        """, 'id = "ferries"\ntitle = "Ferries"')))
    for question in ("What percentage of winter crossings did the new ferries keep to their timetable on?",
                     "What share of crossings did the new ferries keep to their timetable on?"):
        answer = tutor.ask(question)
        assert answer.covered and answer.sources[0].section_number == 1, answer.text


def test_a_renaming_is_said_by_the_old_name_until_a_date(tmp_path):
    # "the X (the Y until 2025)" says when Y was renamed, as "renamed in 2025" would.
    tutor = Tutor(load_lesson(write_lesson(tmp_path, """
        Lamps are kept by an office.

        ## Who keeps the lamps

        The Coast Lamp Agency (the Lighthouse Office until March 1990) keeps the lamps today. The
        harbour board kept them until the war.
        """, 'id = "lamps"\ntitle = "Lamps"')))
    answer = tutor.ask("When was the Lighthouse Office renamed?")
    assert answer.covered and answer.sources[0].section_number == 1, answer.text


STATION = """
    ## Origins

    The Fair Isle station began in 1892 under James Brown, the board's engineer.

    ## Lamps

    A trial compared paraffin lamps with electric ones, and found the two gave similar light at sea.

    ## Company

    The keepers' only company came through the supply boat, apart from a few visiting scientists.
    The lamp turned faster at the same moment as the fog signal sounded.
"""


@pytest.mark.parametrize(("question", "section"), [
    ("Who was in charge when the Fair Isle station began?", 1),  # "under James Brown"
    ("Did electric lamps do as well as paraffin ones in the trial?", 2),  # a comparison, not "also"
    ("Apart from the supply boat, what other company did the keepers have?", 3),  # "apart from"
    ("When did the lamp turn faster, and what else happened at that moment?", 3),  # "at the same moment as"
])
def test_what_a_question_asks_for_is_met_in_other_words(tmp_path, question, section):
    tutor = Tutor(load_lesson(write_lesson(tmp_path, STATION, 'id = "station"\ntitle = "A station"')))
    answer = tutor.ask(question)
    assert answer.covered and answer.sources[0].section_number == section, answer.text


def test_which_of_the_things_asks_for_the_things():
    which = [f for f in focus_asked("which of the planted-backdoor models held on most stubbornly", Given.of(""))
             if f.kind == "which"]
    assert which and which[0].head == "models" and "the" not in which[0].words


def test_the_thing_asked_about_stops_at_its_verb():
    which = [f for f in focus_asked("which claude model was used to build the sleeper agents", Given.of(""))
             if f.kind == "which"]
    assert which and which[0].head == "model" and which[0].words == ("claude",)


COUNTED = """
    ## Trials

    The board tested two lamp designs at sea, and the keepers preferred the brighter one.

    ## Crews

    The board trained three crews of keepers: the Bell Rock crew, the Fair Isle crew and the Oban crew.

    ## Signals

    Over the years the board used four signals, and listed them in its log:

    - a bell;
    - a gun;
    - a horn;
    - a light.
"""


@pytest.mark.parametrize(("question", "covered"), [
    ("What were the two lamp designs the board tested?", False),  # counted, never named
    ("What were the three crews of keepers?", True),  # named after a colon
    ("What are the four signals?", True),  # the sentence leads into its list
])
def test_a_list_the_lesson_only_counts_is_not_given(tmp_path, question, covered):
    tutor = Tutor(load_lesson(write_lesson(tmp_path, COUNTED, 'id = "counted"\ntitle = "Counted"')))
    assert tutor.ask(question).covered is covered


FERRY_COMPANY = """
    Who runs the ferries.

    ## The company

    The Lake Ferry Company changed its name to Valley Ferries in 2001, and its fares have increased since 2005. Its boats grew larger
    after 1990, and the crossings got slower. The boats were hardest to steer in fog, for
    crews trained to reason about the ice.

    ## The timetable

    Crossings were probably longer in 1980.

    The timetable was cut in 1995 because fewer people crossed in winter. The company switched on
    its night lights in 2003 as a precaution: no ship had yet been hit in the dark.

    ## The crews

    Its crews were recruited only from the valley.
"""


@pytest.mark.parametrize("question, covered", [
    ("Why did the Lake Ferry Company change its name to Valley Ferries?", False),  # when, never why
    ("Why did the crossings get slower after 1990?", False),
    ("Why were the boats hardest to steer in fog?", False),  # "trained to reason" gives no reason
    ("Why have the fares increased?", False),
    ("Why were crossings longer in 1980?", False),  # "probably" hedges, it gives no reason  # "since 2005" is a time, not a reason
    ("Why was the timetable cut in 1995?", True),  # "because ..."
    ("Why did the company switch on its night lights in 2003?", True),  # "as a precaution"
    ("Why did the company only recruit crews from the valley?", False),  # a choice's motive, never given
    ("Why do the crews come from the valley in particular?", False),
])
def test_why_a_thing_changed_or_was_decided_needs_a_reason(tmp_path, question, covered):
    """"Why did X change its name / leave / choose Y / only recruit W?" asks for a reason: a sentence that only says it
    happened ("changed its name in 2001") does not answer it."""
    tutor = Tutor(load_lesson(write_lesson(tmp_path, FERRY_COMPANY, 'id = "company"\ntitle = "Company"')))
    answer = tutor.ask(question)
    assert answer.covered == covered, answer.text


@pytest.mark.parametrize("text, covered", [
    ("The ferry was built in 1990 and has carried 1.3 billion passengers since it was built.", False),
    ("The ferry was built in 1990 for 2 million pounds, and has carried many passengers since.", True),
])
def test_a_cost_is_a_sum_of_money_not_any_large_number(tmp_path, text, covered):
    """"How much did it cost to build?" is not answered by "1.3 billion passengers" (the lesson
    quoted "a 1.3 billion parameter InstructGPT model" for what InstructGPT cost to train)."""
    tutor = Tutor(load_lesson(write_lesson(tmp_path, "Boats on the lake.\n\n## The ferry\n\n" + text,
                                           'id = "ferry"\ntitle = "Ferry"')))
    answer = tutor.ask("How much did it cost to build the ferry?")
    assert answer.covered == covered, answer.text


def test_a_figure_about_one_model_is_not_one_about_another_of_the_same_family():
    """"How often did claude 3 opus sandbag?" was answered by "Claude Opus 4 ... on 22 May 2025":
    both say Claude and Opus, but a model's figures are its own version's."""
    from alignlearn.tutor.given import of_version

    question = "how often did claude 3 opus sandbag?"
    assert not of_version(question, "The first model deployed under ASL-3 was Claude Opus 4, on 22 May 2025.")
    assert of_version(question, "Claude 3 Opus complied in 14% of cases.")
    assert of_version("how often did the model comply?", "Claude Opus 4 complied once.")  # no version asked


@pytest.mark.parametrize(("sentence", "tells"), [
    ("Overlap causes interference, since reading one feature picks up the others.", False),  # a cause
    ("The claim has been tested since then on larger models.", True),
    ("Constitutions have changed since the paper.", True),
    ("The team still runs the evaluations.", True),
])
def test_how_things_stand_is_told_by_a_time_not_by_since_giving_a_cause(sentence, tells):
    status = next(pattern for kind, _, pattern in times_asked("has the claim since been confirmed?") if kind == "status")
    assert bool(status.search(sentence)) is tells


@pytest.mark.parametrize(("question", "sentence", "tells"), [
    # "deployment requirements" says nothing of whether it has ever paused
    ("has anthropic ever paused scaling?", "Each level brings stricter deployment requirements.", False),
    ("has anthropic ever paused scaling?", "Anthropic has never paused scaling.", True),
    ("is it deployed in production yet?", "The protocol was deployed in 2025.", True),  # asked of deployment
    ("did they ever release the autoencoders publicly?", "The autoencoders were released publicly.", True),
    # the question's own "published" is the premise, not how it stands since
    ("has the constitution been revised again since it was published?", "It was published in January 2026.", False),
    ("has the constitution been revised again since it was published?", "It has not been revised so far.", True),
])
def test_putting_a_thing_out_tells_how_it_stands_only_when_that_is_asked(question, sentence, tells):
    status = next(pattern for kind, _, pattern in times_asked(question) if kind == "status")
    assert bool(status.search(sentence)) is tells


HORIZONS = """
    ## Time horizons

    Time horizon: the length of task, in the time a skilled person needs for it, that a model
    completes half the time.

    Claude 3.7 Sonnet's time horizon came out at about an hour, and it doubles every seven months.

    GPT-4 was an earlier model, trained by another lab and released in March 2023.
"""


@pytest.fixture(scope="module")
def horizons(tmp_path_factory) -> Tutor:
    folder = tmp_path_factory.mktemp("horizons")
    return Tutor(load_lesson(write_lesson(folder, HORIZONS, 'id = "horizons"\ntitle = "Time horizons"')))


@pytest.mark.parametrize("question", ["What is GPT-4's time horizon?", "what is gpt-4's 50% time horizon",
                                      "How long is GPT-4's time horizon?"])
def test_a_named_models_own_figure_needs_a_sentence_about_that_model(horizons, question):
    answer = horizons.ask(question)  # the term's definition and Claude's figure are not GPT-4's
    assert not answer.covered, answer.text


def test_the_decline_of_a_models_figure_names_the_model(horizons):
    assert "does not give that for GPT-4" in horizons.ask("What is GPT-4's time horizon?").text


@pytest.mark.parametrize("question", ["What is Claude 3.7 Sonnet's time horizon?", "what is a time horizon?"])
def test_a_models_figure_the_lesson_gives_is_answered(horizons, question):
    assert horizons.ask(question).covered


def test_an_acronym_after_a_things_kind_names_it(tmp_path):
    text = """
    ## Hiding a skill

    A model could be tuned to hide a skill unless it was given a password, a trick that carried
    over to a held-out benchmark of hazardous knowledge, WMDP. Another trick was to use a
    benchmark of some kind.
    """
    tutor = Tutor(load_lesson(write_lesson(tmp_path, text, 'id = "hiding"\ntitle = "Hiding a skill"')))
    answer = tutor.ask("Which benchmark did the password trick carry over to?")
    assert answer.covered and "WMDP" in answer.text, answer.text


def test_a_thing_that_began_as_another_was_renamed(tmp_path):
    text = """
    ## The trust

    The Harbour Trust began as the Dock Society, a club of pilots, and took on the
    lighthouses later.

    The Harbour Trust keeps ten lighthouses on the east coast.
    """
    tutor = Tutor(load_lesson(write_lesson(tmp_path, text, 'id = "trust"\ntitle = "The trust"')))
    answer = tutor.ask("Is the Harbour Trust a different club from the Dock Society or the same club renamed?")
    assert answer.covered and "Dock Society" in answer.text, answer.text


def test_which_relevant_things_asks_for_the_things_not_the_word_relevant(tmp_path):
    text = """
    ## Survey

    The survey team walked the whole coast in 1990.

    The team also found hazards that may matter for safety: loose rails, broken lamps and
    slippery steps.
    """
    tutor = Tutor(load_lesson(write_lesson(tmp_path, text, 'id = "survey"\ntitle = "Survey"')))
    answer = tutor.ask("What safety-relevant hazards did the survey team find?")
    assert answer.covered and "loose rails" in answer.text, answer.text
