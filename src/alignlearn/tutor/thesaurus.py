"""The lesson's own synonyms: its key terms, their long forms and the acronyms it spells out.

A learner types "RL from AI feedback"; the lesson says "RLAIF". Both must reach the
same passages, and nothing but the lesson may decide that they mean the same. So each
key term becomes a *concept*, written as a token such as ``~rlaif``, with every form
the lesson gives it: the term, the head of its definition ("Reinforcement learning
from AI feedback: ..."), acronyms written "Long Form (LF)", "LF (long form)" or
"LF, the long form", and the shorter acronyms inside them ("RL" for "reinforcement
learning"). A name of three words or more that the lesson writes in full ("Direct
Preference Optimization") also gets its initials ("DPO"), which learners write for
it. Text that contains any form also carries the concept's token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from alignlearn.tutor.parts import ALL, Parts
from alignlearn.tutor.words import STOPWORDS, numbered_parts, same_word, stem, stems

CONNECTORS = frozenset({"of", "the", "a", "an", "and", "for", "from", "to", "in", "on", "with", "by", "as"})
MAX_HEAD_WORDS = 8

_ACRONYM = r"[A-Z][A-Za-z0-9-]{1,11}"
_LONG_THEN_ACRONYM = re.compile(r"\((?:the\s+)?(" + _ACRONYM + r")\)")
_ACRONYM_THEN_PARENS = re.compile(r"\b(" + _ACRONYM + r")\s*\(([^()]{3,160})\)")
_ACRONYM_THEN_COMMA = re.compile(r"\b(" + _ACRONYM + r"),\s+(?:the\s+)?([^,.;:()]{3,160})")
_WORD = re.compile(r"[A-Za-z0-9]+")
# A name of capitalised words, perhaps joined by glue: "Direct Preference Optimization", "Center for AI Safety".
_NAME = re.compile(r"\b[A-Z][\w'-]*(?:\s+(?:(?:of|for|and|the|from|to|in|on)\s+){0,2}[A-Z][\w'-]*)+")
NAME_LETTERS = 3  # a learner shortens a name of at least this many words to its initials ("DPO")
# The field's acronyms, which learners write whether or not the lesson spells them out: a lesson
# that writes "reinforcement learning" is asked about "RL". Each is used only where the lesson
# has the long form, so it can only bring a question nearer the lesson's own words.
FIELD_ACRONYMS = {
    "RL": "reinforcement learning", "ML": "machine learning", "LLM": ("large language model", "language model"),
    "LM": "language model", "NN": "neural network", "SFT": "supervised fine-tuning",
    "RLHF": "reinforcement learning from human feedback", "RLAIF": "reinforcement learning from AI feedback",
    "AGI": "artificial general intelligence", "NLP": "natural language processing", "CoT": "chain of thought",
    "SAE": "sparse autoencoder", "PPO": "proximal policy optimization", "DPO": "direct preference optimization",
    "RM": "reward model", "CAI": "constitutional AI", "RSP": "responsible scaling policy",
}


def acronym_letters(word: str) -> str:
    """"RLAIF" -> "rlaif", "LLMs" -> "llm", "RL-CAI" -> "rlcai"; "" when ``word`` is no acronym."""
    core = word[:-1] if word.endswith("s") and len(word) > 2 else word
    letters = core.replace("-", "")
    uppers = sum(char.isupper() for char in letters)
    if uppers < 2 or len(letters) > 10 or not all(char.isupper() or char.isdigit() for char in letters):
        return ""
    return "".join(char for char in letters if char.isalpha()).lower()


def align(letters: str, words: list[str]) -> list[tuple[str, int]] | None:
    """How ``words`` spell ``letters``: (letters, word index) pieces, or None.

    Every word is used: a content word gives its initial (an acronym such as "AI"
    gives all its letters); a connector ("of", "from") may give nothing.
    """

    def spell(at: int, word_at: int) -> list[tuple[str, int]] | None:
        if word_at == len(words):
            return [] if at == len(letters) else None
        word = words[word_at]
        sizes = []
        inner = acronym_letters(word)
        if inner and letters.startswith(inner, at):
            sizes.append(len(inner))
        if at < len(letters) and word[0].lower() == letters[at]:
            sizes.append(1)
        for size in sizes:
            rest = spell(at + size, word_at + 1)
            if rest is not None:
                return [(letters[at : at + size], word_at)] + rest
        if word_at and word.lower() in CONNECTORS:
            return spell(at, word_at + 1)
        return None

    if not letters or not words or words[0].lower() in CONNECTORS or words[-1].lower() in CONNECTORS:
        return None
    return spell(0, 0)


@dataclass
class Concept:
    key: str  # the token it adds, "~" + the casefolded name
    name: str
    forms: set[tuple[str, ...]] = field(default_factory=set)


@dataclass
class Thesaurus:
    concepts: dict[str, Concept] = field(default_factory=dict)
    # Shorter acronyms inside a spelt-out one: "rl" -> ("reinforc", "learn").
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _by_first: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict, repr=False)
    stemmer: Callable[[str], str] = field(default=stem, repr=False)

    # --- building ---------------------------------------------------------------

    def concept(self, name: str) -> Concept:
        key = "~" + re.sub(r"\s+", " ", name.casefold().strip())
        if key not in self.concepts:
            self.concepts[key] = Concept(key, name)
        return self.concepts[key]

    def add_form(self, name: str, text: str) -> None:
        form = tuple(stems(text, self.stemmer))
        if form:
            self.concept(name).forms.add(form)

    def add_acronym(self, acronym: str, long_words: list[str], name: str | None = None) -> bool:
        """Record that ``long_words`` spell ``acronym``; False when they do not."""
        letters = acronym_letters(acronym)
        pieces = align(letters, long_words)
        if not pieces:
            return False
        name = name or acronym
        self.add_form(name, acronym)
        self.add_form(name, " ".join(long_words))
        piece_stems = [tuple(stems(long_words[index], self.stemmer)) for _, index in pieces]
        last = len(pieces)
        # Runs of pieces from either end: "RL" + "AI feedback", "RLAI" + "feedback".
        for start, end in [(0, n) for n in range(2, last)] + [(n, last) for n in range(1, last - 1)]:
            short = "".join(piece for piece, _ in pieces[start:end])
            long = tuple(stem for group in piece_stems[start:end] for stem in group)
            if len(short) < 2 or short in STOPWORDS or not long:
                continue
            self.expansions.setdefault(short, long)
            variant = [stem for group in piece_stems[:start] for stem in group] + [short]
            variant += [stem for group in piece_stems[end:] for stem in group]
            self.concept(name).forms.add(tuple(variant))
        return True

    def finish(self) -> "Thesaurus":
        # A concept with one single-word form adds nothing the word does not already say.
        for key in [key for key, concept in self.concepts.items()
                    if len(concept.forms) < 2 and all(len(form) < 2 for form in concept.forms)]:
            del self.concepts[key]
        self._by_first = {}
        for concept in self.concepts.values():
            for form in concept.forms:
                self._by_first.setdefault(form[0], []).append((form, concept.key))
        return self

    # --- using ------------------------------------------------------------------

    def matches(self, tokens: list[str]) -> list[tuple[str, int, int]]:
        """Each concept found in ``tokens``: (concept key, first token, end)."""
        found = []
        for at, token in enumerate(tokens):
            for form, key in self._by_first.get(token, ()):
                if tuple(tokens[at : at + len(form)]) == form:
                    found.append((key, at, at + len(form)))
        return found

    def analyse(self, text: str) -> list[str]:
        """The stems of ``text``, then the concepts and acronym expansions they contain."""
        tokens = stems(text, self.stemmer)
        extra = [key for key, _, _ in self.matches(tokens)]
        for token in tokens:
            extra.extend(self.expansions.get(token, ()))
        return tokens + extra + numbered_parts(text, self.stemmer)


def definition_head(definition: str) -> str:
    """"Reinforcement learning from human feedback: people compare ..." -> the part before the colon."""
    head, colon, _ = definition.partition(":")
    if not colon or len(head.split()) > MAX_HEAD_WORDS:
        return ""
    return head.strip()


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def spelt_out(text: str) -> Iterable[tuple[str, list[str]]]:
    """Candidate (acronym, long form words) pairs in prose; ``align`` decides which are real."""
    for match in _LONG_THEN_ACRONYM.finditer(text):
        acronym = match.group(1)
        letters = acronym_letters(acronym)
        if not letters:
            continue
        before = words_of(text[: match.start()])[-(2 * len(letters) + 2) :]
        for start in range(len(before) - 1, -1, -1):
            if align(letters, before[start:]):
                yield acronym, before[start:]
                break
    for pattern in (_ACRONYM_THEN_PARENS, _ACRONYM_THEN_COMMA):
        for match in pattern.finditer(text):
            acronym = match.group(1)
            letters = acronym_letters(acronym)
            if not letters:
                continue
            after = words_of(match.group(2))[: 2 * len(letters) + 2]
            for end in range(1, len(after) + 1):
                if align(letters, after[:end]):
                    yield acronym, after[:end]
                    break


def initials(name: str) -> str:
    """"Direct Preference Optimization" -> "dpo", "Center for AI Safety" -> "cais"; "" for
    a name too short to be shortened so."""
    found = [word for word in words_of(name) if word.lower() not in CONNECTORS]
    letters = "".join(acronym_letters(word) or word[0].lower() for word in found)
    return letters if len(found) >= NAME_LETTERS and letters.isalpha() else ""


def lesson_thesaurus(terms: dict[str, str], texts: Iterable[str], parts: Parts = ALL) -> Thesaurus:
    """The thesaurus of a lesson, from its key terms and its prose (``parts``: which of the two)."""
    thesaurus = Thesaurus(stemmer=stem if parts.stems else same_word)
    for term, definition in terms.items() if parts.terms else ():
        thesaurus.add_form(term, term)
        letters = initials(term) if parts.synonyms else ""
        if letters:  # "Performance gap recovered": "PGR"
            thesaurus.add_form(term, letters)
        head = definition_head(definition)
        if not head:
            continue
        if not (acronym_letters(term) and thesaurus.add_acronym(term, words_of(head))):
            thesaurus.add_form(term, head)
    names = {acronym_letters(term): term for term in terms if acronym_letters(term)}
    texts = list(texts)
    for text in texts if parts.synonyms else ():
        for acronym, long_words in spelt_out(text):
            thesaurus.add_acronym(acronym, long_words, names.get(acronym_letters(acronym)))
        for match in _NAME.finditer(text):  # a name the lesson writes in full, by the initials a learner may use
            letters = initials(match.group())
            if letters:
                thesaurus.add_form(match.group(), letters)
                thesaurus.add_form(match.group(), match.group())
    if parts.synonyms:
        said = " ".join(stems(" ".join(texts), thesaurus.stemmer))
        for acronym, long_forms in FIELD_ACRONYMS.items():  # the first long form the lesson says
            for long_form in (long_forms,) if isinstance(long_forms, str) else long_forms:
                if f" {' '.join(stems(long_form, thesaurus.stemmer))} " in f" {said} ":
                    name = names.get(acronym_letters(acronym))
                    if not thesaurus.add_acronym(acronym, words_of(long_form), name):  # "LLM": "language model"
                        thesaurus.add_form(name or acronym, acronym)
                        thesaurus.add_form(name or acronym, long_form)
                    break
    return thesaurus.finish()
