"""The tutor: ranks a lesson's passages for a question and answers from them, or declines.

Ranking: each quotable passage's BM25 score, plus part of its paragraph's and its
section's, times the share of the question it meets (read with its paragraph and
section title), so a passage that meets one word of the question many times does not
beat one that meets all of it.

Confidence: half the share of the question the best passage meets, half the share
the lesson as a whole meets. Below ``THRESHOLD`` (chosen by the sweep in
tests/support/tutor_eval.py over the evaluation set in tests/data/tutor_eval.toml, not
guessed) the tutor says the lesson does not cover the question, and points to a
related lesson of the course, by title, when that lesson is confident, or else to
the closest section. The answer is only ever the lesson's own text.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import replace
from functools import cached_property

from alignlearn.course.lesson import Lesson
from alignlearn.tutor.answers import INTRODUCTION, Answer, declined, example_question, quoting, sources as quoted
from alignlearn.tutor.bm25 import BM25
from alignlearn.tutor.choosing import choose
from alignlearn.tutor.model import Endpoint, Sent, model_answer, sent_passages
from alignlearn.tutor.parts import ALL, Parts
from alignlearn.tutor.passages import Passage, Ranked, lesson_passages
from alignlearn.tutor.question import Query, add_terms, clean_question, read_question
from alignlearn.tutor.related import Related, about_elsewhere, lesson_about
from alignlearn.tutor.remedies import in_lesson_words, remedies_first
from alignlearn.tutor.focus import Focus, Given, focus_asked, focused
from alignlearn.tutor.course_words import CourseWords
from alignlearn.tutor.lacks import (Named, lesson_texts, missing, only_pointed_to, pointers, quoted_unknown, subject_unknown,
                                   term_asked, unnamed)
from alignlearn.tutor.given import of_version
from alignlearn.tutor.named_sections import details_in_passing, from_named_section
from alignlearn.tutor.slots import FIGURES, Slot, about, fills, in_scope, slot_asked
from alignlearn.tutor.shapes import (DATE_TOKEN, DATE_WORDS, SOURCES_TITLES, asks, compared_terms, dated, figured, printed,
                                     leads_names, named, named_part, opens_defining, people_before, wh_word, teaching_first,
                                     titled_list, whole_list, with_antecedent, with_outcome, with_reasons)
from alignlearn.tutor.thesaurus import Thesaurus, lesson_thesaurus
from alignlearn.tutor.spelling import Speller, name_forms
from alignlearn.tutor.words import fold, same_word, stem, stems, words

THRESHOLD = 0.42  # least confidence (0..1) that counts as an answer: python tests/support/tutor_eval.py
WHOLE_WEIGHT = 0.5  # how much a sentence's paragraph adds to its score
SECTION_WEIGHT = 0.3  # how much its section (title and text) adds
PASSAGE_SHARE = 0.5  # confidence: this much from the best passage, the rest from the whole lesson
INTRODUCTION_FACTOR = 0.5  # the introduction and big idea summarise; prefer the section that teaches
CODE_FACTOR = 0.5  # a code block, for "what is ...?" or "why ...?"
ASKED_TITLE_FACTOR = 4  # a section whose title asks the question ("Why it is structural"), in its words
UNWRITTEN_FACTOR = 0.7  # for "What is X?", a passage that has X's stems but not X as the learner wrote it
DEFINITION_FACTOR = 1.5  # a key term's definition, when the question names the term
PROXIMITY = 0.3  # how much a passage gains when the question's neighbouring words are near in it
NEAR_WORDS = 3  # near: this many meaningful words apart or fewer
NEAR_CANDIDATES = 30  # only the best-ranked passages are looked at this closely
WHO_FACTOR = 1.5  # a passage with names, for "who wrote ...?"
WHEN_FACTOR = 1.5  # a passage with a year, for "when ...?", "which year ...?"
POINT_SHARE = 0.3  # a decline points to the closest section when it has this share of the question's weight
TERM_WHO_FACTOR = 0.5  # a key term's definition, for "who ...?" or "when ...?": it says what, not who or when
FIGURE_FACTOR = 1.5  # a passage with a figure, for "how many ...?", "what percentage ...?"
NAME_CANDIDATES = 4  # a name, a title or code is looked for in this many of the best-ranked passages only
SLOT_CANDIDATES = 10  # a figure or a year: in the best passage's section and this many best-ranked
SENT_RATIO = 0.3  # model mode sends passages scoring at least this share of the best


class Tutor(CourseWords):
    """Answers questions about one lesson from its own text.

    Building a tutor indexes the lesson; ``ask`` can then run in a worker thread (one at a time:
    the first decline indexes the related lessons, see ``index_related``). ``course`` is only
    used to suggest a related lesson when this one does not cover a question. ``parts``
    switches off one way of meeting the learner's words, only to measure what it adds.
    """

    def __init__(self, lesson: Lesson, course=None, parts: Parts = ALL):
        self.lesson = lesson
        self.course = course
        self.parts = parts
        self._stemmer = stem if parts.stems else same_word
        texts = lesson_texts(lesson)
        self.speller = Speller(words(" ".join([*texts, *lesson.terms, *(s.title for s in lesson.sections)])),
                               lambda word: self._common(self._stemmer(word), 0), parts.spelling, name_forms(texts))
        self.given = Given.of("\n".join([*texts, *(s.title for s in lesson.sections), *lesson.terms, *lesson.terms.values()]))
        self.thesaurus: Thesaurus = lesson_thesaurus(lesson.terms, [*texts, *lesson.terms.values()], parts)
        self._analysed: dict[str, list[str]] = {}
        self.passages: list[Passage] = lesson_passages(lesson, self._mentions)
        self.tokens: list[list[str]] = [self._analyse(p.text) for p in self.passages]
        for number, people in people_before(self.passages).items():  # "In a 1975 paper ..., he observed"
            self.tokens[number] = [*self.tokens[number], *self._analyse(people)]
        self._analysed = {}
        self.dated = {p.number for p in self.passages if dated(p.text)}
        self.named = {p.number for p in self.passages if named(named_part(p))}
        self.figured = {p.number for p in self.passages if figured(p.text)}
        for number in self.dated:  # "which year?" meets "(Bai et al., 2022)"
            self.tokens[number] = [*self.tokens[number], DATE_TOKEN]
        if self.dated and parts.synonyms:
            for word in DATE_WORDS:
                self.thesaurus.expansions.setdefault(word, (DATE_TOKEN,))
        self.token_sets = [frozenset(tokens) for tokens in self.tokens]
        self.quotable = [p for p in self.passages if p.quotable]
        self.wholes = [p for p in self.passages if p.is_whole]
        self.list_sizes = Counter(p.group for p in self.wholes if p.kind == "item")  # items in each list
        self._whole_row = {p.number: row for row, p in enumerate(self.wholes)}
        self.units = BM25(self.tokens[p.number] for p in self.quotable)
        self.whole_index = BM25(self.tokens[p.number] for p in self.wholes)
        self.titles = {0: INTRODUCTION, **{s.number: s.title for s in lesson.sections}}
        self.source_lists = {number for number, title in self.titles.items() if fold(title).strip() in SOURCES_TITLES}
        # Its sections' titles and its tables' rows, which name their columns ("weakness Costly, biased")
        self.headings = [title for number, title in self.titles.items() if number] + [
            p.text for p in self.passages if p.kind == "row"]
        self.title_tokens = {number: frozenset(self.thesaurus.analyse(title)) for number, title in self.titles.items()}
        numbers = sorted(self.titles)
        self._section_row = {number: row for row, number in enumerate(numbers)}
        self.section_numbers = numbers
        section_tokens: list[list[str]] = [list(self.title_tokens[number]) * 2 for number in numbers]
        for passage in self.wholes:
            section_tokens[self._section_row[passage.section]].extend(self.tokens[passage.number])
        self.section_index = BM25(section_tokens)
        self._section_sets = [frozenset(tokens) for tokens in section_tokens]
        self.vocabulary = frozenset().union(*self.token_sets, *self.title_tokens.values())
        self.numbered = frozenset(token.partition("#")[0] for token in self.vocabulary if "#" in token)
        self.pointers = pointers([*texts, *lesson.terms.values(), *lesson.terms])
        self.bigrams = {pair for text in [*(p.text for p in self.wholes), *self.headings] for words in [self._stems(text)]
                        for pair in zip(words, words[1:])}  # to tell "Direct Preference Optimization", a title, is named
        vocabulary = [self.units.idf(token) for token in self.units.postings if not token.startswith("~")]
        self.typical_idf = statistics.median(vocabulary) if vocabulary else self.units.unseen_idf
        self.related = Related(lesson, course, lambda other: Tutor(other, parts=parts))
        self._spread: Counter[str] | None = None  # how many lessons of the course use each stem
        self._initials: frozenset[str] | None = None  # of every run of the lesson's words: "rlhf"
        # Each key term as a synonym of its definition's words: "tell people what they want to hear".
        self.definitions: list[tuple[str, frozenset[str]]] = []
        for term, definition in lesson.terms.items() if parts.terms else ():
            key = "~" + " ".join(term.casefold().split())
            token = key if key in self.thesaurus.concepts else (self._stems(term) or [""])[0]
            if token and self._idf(token) is not None:
                self.definitions.append((token, frozenset(self._stems(definition)) - frozenset(self._stems(term))))

    def _stems(self, text: str) -> list[str]:
        return stems(text, self._stemmer)

    def _analyse(self, text: str) -> list[str]:
        if text not in self._analysed:
            self._analysed[text] = self.thesaurus.analyse(text)
        return self._analysed[text]

    def _mentions(self, term: str, text: str) -> int:
        form = self._stems(term)
        tokens = self._analyse(text)
        concept = "~" + " ".join(term.casefold().split())
        count = sum(1 for at in range(len(tokens)) if form and tokens[at : at + len(form)] == form)
        return max(count, tokens.count(concept))

    # --- ranking ----------------------------------------------------------------

    def query(self, question: str) -> Query:
        question = in_lesson_words(self.speller.fix(question), lambda word: set(self._stems(word)) <= self.vocabulary,
                                   lambda word: any(set(self._stems(word)) <= set(self._stems(heading))
                                                    for heading in self.headings))
        query = read_question(question, self.thesaurus, self._idf, self.typical_idf,
                              self.units.unseen_idf, self._lesson_has, self.numbered)
        query.asks = replace(asks(question), compared=tuple(compared_terms(question, self.lesson.terms)))
        add_terms(query, self.definitions)
        return query

    def _idf(self, token: str) -> float | None:
        if self.units.knows(token) or self.whole_index.knows(token):
            return self.units.idf(token)
        return None

    def _lesson_has(self, name: tuple[str, ...]) -> bool:
        if len(name) == 1:
            return self._idf(name[0]) is not None
        return all(pair in self.bigrams for pair in zip(name, name[1:]))

    def _names(self, query: Query, term: str) -> bool:
        """Whether the question names a key term, by any of the lesson's names for it."""
        form = self._stems(term)
        key = "~" + " ".join(term.casefold().split())
        named = {token for token in query.weights if token not in query.implied}
        return key in named or bool(form) and all(token in named for token in form)

    def context(self, passage: Passage) -> frozenset[str]:
        """What a passage is read with: itself, its paragraph and its section's title."""
        return self.token_sets[passage.number] | self.token_sets[passage.whole] | self.title_tokens[passage.section]

    def rank(self, query: Query) -> list[Ranked]:
        units = self.units.scores(query.weights)
        wholes = self.whole_index.scores(query.weights)
        sections = self.section_index.scores(query.weights)
        ranked = []
        numbered_list = query.asks.list and any("#" in token for token in query.weights)
        # "What are the mitigations?": a section whose title alone has the words, its text is the answer
        titled = {number for number, tokens in self.title_tokens.items() if number and tokens
                  and any(c.met_by(tokens, query.names_in_lesson) for c in query.clauses)}
        asked = frozenset(token for clause in query.clauses for token in clause.tokens)
        # "What is ownership?" in a book, which has no key terms: the sentence "Ownership is ..." defines it
        defined = bool(query.asks.term) and any(self._names(query, term) for term in self.lesson.terms)
        # "Why is specification gaming structural?" and the section "Why it is structural": the title asks it
        asked_title = {number for number in titled if query.asks.wh and wh_word(self.titles[number]) == query.asks.wh
                       and self.title_tokens[number] <= asked}
        # "what trigger did the sleeper agents use?", "which models ...", "who built ...": another thing asked about
        # the term, which its definition seldom gives
        wh_other = not query.asks.definition and query.asks.wh in ("what", "which", "who", "when", "where")
        written = (re.compile(r"\b" + r"\W+".join(map(re.escape, query.asks.term.split())) + r"\b", re.IGNORECASE)
                   if query.asks.term else None)
        for row, passage in enumerate(self.quotable):
            own = units.get(row, 0.0)
            whole = wholes.get(self._whole_row[passage.whole], 0.0)
            if (not own and not whole and passage.section not in titled  # nor "how do you borrow?" by "error[E0382]: ..."
                    or query.asks.wh == "how" and not query.asks.output and printed(self.passages[passage.whole])):
                continue
            section = sections.get(self._section_row[passage.section], 0.0)
            coverage = query.coverage(self.context(passage))
            score = (own + WHOLE_WEIGHT * whole + SECTION_WEIGHT * section) * coverage
            if passage.section in asked_title:
                score *= ASKED_TITLE_FACTOR
            if passage.section == 0 and len(self.titles) > 1:
                score *= INTRODUCTION_FACTOR
            if (query.asks.definition or query.asks.why) and self.passages[passage.whole].kind == "code":
                score *= CODE_FACTOR  # "what is a borrow?": a compiler's output names it, the text explains it
            if written is not None and not written.search(passage.text):
                score *= UNWRITTEN_FACTOR  # "what is interpretability?": not "principles interpreted by a model"
            if (passage.term and self._names(query, passage.term) and not query.asks.why and not wh_other
                    or not passage.term and not defined and opens_defining(passage.text, query.asks.term)):
                score *= DEFINITION_FACTOR
            if passage.term and query.asks.wh in ("who", "when") and not query.asks.definition:
                score *= TERM_WHO_FACTOR
            if query.asks.who and passage.number in self.named:
                score *= WHO_FACTOR
            if query.asks.when and passage.number in self.dated:
                score *= WHEN_FACTOR
            if query.asks.figure and passage.number in self.figured:
                score *= FIGURE_FACTOR
            if numbered_list:  # "the steps in phase one": the list that meets all of it, not phase two's
                score *= coverage
            ranked.append(Ranked(passage, score, coverage))
        ranked.sort(key=lambda r: (-r.score, r.passage.number))
        if PROXIMITY and len(query.clauses) > 1:
            for item in ranked[:NEAR_CANDIDATES]:
                if self.passages[item.passage.whole].kind in ("paragraph", "item") and item.passage.section:
                    item.score *= 1 + PROXIMITY * query.nearness(self.tokens[item.passage.number], NEAR_WORDS)
            ranked.sort(key=lambda r: (-r.score, r.passage.number))
        lesson = query.coverage(self.vocabulary)
        for item in ranked:
            item.confidence = PASSAGE_SHARE * item.coverage + (1 - PASSAGE_SHARE) * lesson
        return ranked

    def closest_section(self, query: Query) -> int | None:
        scores = self.section_index.scores(query.weights)
        if not scores:
            return None
        row = max(scores, key=lambda r: (scores[r], -r))  # and none for a word or two met by chance ("recipe")
        return self.section_numbers[row] if query.coverage(self._section_sets[row]) >= POINT_SHARE else None

    def confidence(self, question: str) -> float:
        """The best passage's confidence; 0 when the lesson lacks what the question asks about."""
        ranked = self._answering(question, self.query(question))[0]
        return ranked[0].confidence if ranked else 0.0

    def _answering(self, question: str, query: Query) -> tuple[list[Ranked], Slot | Focus | Named | None]:
        """The passages ranked for answering, best first, and the slot (``tutor.slots``) no passage fills
        when that is why there are none: none when the lesson lacks what the question asks about,
        however much of its wording it has (``alignlearn.tutor.lacks``)."""
        ranked, question = self.rank(query), self.speller.fix(question)
        if not ranked:
            return [], None
        best = ranked[0]
        absent = missing(query, self.vocabulary)
        if unnamed(query, absent, self.context(best.passage), self.spread, question) or quoted_unknown(
                question, lambda phrase: self._lesson_has(tuple(self._stems(phrase))), self._uses):
            return [], None
        if (elsewhere := self._named_elsewhere(question)) is not None:
            return [], elsewhere
        asked_term = term_asked(question) or []
        term = {self._stemmer(word) for word in asked_term}
        if subject_unknown(question, self._uses) or any(not c.tokens.isdisjoint(term) for c in absent) or (
                term and only_pointed_to(asked_term, self.pointers)):
            return [], None
        slot, focus = slot_asked(question), focus_asked(question, self.given)  # "how exactly does PPO work?": named in passing
        if slot is None and details_in_passing(question, query, [self.token_sets[p.number] for p in self.wholes]) or not (
                ranked := from_named_section(query, ranked, self.vocabulary, self._section_sets, self._section_row, THRESHOLD)):
            return [], None  # "Which classifiers does Anthropic use?", from a section that never names Anthropic
        best = ranked[0]
        if any(f.never for f in focus):
            return [], focus[0] if best.confidence >= THRESHOLD else None
        if slot is None and not focus:
            return ranked, None
        if slot is not None and any(c.named for c in absent):  # a figure, name or year of a thing never named
            return [], None
        subjects = [c for c in query.clauses if c.named]
        reach = NAME_CANDIDATES if slot is None or slot.kind not in FIGURES else SLOT_CANDIDATES
        candidates = (r for at, r in enumerate(ranked) if r.confidence >= THRESHOLD and (at < reach or slot is not None
                      and (r.passage.section == best.passage.section and slot.kind in FIGURES
                           or slot.typed and r.confidence >= best.confidence)))  # a name of a type: any passage as good
        filled = next((r for r in candidates if (slot is None or self._fills(slot, question, r.passage, subjects, query))
                       and self._meets(focus, query, r)), None)
        if filled is None:
            unfilled = slot or next((f for f in focus if not self._meets([f], query, best)), None)
            return [], unfilled if best.confidence >= THRESHOLD else None
        return [filled, *(r for r in ranked if r is not filled)], None

    def _uses(self, word: str) -> bool:  # whether the lesson uses a form of ``word``
        return self._idf(self._stemmer(word)) is not None

    def _meets(self, focus: list[Focus], query: Query, item: Ranked) -> bool:
        """Whether a passage says what the question is about (``alignlearn.tutor.focus``)."""
        known = (self.vocabulary | {t for c in query.clauses for t in c.tokens if self._common(t)}  # the course's "RLHF"
                 if any(f.anywhere for f in focus) else frozenset())
        whole = self.passages[item.passage.whole]
        members = self.list_sizes.get(whole.group, 0) if whole.kind == "item" else 0
        return focused(focus, query, self._stemmer, self.context(item.passage), whole.text, known, item.passage.text,
                       self.token_sets[item.passage.number], members)

    def _fills(self, slot: Slot, question: str, passage: Passage, subjects: list, query: Query) -> bool:
        """Whether ``passage`` holds what the question's slot asks for; a figure or a year in a
        paragraph that names the question's named subjects (GPT-4's, not another model's)."""
        if slot.kind == "name" and leads_names(self.passages, self.passages[passage.whole]):
            return True  # "Who works on it? ... A rough map:" and a list of "Anthropic: ..."
        code = self.passages[passage.whole].kind == "code"
        text = named_part(passage) if slot.kind == "name" or passage.kind != "row" else passage.text  # not a term's own name
        return fills(slot, text, question, code, self._common) and about(
            slot, passage.text, subjects, self.token_sets[passage.number], self.context(passage),
            query.names_in_lesson) and (slot.kind not in FIGURES or of_version(question, passage.text)
                                         and in_scope(question, self.token_sets[passage.number], self._stemmer))

    # --- answering --------------------------------------------------------------

    def ask(self, question: str) -> Answer:
        """The answer to ``question`` from this lesson's text; never raises for any text."""
        asked = clean_question(question)
        if not asked:
            return Answer(question=asked, covered=False,
                          text=f"Ask a question about \u201c{self.lesson.title}\u201d, for example: {self.example}")
        if not self.quotable:
            return Answer(question=asked, covered=False,
                          text="This lesson has no text yet, so there is nothing to answer from.")
        query = self.query(asked)
        if not query.clauses:
            return Answer(question=asked, covered=False, text="I could not find a question in that. Try a few "
                          f"words about the lesson, for example: {self.example}")
        ranked, unfilled = self._answering(asked, query)
        best = ranked[0] if ranked else None
        if best is None or best.confidence < THRESHOLD:
            return self._decline(asked, query, best.confidence if best else 0.0, unfilled)
        ranked = teaching_first(ranked, self.source_lists, THRESHOLD)
        ranked = remedies_first(asked, query, ranked, self.titles, self.wholes, self.context)
        best = ranked[0]
        asks = query.asks
        best_or_titled = titled_list(query, best.passage, self.passages[best.passage.whole], self.section_numbers,
                                     self.title_tokens, self.wholes, best.coverage >= 1.0)
        sources = whole_list(self.passages, best_or_titled, asks.members, self.lesson.id, self.titles,
                             slot=asks.who or asks.when or asks.figure)
        if not sources:
            chosen = with_outcome(self.passages, choose(self, query, ranked, THRESHOLD), asked)
            chosen = with_reasons(self.passages, self.wholes, with_antecedent(self.passages, chosen), asks.why)
            sources = quoted(self.lesson.id, self.titles, chosen, self.passages, in_order=bool(chosen[0].term))
        text = quoting(sources)
        return about_elsewhere(Answer(question=asked, covered=True, text=text, sources=sources,
                                      confidence=round(best.confidence, 3)), self.course, self.lesson)

    def sent(self, question: str) -> list[Sent]:
        """The passages model mode sends (``alignlearn.tutor.model.sent_passages``)."""
        return sent_passages(self.rank(self.query(clean_question(question))), self.passages, self.titles, SENT_RATIO)

    def ask_model(self, question: str, endpoint: Endpoint, on_text=None, cancel=None) -> Answer:
        """Model mode: the extractive decline stands; else the model answers over ``sent``."""
        extractive = self.ask(question)
        if not extractive.covered:
            return extractive
        return model_answer(extractive, self.sent(question), extractive.question, endpoint, self.lesson.id, on_text, cancel)

    def _decline(self, asked: str, query: Query, confidence: float,
                 unfilled: Slot | Focus | Named | None = None) -> Answer:
        """Points to a related lesson, or to the closest section; says what the lesson does not
        give when it covers the subject but not the figure, name or year asked for (``unfilled``);
        for a name another lesson teaches (``Named``), points to that lesson."""
        about = None if unfilled and not isinstance(unfilled, Named) else lesson_about(asked, self.course, self.lesson)
        if isinstance(unfilled, Named):  # "What is X?": the lesson about X, before the first to mention it
            info = about or self.course.info(unfilled.lessons[0])
            return declined(asked, confidence, self.example, info, mentions=unfilled.written)
        if about is not None:
            return declined(asked, confidence, self.example, about)
        related = None if unfilled else self.related.better(asked, confidence, THRESHOLD)
        section = None if related is not None else self.closest_section(query)
        label = "" if section is None else "the introduction" if section == 0 else f"Section {section}: {self.titles[section]}"
        return declined(asked, confidence, self.example, related and related.lesson, section, label,
                        unfilled.what if unfilled else "")

    example = cached_property(lambda self: example_question(self.lesson, lambda q: self.confidence(q) >= THRESHOLD))  # on first use

    def index_related(self) -> None:
        """Index the related lessons now (a few ms each), not on the first decline, and count the course's
        words for the names rule: the reader calls this in the worker that builds the tutor."""
        self.related.index()
        self.spread()

