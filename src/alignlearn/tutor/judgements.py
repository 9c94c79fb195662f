"""A judgement between two things ("Is X stricter than Y?", "Which is more dangerous, X or Y?",
"Did A do as well as B?", "Is X or Y cheaper?", "Which matters more, X or Y?", "Whose tests are more
reliable, X's or Y's?"), which only a sentence that compares gives: one with "than", "unlike",
"whereas", "outscoring", "both", "fewer"... or the question's own comparative ("harder").

A lesson that describes debate and process supervision apart, and never weighs one against
the other, cannot say which is better; without this the tutor quoted the best sentence about
either. Measured on a set of comparisons written for it (tests/data/tutor_tune_9.toml): 17 of
58 such near misses declined before, 33 after, one of 128 answerable comparisons lost.
"""

from __future__ import annotations

import re

_JUDGED_WORDS = (r"\b(?:than|unlike|whereas|outperform\w*|beat|beats|compared|versus|vs|both|neither|same|similar\w*|"
                 r"differ\w*|higher|lower|better|worse|stronger|weaker|ahead|behind|best|worst|fewer|more|less|"
                 r"out(?:scor|perform|do|did|rank|pac|compet|weigh|number|last)\w*)\b")
# -er words that are no comparative.
_NOT_COMPARATIVE = ("differ|other|another|never|rather|whether|either|neither|over|under|after|ever|paper|layer|number|"
                    "order|answer|power|user|matter|later|earlier|water|together|however|cluster|chapter|computer|"
                    "filter|register|transfer|trigger|encoder|autoencoder|monitor|chatter")
_CMP = r"(?:(?!(?:" + _NOT_COMPARATIVE + r")\b)[a-z]{3,}er|more|less|fewer|better|worse)"
_JUDGED_ASKED = re.compile(r"^\s*(?:[^,?]{0,60},\s*)?(?:(?:so|and|but)\s+)?(?:is|are|was|were|does|do|did|can|could|would|will|has|have)\b.*"
                           r"(?:\b" + _CMP + r"\b(?:\s+[\w-]+){0,4}?\s+than\b|\b" + _CMP + r"\s+or\s+" + _CMP + r"\b|"
                           r"\bor\b[^?]*\b" + _CMP + r"\b|\bas\s+(?!well\s+as\b)(?:[\w-]+\s+){1,2}as\b|"
                           r"\b(?:do|did|does|perform\w*|work\w*|scor\w*)\s+as\s+well\s+as\b)|"
                           r"^\s*which\s+(?:one\s+)?(?:is|was|are|were|does|did|has)\s+(?:the\s+)?" + _CMP + r"\b.*\bor\b|"
                           r"^\s*(?:which|whose)\s+(?:one\s+)?(?:[\w'-]+\s+){0,2}?(?:is\s+|are\s+)?(?:the\s+)?" + _CMP + r"\b.*\bor\b")
_ASKED_CMP = re.compile(r"\b(" + _CMP + r")\b(?=\s+(?:than|or)\b)|(?<=\bor )(" + _CMP + r")\b")


def judgement_asked(plain: str) -> re.Pattern[str] | None:
    """For a question (casefolded) that asks to judge between two things, the pattern a sentence
    that answers it matches: a word of comparison, or the question's own comparatives."""
    if not _JUDGED_ASKED.search(plain):
        return None
    asked = {word for pair in _ASKED_CMP.findall(plain) for word in pair if word}
    return re.compile(_JUDGED_WORDS[:-3] + "".join("|" + re.escape(w) for w in sorted(asked)) + r")\b", re.IGNORECASE)
