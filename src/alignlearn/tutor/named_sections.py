"""A question that names something the lesson names is answered from a section that names it.

"Which classifiers does Anthropic use to screen inputs?" met every word of a sentence in
the lesson's pipeline section ("... safeguards, such as classifiers that screen inputs and
outputs"), a section that never says Anthropic; "What loss function does Direct Preference
Optimization minimise?" met "the loss" in a section that never names it. The answer then
speaks of something else. So the answer comes only from sections that name every name the
question asks about and the lesson has, and one of the two best-ranked passages must be
from such a section: failing both, the lesson does not say it of that thing, and the
tutor declines.
"""

from __future__ import annotations

import re

from alignlearn.tutor.passages import Ranked
from alignlearn.tutor.question import Query

REACH = 2  # the best passage or the next (measured: 3 declined 6 fewer near misses; 1 lost 30 answers)
# Acronyms any lesson writes, alone or plural ("why can't we tell the AI ..."): they name no subject.
_EVERYONES = frozenset({"ai", "ais", "llm", "llms", "lm", "lms", "ml", "agi"})
_DETAILS = re.compile(r"\b(?:exact|exactly|actual|specific|specifically|precisely)\b", re.IGNORECASE)
PASSING = 2  # paragraphs (measured on the tuning sets: 1 declined 7 near misses, 2 declined 11, 3 lost answers)


def from_named_section(query: Query, ranked: list[Ranked], vocabulary: frozenset[str], section_words: list[frozenset[str]],
                       section_row: dict[int, int], threshold: float) -> list[Ranked]:
    """The passages of ``ranked`` from sections (their words: ``section_words`` at a passage's
    ``section_row``) that name the question's names (those in the lesson's ``vocabulary``), or
    [] when neither of the best ``REACH`` passages confident enough (``threshold``) is one."""
    names = [c for c in query.clauses if c.named and not c.tokens <= _EVERYONES
             and c.met_by(vocabulary, query.names_in_lesson)]

    def names_all(item: Ranked) -> bool:
        words = section_words[section_row[item.passage.section]]
        return all(c.met_by(words, query.names_in_lesson) for c in names)

    if not names or not ranked or names_all(ranked[0]):
        return ranked
    if not any(r.confidence >= threshold and names_all(r) for r in ranked[:REACH]):
        return []
    return [r for r in ranked if names_all(r)]


def details_in_passing(question: str, query: Query, paragraphs: list[frozenset[str]]) -> bool:
    """Whether ``question`` asks for the details of a thing it names that the lesson names in at
    most ``PASSING`` of its ``paragraphs`` (their words)."""
    names = [c.tokens for c in query.clauses if c.named and not c.tokens <= _EVERYONES]
    return bool(names and _DETAILS.search(question)) and all(
        sum(name <= words for words in paragraphs) <= PASSING for name in names)
