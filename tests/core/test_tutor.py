"""The tutor's core: words, synonyms, passages, ranking and answers, on small lessons
written for each test and on the bundled seed lesson."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tutor_lessons import write_lesson

from alignlearn.course import load_lesson, open_course
from alignlearn.tutor import Answer, Tutor, clean_question
from alignlearn.tutor.answers import MAX_ANSWER_CHARS, shorten
from alignlearn.tutor.shapes import LIST_CHARS
from alignlearn.tutor.bm25 import BM25
from alignlearn.tutor.thesaurus import align, lesson_thesaurus, spelt_out
from alignlearn.tutor.words import sentences, stem, stems

COURSE = Path(__file__).resolve().parents[2] / "lessons"
SEED = COURSE / "alignment-technical-problem.md"


@pytest.fixture(scope="module")
def seed() -> Tutor:
    return Tutor(load_lesson(SEED))


@pytest.fixture(scope="module")
def course():
    return open_course(COURSE)


def lesson_text(tutor: Tutor) -> str:
    return " ".join(p.text for p in tutor.passages)


# --- words ---------------------------------------------------------------------------


@pytest.mark.parametrize("family", [
    ["optimise", "optimisation", "optimizing", "optimiser", "optimized"],
    ["prefer", "preference", "preferences", "preferred"],
    ["evaluate", "evaluation", "evaluations", "evals"],
    ["generalise", "generalisation", "generalization"],
    ["train", "training", "trained", "trains"],
    ["judge", "judges", "judging", "judgement"],
    ["model", "models", "modelling"],
    ["label", "labels", "labelling"],
    ["sycophancy", "sycophantic"],
    ["supervise", "supervision", "supervising"],
    ["bias", "biases", "biased"],
    ["spell", "spelled", "spelling", "spells", "spelt"],
    ["skill", "skills", "skilled"],
    ["write", "wrote", "written", "writing", "writes"],
    ["teach", "taught", "teaches", "teaching"],
    ["choose", "chose", "chosen", "chooses"],
    ["behaviour", "behavior", "behaviours", "behaviors"],
    ["favour", "favor", "favoured", "favored"],
    ["analyse", "analyze", "analysed", "analyzing"],
    ["pass", "passes", "passed"],
    # a verb made of a noun in -ion, -ment, -ist: "questioned" meets the lesson's "questions"
    ["question", "questions", "questioned", "questioning"],
    ["mention", "mentioned", "mentioning"],
    ["persist", "persisted", "persisting"],
    ["comment", "commented"],
    ["notice", "noticed", "noticing"],  # no noun in -ic: not "not"
])
def test_a_word_family_meets_at_one_stem(family):
    assert len({stem(word) for word in family}) == 1, {word: stem(word) for word in family}


@pytest.mark.parametrize("one, other", [("harm", "harmless"), ("skill", "skills")[::-1], ("reward", "rewrite"),
                                        ("basic", "based"), ("topic", "top"), ("logic", "log"),
                                        ("applied", "apps"), ("complied", "comp"), ("probes", "probability")])
def test_different_words_keep_different_stems_or_the_same_word_one(one, other):
    if one.rstrip("s") == other.rstrip("s"):
        assert stem(one) == stem(other)
    else:
        assert stem(one) != stem(other)


def test_a_verbs_forms_in_ply_share_its_stem_and_no_other_words():
    """"applied the usual techniques" is about applying, not about apps (an unknown "APPS dataset")."""
    assert stem("apply") == stem("applied") == stem("applies") == stem("applying") != stem("apps")
    assert stem("probe") == stem("probing") != stem("probabilities")
    assert stem("deeply") == stem("deep")


def test_stopwords_and_punctuation_drop_out():
    assert stems("What IS the point, of RLHF?!") == ["point", "rlhf"]


@pytest.mark.parametrize("text, expected", [
    ("One idea. Another one follows.", ["One idea.", "Another one follows."]),
    ("Work by Ouyang et al., 2022 showed it. Then more.", ["Work by Ouyang et al., 2022 showed it.", "Then more."]),
    ("Use e.g. a list. Done.", ["Use e.g. a list.", "Done."]),
    ('He said "stop." Then left.', ['He said "stop."', "Then left."]),
    ("no full stop at all", ["no full stop at all"]),
])
def test_sentences(text, expected):
    assert [piece for _, piece in sentences(text)] == expected


# --- synonyms ------------------------------------------------------------------------


def test_acronym_alignment_uses_every_word_and_skips_connectors():
    assert align("rlaif", "Reinforcement learning from AI feedback".split()) == [
        ("r", 0), ("l", 1), ("ai", 3), ("f", 4)]
    assert align("sft", "Supervised fine tuning".split()) is not None
    assert align("aisi", "renamed the AI Security Institute".split()) is None


@pytest.mark.parametrize("text, acronym, long", [
    ("We start with supervised fine-tuning (SFT) on examples.", "SFT", "supervised fine tuning"),
    ("The ARC (Alignment Research Center) tested it.", "ARC", "Alignment Research Center"),
    ("Then RLHF, reinforcement learning from human feedback, follows.", "RLHF",
     "reinforcement learning from human feedback"),
])
def test_spelt_out_acronyms_are_found_in_prose(text, acronym, long):
    found = {(a, " ".join(words).casefold()) for a, words in spelt_out(text)}
    assert (acronym, long.casefold()) in found


def test_rlaif_and_its_long_forms_meet():
    thesaurus = lesson_thesaurus(
        {"RLAIF": "Reinforcement learning from AI feedback: a model supplies the preference labels."}, [])
    for text in ["RLAIF", "RL from AI feedback", "reinforcement learning from AI feedback"]:
        assert "~rlaif" in thesaurus.analyse(text), text
    assert {"reinforc", "learn"} <= set(thesaurus.analyse("what is RL?"))


def test_a_field_acronym_meets_the_long_form_the_lesson_says():
    # "LLM" for a lesson that says "language model", never "large language model"
    said = lesson_thesaurus({}, ["The labels came from an off-the-shelf language model."])
    assert set(said.analyse("language model")) & set(said.analyse("LLM labels"))
    silent = lesson_thesaurus({}, ["The labels came from people."])
    assert not set(silent.analyse("language model")) & set(silent.analyse("LLM"))


def test_the_seed_lesson_answers_rlaif_however_it_is_named(seed):
    sections = set()
    for question in ["What is RLAIF?", "What is RL from AI feedback?",
                     "What is reinforcement learning from AI feedback?"]:
        answer = seed.ask(question)
        assert answer.covered, question
        assert any("RLAIF" in source.text for source in answer.sources), (question, answer.text)
        sections |= {source.section_number for source in answer.sources}
    assert 3 in sections  # "How alignment is done in practice"


# --- passages ------------------------------------------------------------------------


def test_every_kind_of_passage_knows_its_section_and_line(tmp_path):
    path = write_lesson(tmp_path, """
        This lesson starts with an introduction. A second sentence follows it here.

        ## Tables

        | Approach | Feedback source | Strength |
        |---|---|---|
        | RLHF | Paid human raters | Grounded in human preference |
        | Debate | Two AIs + judge | Uses AI ability |

        ## Lists

        - First item of the list. It has two sentences.
        - Second item.
        """, front='''
        id = "sample"
        title = "A sample lesson"
        big_idea = "Everything connects."
        [terms]
        Debate = "Two models argue while a person judges."
        Unused = "A term no section mentions."
        ''')
    tutor = Tutor(load_lesson(path))
    lines = path.read_text().splitlines()
    by_text = {p.text: p for p in tutor.passages}
    rlhf = by_text["RLHF: feedback source Paid human raters; strength Grounded in human preference"]
    assert (rlhf.kind, rlhf.section) == ("row", 1)
    assert rlhf.shown == "RLHF: feedback source: Paid human raters; strength: Grounded in human preference"  # as quoted
    assert lines[rlhf.line - 1].startswith("| RLHF")
    second = by_text["A second sentence follows it here."]
    assert (second.kind, second.section) == ("sentence", 0)
    item = by_text["First item of the list. It has two sentences."]
    assert (item.kind, item.section) == ("item", 2)
    assert lines[item.line - 1].startswith("- First item")
    assert by_text["Debate: Two models argue while a person judges."].section == 1  # used in section 1's table
    assert by_text["Unused: A term no section mentions."].section == 0
    assert by_text["Everything connects."].kind == "big_idea"


def test_a_sentence_with_a_link_in_its_first_words_knows_its_line(tmp_path):
    path = write_lesson(tmp_path, """
        ## Dates

        A first sentence opens the paragraph here.
        The first constitution was a list of principles. In
        [January 2026](https://www.anthropic.com/news/claude-new-constitution) a longer one
        replaced it. A third sentence, with [a link](https://example.org/a_b) inside, follows.
        """)
    by_text = {p.text: p for p in Tutor(load_lesson(path)).passages if p.kind == "sentence"}
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = {text: lines[p.line - 1] for text, p in by_text.items()}
    assert starts["In January 2026 a longer one replaced it."].endswith("principles. In")
    assert starts["A third sentence, with a link inside, follows."].startswith("replaced it. A third")


def test_a_sentence_knows_the_line_it_starts_on(seed):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    checked = 0
    for passage in seed.passages:
        if passage.kind == "sentence":
            first_words = " ".join(passage.text.split()[:2]).strip("\"'(")
            assert first_words in lines[passage.line - 1], (passage.line, passage.text)
            checked += 1
    assert checked > 50


# --- ranking -------------------------------------------------------------------------


def test_bm25_prefers_the_rarer_word_and_ignores_unknown_ones():
    index = BM25([["common", "rare"], ["common"], ["common", "other"]])
    scores = index.scores({"rare": 1.0, "common": 1.0, "absent": 1.0})
    assert max(scores, key=scores.get) == 0
    assert index.idf("rare") > index.idf("common")
    assert index.scores({"absent": 1.0}) == {}


# --- answers -------------------------------------------------------------------------


@pytest.mark.parametrize("question, section", [
    ("What does a model learn in pretraining?", 3),
    ("Why do models flatter the people rating them?", 5),
    ("How does debate work?", 6),
])
def test_an_answer_quotes_the_lesson_and_says_where(seed, question, section):
    answer = seed.ask(question)
    assert answer.covered
    assert section in {source.section_number for source in answer.sources}
    assert 1 <= len(answer.sources) <= 3
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for source in answer.sources:
        assert source.lesson_id == "alignment-technical-problem"
        assert source.section_title == seed.lesson.sections[source.section_number - 1].title
        assert source.label == f"Section {source.section_number}: {source.section_title}"
        assert source.text.rstrip("\u2026") in answer.text
        if source.kind not in ("term", "big_idea"):
            first_word = re.match(r"\W*(\w+)", source.text).group(1)
            assert first_word in lines[source.source_line - 1], (source.source_line, source.text)


def test_the_issues_own_examples_are_answered_from_the_section_that_answers_them(seed):
    """The questions issue 19 was written with, as a learner asked them, on the seed lesson."""
    why = seed.ask("Why can't we just spell out exactly what we want the model to do?")
    assert [s.section_number for s in why.sources] == [2]
    # "First, ... Second, ...": both reasons, not the first alone
    assert "First, people rarely share" in why.text and "Second, even a goal" in why.text
    values = seed.ask("Why is it so hard to decide what values to build in?")
    assert values.covered and {s.section_number for s in values.sources} & {2, 5}
    draft = seed.ask("In the constitutional AI loop, what does the model do with its own first draft?")
    assert 4 in {s.section_number for s in draft.sources} and "rewrite" in draft.text
    who = seed.ask("Who wrote the constitutional AI paper, and in which year?")
    assert "Bai et al., 2022" in who.text
    helpful = seed.ask("What goes wrong if a model will help with any request at all?")
    assert helpful.covered and helpful.sources[0].section_number == 2
    assert "happily help someone do something harmful" in helpful.text


def test_sources_come_in_reading_order_and_the_answer_is_short(seed):
    for question in ["What is RLHF?", "What are the open problems?", "Who works on alignment research?"]:
        answer = seed.ask(question)
        order = [(s.section_number, s.source_line) for s in answer.sources]
        assert order == sorted(order)
        limit = LIST_CHARS if [s.kind for s in answer.sources] == ["list"] else MAX_ANSWER_CHARS
        assert sum(len(s.text) for s in answer.sources) <= limit + 3


def test_answers_never_use_text_from_outside_the_lesson(seed, course):
    text = lesson_text(seed)
    tutor = Tutor(seed.lesson, course)
    for question in ["What is RLHF?", "What is a sparse autoencoder?", "Tell me about Goodhart's law",
                     "How do I bake bread?", "What does Apollo Research do?"]:
        answer = tutor.ask(question)
        for source in answer.sources:
            assert source.text.rstrip("\u2026") in text
        if answer.suggested_lesson:
            assert course.info(answer.suggested_lesson) is not None  # a related lesson, or the one about it
            assert course.info(answer.suggested_lesson).title in answer.text


def test_a_question_on_another_lesson_points_to_it_by_title(seed, course):
    answer = Tutor(seed.lesson, course).ask("What is a sparse autoencoder?")
    assert not answer.covered
    # the lesson whose sections teach it ("Sparse autoencoders"), not the related one that mentions it
    assert answer.suggested_lesson == "interpretability"
    assert "Interpretability: Looking Inside the Model" in answer.text
    assert answer.sources == ()


def test_without_a_course_a_decline_suggests_the_closest_section(seed):
    answer = seed.ask("What does MIRI say about the reward model?")
    assert not answer.covered
    assert answer.suggested_section is not None
    assert f"Section {answer.suggested_section}" in answer.text


def test_a_question_about_nothing_in_the_lesson_is_declined_plainly(seed):
    answer = seed.ask("How do I bake sourdough bread?")
    assert not answer.covered and answer.sources == ()
    assert "does not" in answer.text


def test_json_shape_follows_the_spec(seed):
    document = json.loads(json.dumps(seed.ask("What is RLHF?").as_dict()))
    assert set(document) == {"question", "covered", "answer", "sources", "mode", "suggested"}
    assert document["covered"] is True and document["suggested"] is None
    for source in document["sources"]:
        assert set(source) == {"lesson", "section", "title", "text"}
        assert isinstance(source["section"], int)


# --- edge cases ------------------------------------------------------------------------


@pytest.mark.parametrize("question", ["", "   ", "\n\t", "\x00\x1b[31m"])
def test_an_empty_question_gets_a_clear_message(seed, question):
    answer = seed.ask(question)
    assert not answer.covered and answer.sources == ()
    assert "Ask a question" in answer.text


@pytest.mark.parametrize("question", ["RLHF", "sycophancy", "Debate"])
def test_one_word_is_read_as_what_is_it(seed, question):
    answer = seed.ask(question)
    assert answer.covered
    assert question.casefold() in answer.text.casefold()


@pytest.mark.parametrize("question", ["the", "what?", "?!", "a b c"])
def test_a_question_of_only_small_words_asks_for_more(seed, question):
    answer = seed.ask(question)
    assert not answer.covered
    assert "could not find a question" in answer.text


@pytest.mark.parametrize("question", [
    "x " * 5000,
    "What is RLHF? " + "blah " * 2000,
    ("reward model " * 1000)[:10000],
])
def test_a_ten_thousand_character_question_is_answered_quickly_or_declined(seed, question):
    import time

    started = time.perf_counter()
    answer = seed.ask(question)
    assert time.perf_counter() - started < 0.5
    assert isinstance(answer, Answer)
    assert len(answer.text) < 1000


@pytest.mark.parametrize("question", [
    "[@click=app.quit] What is RLHF?",
    "[bold red]What is RLHF?[/]",
    "What is \x1b[2J\x1b[HRLHF?\x07",
    "What\u202e is RLHF\u200b?",
    "What\u2028is RLHF\u2029?",
    "<b>What</b> is <i>RLHF</i>?",
])
def test_markup_and_control_characters_are_only_text(seed, question):
    answer = seed.ask(question)
    assert answer.covered
    assert not any(ord(char) < 32 or char in "\u202e\u200b\x7f\u2028\u2029" for char in answer.question)
    assert not any(ord(char) < 32 and char != "\n" for char in answer.text)
    assert "RLHF" in answer.text


def test_clean_question_keeps_markup_as_text_but_drops_controls_and_escapes():
    assert clean_question("[b]hi[/b]\x1b[0m\n there\x1b]0;title\x07!") == "[b]hi[/b] there !"
    assert clean_question("\x00\x1b[31m\x1b[2J") == ""


def test_a_lesson_with_no_sections_answers_from_its_introduction(tmp_path):
    path = write_lesson(tmp_path, """
        Goodhart's law says that a measure made into a target stops measuring well.
        Optimisers find the gap between the proxy and the goal.
        """)
    tutor = Tutor(load_lesson(path))
    answer = tutor.ask("What does Goodhart's law say?")
    assert answer.covered
    assert [source.section_number for source in answer.sources] == [0]
    assert answer.sources[0].label == "Introduction"
    declined = tutor.ask("How do I bake bread?")
    assert not declined.covered and declined.suggested_section is None


def test_an_empty_lesson_says_there_is_nothing_to_answer_from(tmp_path):
    tutor = Tutor(load_lesson(write_lesson(tmp_path, "")))
    answer = tutor.ask("What is RLHF?")
    assert not answer.covered
    assert "no text" in answer.text


def test_a_lesson_of_only_headings_and_code_still_answers(tmp_path):
    path = write_lesson(tmp_path, """
        ## The loop

        ```
        1. The model answers a prompt.
        2. The model critiques its own answer.
        ```

        ## Empty section
        """)
    tutor = Tutor(load_lesson(path))
    answer = tutor.ask("What does the model critique?")
    assert answer.covered
    assert answer.sources[0].section_number == 1


def test_a_related_lesson_that_cannot_be_read_is_skipped(tmp_path):
    write_lesson(tmp_path, "## One\n\nRLHF uses human raters.\n", front='''
        id = "one"
        title = "One"
        related = ["two", "missing"]
        ''', name="one.md")
    (tmp_path / "two.md").write_text("+++\nid = \"two\"\ntitle = \"Two\"\n+++\n## Broken\n", encoding="utf-8")
    course = open_course(tmp_path)
    (tmp_path / "two.md").write_text("not a lesson any more", encoding="utf-8")
    answer = Tutor(course.lesson("one"), course).ask("What is a sparse autoencoder?")
    assert not answer.covered and answer.suggested_lesson is None


def test_shorten_cuts_at_a_word_and_marks_the_cut():
    assert shorten("short", 10) == "short"
    cut = shorten("one two three four five six seven", 16)
    assert cut.endswith("\u2026") and len(cut) <= 16 and cut[:-1] in "one two three four five six seven"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_gets_an_answer_never_an_error(seed, question):
    answer = seed.ask(question)
    json.dumps(answer.as_dict())
    assert answer.text
    assert len(answer.sources) <= 3


def test_the_core_never_imports_textual():
    code = "import sys, alignlearn.tutor, alignlearn.commands.ask; assert 'textual' not in sys.modules, sorted(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_what_an_acronym_stands_for_is_its_definition(seed):
    """"stand" and "for" are the question's shape, not words for a passage to meet: the
    question fell under the threshold, though the lesson defines the acronym."""
    answer = seed.ask("What does RLHF stand for?")
    assert answer.covered and answer.sources[0].kind == "term"
    assert "Reinforcement learning from human feedback" in answer.text


def test_a_decline_pointing_to_a_section_titled_with_a_question_does_not_end_in_two_marks():
    from alignlearn.tutor.answers import declined

    answer = declined("Who founded it?", 0.5, "What is X?", None, 3, "Section 3: Can training remove it?", "that name")
    assert answer.text.endswith("Section 3: Can training remove it?")
    assert declined("Q?", 0.5, "E?", None, 2, "Section 2: Keepers", "").text.endswith("Section 2: Keepers.")


def test_the_example_question_writes_the_term_as_the_prose_does_and_is_answered():
    from alignlearn.course import open_course
    from alignlearn.tutor.answers import example_question

    course = open_course(Path(__file__).resolve().parents[2] / "lessons")
    asked = {}
    for info in course.lessons:
        lesson = course.lesson(info.id)
        asked[info.id] = example_question(lesson)
        assert Tutor(lesson, course).ask(asked[info.id]).covered, asked[info.id]
    assert asked["deceptive-alignment-and-control"] == "What is deceptive alignment?"  # not "Deceptive alignment"
    assert asked["constitutional-ai-deep-dive"] == "What is a constitution?"
    assert asked["specification-gaming-and-goodhart"] == "What is Goodhart's law?"  # a name keeps its capital


def test_a_folder_lessons_example_question_is_one_the_tutor_answers(tmp_path):
    """In a folder of notes (no key terms) a decline suggested 'What does “Tools and Code” say?',
    and declined that too: "what does X say?" wanted a verb of saying, and a title's words in a row
    were no name the lesson has. The reader's tutor went round in a loop."""
    from alignlearn.course import open_course

    (tmp_path / "01-intro.md").write_text("# Intro\n\nGardens need care.\n\n## Soil\n\nLoam is a soil of sand.\n")
    (tmp_path / "02-tools.md").write_text("# Tools and Code\n\nA spade and a fork are the basic tools.\n\n"
                                          "## Planting\n\nPlant seeds in spring.\n")
    course = open_course(tmp_path)
    tools = Tutor(course.lesson("02-tools"), course)
    declined = tools.ask("what is a compost heap?")
    assert not declined.covered and tools.example in declined.text
    for question in (tools.example, "What does “Tools and Code” say?", "What does “Planting” say?",
                     "What does the lesson say about planting?"):
        assert tools.ask(question).covered, question
    # a person's saying still needs a sentence that says it
    assert not tools.ask("What does Monty Don say about planting?").covered


def test_who_came_up_with_a_law_is_answered_by_the_passage_that_credits_someone(course):
    """"Who came up with Goodhart's law?" quoted the key term's definition, which says what the
    law is, not whose it is; "came up with" and "credited" ask whose idea it was."""
    goodhart = Tutor(course.lesson("specification-gaming-and-goodhart"), course)
    first = goodhart.ask("Who came up with Goodhart's law?").text.split("\n\n")[1]
    assert "Charles Goodhart" in first


def test_who_wrote_a_paper_is_not_answered_by_a_table_row_whose_cells_start_with_capitals(course):
    """"Who wrote the constitutional AI paper?" quoted a comparison table's rows ("Human raters",
    "A written document"): a cell's first capital names no one. The introduction names Bai and
    colleagues."""
    cai = Tutor(course.lesson("constitutional-ai-deep-dive"), course)
    assert "Bai and colleagues" in cai.ask("Who wrote the constitutional AI paper?").text


def test_a_sentence_about_he_is_found_by_the_name_of_the_person_named_just_before(course):
    """"When did Goodhart write his paper?" quoted Strathern's 1997 paper: the 1975 sentence says
    "he", after the one that names Charles Goodhart. It is found by his name, and quoted after it."""
    goodhart = Tutor(course.lesson("specification-gaming-and-goodhart"), course)
    first = goodhart.ask("When did Goodhart write his paper?").text.split("\n\n")[1]
    assert first.startswith("The idea is usually credited to the British economist Charles Goodhart.")
    assert "1975" in first


def test_a_decline_points_to_a_section_only_when_it_has_much_of_the_question(seed):
    """"best recipe for sourdough bread?" was sent to "How alignment is done in practice" for its
    word "recipe" (the RLHF recipe): a pointer to a section that meets a word or two by chance
    misleads (found by a new-user walkthrough)."""
    for question in ("best recipe for sourdough bread?", "Who won the football World Cup in 2022?"):
        answer = seed.ask(question)
        assert not answer.covered and answer.suggested_section is None and "Section" not in answer.text


def test_how_to_fix_a_thing_the_lesson_never_speaks_of_is_declined(course):
    """"how do I fix my bike chain?" was answered with the lesson's mitigations for reward hacking,
    for its word "chain" (chain of thought)."""
    goodhart = Tutor(course.lesson("specification-gaming-and-goodhart"), course)
    assert not goodhart.ask("how do I fix my bike chain?").covered
    assert goodhart.ask("how do I fix my reward model?").covered


def test_a_question_about_the_learners_own_thing_the_lesson_never_speaks_of_is_declined(course):
    """"how do i make my sourdough starter more active" was answered from a passage on active
    learning for "make" and "active"."""
    full = Tutor(course.lesson("alignment-full-technical-picture"), course)
    assert not full.ask("how do i make my sourdough starter more active").covered
    assert full.ask("how do I make my reward model harder to game?").covered  # the lesson's own thing


def test_vs_sets_two_things_side_by_side_and_is_no_word_a_passage_must_meet(tmp_path):
    assert stems("ASL-2 vs ASL-3, what's the difference?") == stems("ASL-2 versus ASL-3: the difference?")
    assert "vs" not in stems("debate vs amplification")
    text = """
    ## Levels

    Level one needs a locked door. Level two needs a locked door and a guard, which is the
    difference between the two levels.
    """
    tutor = Tutor(load_lesson(write_lesson(tmp_path, text, 'id = "levels"\ntitle = "Levels"')))
    answer = tutor.ask("level one vs level two, what's the difference")
    assert answer.covered and "guard" in answer.text, answer.text
