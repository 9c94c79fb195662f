"""Which passages an answer quotes: the best one, and the second and third that add to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alignlearn.tutor.passages import Passage, Ranked, overlaps
from alignlearn.tutor.question import Query
from alignlearn.tutor.answers import MAX_ANSWER_CHARS
from alignlearn.tutor.shapes import definition_passages

if TYPE_CHECKING:
    from alignlearn.tutor.tutor import Tutor

SECOND_RATIO = 0.6  # a second or third passage must score this share of the best
SECOND_COVERAGE = 0.6  # and meet this share of the part of the question the best passage meets
MAX_SOURCES = 3


def choose(tutor: "Tutor", query: Query, ranked: list[Ranked], threshold: float) -> list[Passage]:
    """The passages to quote: the best, and up to two more that score near it, meet most of what it
    meets, and add to it; a definition question's term with the sentence that teaches it."""
    best, pair = ranked[0], [p for term in query.asks.compared for p in tutor.wholes if p.term == term]
    if (query.asks.definition and not query.asks.contrast and best.passage.term and tutor._names(query, best.passage.term)
            or len(pair) == 2):
        return pair if len(pair) == 2 else definition_passages(best.passage, [r.passage for r in ranked],
                                                               tutor.passages, tutor._mentions)
    chosen, names = [best.passage], query.names_in_lesson
    answered = [c for c in query.clauses if c.met_by(tutor.context(best.passage), names)]
    titled = all(  # a question in the words of the best passage's section title is that section's alone
        c.met_by(tutor.title_tokens[best.passage.section], names) for c in answered)
    weight = sum(c.weight for c in answered) or 1.0
    for item in ranked[1:]:
        if len(chosen) == MAX_SOURCES or item.score < SECOND_RATIO * best.score:
            break
        context = tutor.context(item.passage)
        shared = sum(c.weight for c in answered if c.met_by(context, names)) / weight
        if (item.confidence < threshold or shared < SECOND_COVERAGE or any(overlaps(item.passage, c) for c in chosen)
                or titled and item.passage.section != best.passage.section
                or tutor.passages[item.passage.whole].kind == "code"):  # a line of a diagram says little alone
            continue
        if sum(len(c.text) for c in chosen) + len(item.passage.text) > MAX_ANSWER_CHARS:
            continue
        chosen.append(item.passage)
    if all(c.section == 0 for c in chosen):  # the introduction only sums up: the section that teaches it too
        taught = next((r.passage for r in ranked if r.passage.section and r.confidence >= threshold), None)
        if taught is not None and sum(len(c.text) for c in chosen) + len(taught.text) <= MAX_ANSWER_CHARS:
            chosen = [*chosen[: MAX_SOURCES - 1], taught]
    return chosen
