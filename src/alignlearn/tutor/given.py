"""What a lesson gives anywhere: the figures it states, the models and versions it names, how
many things its lists could hold. A question about a figure or a model a lesson never gives
("GPT-5", "Claude 3 Opus" of a lesson about Claude 3 Sonnet, "45%") is declined whatever its
other words (``tutor/focus.py``); and a question for a thing of a model it does name ("What is
GPT-4's time horizon?") is answered only by a sentence that names that model and says the thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alignlearn.tutor.words import STOPWORDS, fold, stem, words

COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
COUNTED = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b")
_FIGURE = re.compile(r"(?<![\w.-])\d[\d,.]*%?")

# A model or a version ("GPT-5", "Gemini 1.5 Pro", "Claude 3.5", "ASL-5", "o3"): a lesson about another says
# nothing about it.
VERSIONED = re.compile(r"\b[A-Za-z]+-\d[\w.]*|\b(?i:claude|gemini|llama|gpt|mistral|qwen|palm|grok|opus|sonnet|"
                        r"haiku) ?\d[\d.]*\b(?: ?(?i:opus|sonnet|haiku|pro|flash|ultra|nano)\b)?|\bo\d\b")  # "claude 3.7", "Claude 3 Opus"


_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th|s)\b")  # "the 4th", "the 1990s"


_TIER = re.compile(r"(?:opus|sonnet|haiku|pro|flash|ultra|nano)$")


def _squeezed(name: str) -> str:
    return re.sub(r"[\s-]", "", fold(name)).rstrip(".")


def figures_of(text: str) -> frozenset[str]:
    """The figures of ``text``, less the numbers in names ("GPT-4")."""
    return frozenset(figure.rstrip(".,") for figure in _FIGURE.findall(_ORDINAL.sub(" ", VERSIONED.sub(" ", text))))


def of_version(question: str, text: str) -> bool:
    """Whether ``text`` names a model or version ``question`` names, when it names any: a figure
    about "Claude Opus 4" is not one about "claude 3 opus", though both are Claude and Opus."""
    asked = versions_of(question)
    squeezed = _squeezed(text)
    return not asked or any(version in squeezed for version in asked)


def versions_of(text: str) -> frozenset[str]:
    return frozenset(_squeezed(name) for name in VERSIONED.findall(text))


@dataclass(frozen=True)
class Versions:
    """A pattern (``search(text)``) for text that names one of ``versions`` (``versions_of``) and
    says ``said``."""

    versions: frozenset[str]
    said: tuple[str, ...] = ()  # and these word stems ("time horizon": "time", "horizon")

    def search(self, text: str) -> bool:
        squeezed, folded = _squeezed(text), fold(text)
        return any(version in squeezed for version in self.versions) and all(
            re.search(r"\b" + re.escape(word), folded) for word in self.said)


@dataclass(frozen=True)
class Given:
    """What a lesson's text gives anywhere: its figures and its models' versions."""

    figures: frozenset[str]
    versions: frozenset[str]
    counts: frozenset[int] = frozenset()  # "four", "3": how many things it could say a list has

    @classmethod
    def of(cls, text: str) -> Given:
        counts = {COUNTS.get(word) or int(word) for word in COUNTED.findall(fold(text))}
        versions = versions_of(text)  # "Claude 3 Opus" gives "Claude 3" too, not "Claude 3 Sonnet"
        versions |= {_TIER.sub("", version) for version in versions}
        return cls(figures_of(text), frozenset(versions), frozenset(counts))


# "What is GPT-4's time horizon?", "how long is claude opus 4's ...": a thing of a named model.
_OWNED = re.compile(r"^\s*(?:(?:and|so)\s+)?(?:what|how\s+\w+)(?:'s|\s+is|\s+was|\s+are|\s+were)\s+"
                    r"(?P<owner>[^?,;]*?)'s\s+(?P<thing>[^?,;]+)")


def owned_asked(plain: str) -> Versions | None:
    """For a question (casefolded) asking for a thing of a model ("what is gpt-4's 50% time horizon in
    METR's study?"), the pattern a sentence that tells it matches: the model, and the thing's words
    up to the first glue word ("time horizon"); None for a question of another shape."""
    match = _OWNED.match(plain)
    owners = versions_of(match.group("owner")) if match else frozenset()
    if not owners:
        return None
    thing: list[str] = []
    for word in words(match.group("thing")):
        if word in STOPWORDS and thing:
            break
        if word.isalpha() and word not in STOPWORDS:
            thing.append(word)
    return Versions(owners, tuple(stem(word) for word in thing[:3]))
