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

from alignlearn.tutor.passages import Ranked
from alignlearn.tutor.question import Query

REACH = 2  # the best passage or the next (measured: 3 declined 6 fewer near misses; 1 lost 30 answers)
# Acronyms any lesson writes, alone or plural ("why can't we tell the AI ..."): they name no subject.
_EVERYONES = frozenset({"ai", "ais", "llm", "llms", "lm", "lms", "ml", "agi"})


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
