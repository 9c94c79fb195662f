"""A learner's question, read for matching: its meaningful words, names and synonyms.

Each meaningful word becomes a *clause* with a weight; the share of the weight a
passage meets is the tutor's confidence. How much a word weighs depends on the
lesson: a rare word of the lesson weighs a lot (its idf), a word the lesson never
uses weighs as much as a typical word of the lesson (it is usually the learner's own
phrasing: "developers", "downsides"), except a name. A capitalised word the lesson
never uses ("MIRI", "Australia") weighs the most a word can, and a name of several
words ("Direct Preference Optimization") is met only where the lesson has the whole
name, so a question about something the lesson never mentions is declined even when
its other words are common in the lesson.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from alignlearn.untrusted import UNSAFE
from alignlearn.tutor.shapes import Asks, without_framing
from alignlearn.tutor.thesaurus import Thesaurus
from alignlearn.tutor.words import STOPWORDS, fold, numbered_parts, stem

MAX_QUESTION_CHARS = 2000  # longer questions are read up to here
MAX_QUESTION_WORDS = 64
UNKNOWN_SHARE = 1.0  # a word the lesson never uses weighs this share of a typical word of the lesson
EXPANSION_WEIGHT = 0.5  # "rl" -> "reinforcement learning": the spelt-out words count half
NAME_CONNECTORS = frozenset({"of", "for", "by", "and", "the", "on", "in", "to", "from"})

# Terminal escape sequences (CSI "\x1b[31m", OSC "\x1b]0;title\x07"), removed whole.
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?")
_STYLE_WORDS = ("bold|italic|underline|dim|reverse|strike|blink|link|on|not|b|i|u|s|red|green|blue|yellow"
                "|magenta|cyan|white|black|grey|gray")
# Markup pasted into a question ("[@click=app.quit]", "[bold red]", "<script>"): not words of the question.
_MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,200}>|\[/?(?:[^\[\]]*[=@][^\[\]]*|/|(?:(?:" + _STYLE_WORDS
                     + r")\s*)+)\]", re.IGNORECASE)
_RAW_WORD = re.compile(r"[^\W_]+")
# "like ChatGPT", "different from the usual RLHF setup": a name the question compares with, not asks about.
_ASIDE = re.compile(r"\b(?:like|unlike|than|versus|vs|compared (?:to|with)|such as|similar to|different from|"
                    r"e\.?g\.?)\W+(?:(?:the|a|an|usual|standard|plain|ordinary)\W+)*$", re.IGNORECASE)
ASIDE_CHARS = 40
_POSSESSIVE = re.compile(r"['\u2019]s\b")


def clean_question(question: str) -> str:
    """The question on one line, without control or invisible characters or escape sequences.

    Markup stays: it is shown back as text, and only left out when matching."""
    return " ".join(UNSAFE.sub(" ", _ESCAPE.sub(" ", question or "")).split())


def without_markup(question: str) -> str:
    return _MARKUP.sub(" ", question)


@dataclass(frozen=True)
class Clause:
    tokens: frozenset[str]  # a passage meets the clause when it has any of these
    weight: float
    name: tuple[str, ...] = ()  # a name of several words: met only where the lesson has all of it
    named: bool = False  # a name or an acronym the question asks about (not one it compares with)

    def met_by(self, context: frozenset[str], names_in_lesson: frozenset[tuple[str, ...]]) -> bool:
        if self.name:
            return self.name in names_in_lesson and all(token in context for token in self.name)
        return not self.tokens.isdisjoint(context)


@dataclass
class Query:
    weights: dict[str, float] = field(default_factory=dict)  # token -> weight, for BM25
    clauses: list[Clause] = field(default_factory=list)
    names_in_lesson: frozenset[tuple[str, ...]] = frozenset()
    asks: Asks = field(default_factory=Asks)  # the shape of answer its words ask for
    implied: set[str] = field(default_factory=set)  # key terms reached through their definitions' words

    @property
    def total(self) -> float:
        return sum(clause.weight for clause in self.clauses)

    def coverage(self, context: frozenset[str]) -> float:
        total = self.total
        if not total:
            return 0.0
        met = sum(c.weight for c in self.clauses if c.met_by(context, self.names_in_lesson))
        return met / total

    def nearness(self, tokens: list[str], reach: int) -> float:
        """The share of the question's neighbouring words that sit at most ``reach`` words apart
        in ``tokens`` (a passage's) too: "a model that ... will happily help" is nearer "a model
        will help" than a passage with "model" at its start and "requests" at its end."""
        where: dict[str, list[int]] = {}
        for at, token in enumerate(tokens):
            where.setdefault(token, []).append(at)
        places = [sorted(at for token in c.tokens for at in where.get(token, ())) for c in self.clauses]
        pairs = list(zip(places, places[1:]))
        if not pairs:
            return 0.0
        close = sum(1 for one, other in pairs if one and other and min(abs(a - b) for a in one for b in other) <= reach)
        return close / len(pairs)


@dataclass
class Word:
    stem: str
    capital: bool  # written with a capital, and not just because it starts the sentence
    acronym: bool = False  # all capitals: a name on its own, never part of a longer one
    aside: bool = False  # named only to compare with: "an assistant like ChatGPT", "than RLHF"
    owner: bool = False  # "Anthropic's": a name ends here, the next one is the owner's thing
    breaks: bool = False  # a stop word that joins no name: "Expert Iteration used for AlphaGo Zero" is two
    place: bool = False  # "in", "on": joins no owner ("AI Safety Levels in Anthropic's policy" is two names)


def read_words(question: str, stemmer: Callable[[str], str] = stem) -> list[Word]:
    question = without_framing(without_markup(question[:MAX_QUESTION_CHARS]))
    shouting = not any(char.islower() for char in question)
    found = []
    end = None
    for match in _RAW_WORD.finditer(question):
        raw = match.group()
        word = fold(raw)
        start = end is None or any(mark in question[end : match.start()] for mark in ".!?:;")
        end = match.end()
        inner_capital = any(char.isupper() for char in raw[1:])
        capital = not shouting and raw[0].isupper() and (not start or inner_capital)
        acronym = capital and raw.isupper()
        if len(word) > 1 and word not in STOPWORDS:
            aside = capital and bool(_ASIDE.search(question[max(match.start() - ASIDE_CHARS, 0) : match.start()]))
            owner = _POSSESSIVE.match(question, match.end()) is not None
            found.append(Word(stemmer(word), capital, acronym, aside, owner))
        elif word in NAME_CONNECTORS:
            found.append(Word("", False, place=word in ("in", "on")))  # may join the words of a name
        else:
            found.append(Word("", False, breaks=True))
    return found


def names(words: list[Word]) -> list[tuple[int, int]]:
    """(start, end) of names of several words: "Direct Preference Optimization",
    "Center for AI Safety". A name starts and ends with a capitalised word; connectors
    and acronyms may sit inside it. A possessive ends it: "Anthropic's AI Safety
    Levels" is Anthropic's "AI Safety Levels"."""

    def titled(word: Word) -> bool:
        return word.capital and not word.acronym

    runs, at = [], 0
    while at < len(words):
        if not titled(words[at]):
            at += 1
            continue
        end = last = at
        while end < len(words) and not words[end].breaks and (words[end].capital or not words[end].stem):
            if titled(words[end]):
                last = end
            end += 1
            if words[end - 1].owner:
                if words[end - 2].place and last > at:  # "... Levels in Anthropic's": the owner is a name of its own
                    last = max(i for i in range(at, end - 2) if titled(words[i]))
                break
        if last > at:
            runs.append((at, last + 1))
        at = last + 1
    return runs


def read_question(question: str, thesaurus: Thesaurus, idf: Callable[[str], float | None],
                  typical: float, unseen: float,
                  lesson_has: Callable[[tuple[str, ...]], bool], numbered: frozenset[str] = frozenset()) -> Query:
    """``idf(token)`` is None for a token the lesson never uses; ``lesson_has(stems)`` says
    whether the lesson has those stems in a row; ``numbered``: the parts the lesson numbers
    ("~phas" for its "Phase one" and "Phase two")."""
    words = read_words(question, thesaurus.stemmer)
    tokens = [w.stem for w in words if w.stem]
    query = Query()
    matches = thesaurus.matches(tokens)
    in_name: set[int] = set()
    named: set[tuple[str, ...]] = set()
    for start, end in names(words):
        name = tuple(w.stem for w in words[start:end] if w.stem)
        if lesson_has(name):
            named.add(name)
        weight = sum(idf(token) or unseen for token in name)
        query.clauses.append(Clause(frozenset(name), weight, name, named=not words[start].aside))
        in_name.update(range(start, end))
        for token in name:
            query.weights[token] = 1.0
    seen: set[str] = set()
    position = -1
    for at, word in enumerate(words):
        if not word.stem:
            continue
        position += 1
        if at in in_name or word.stem in seen or len(seen) >= MAX_QUESTION_WORDS:
            continue
        seen.add(word.stem)
        query.weights[word.stem] = 1.0
        concepts = {key for key, start, end in matches if start <= position < end}
        expansions = set(thesaurus.expansions.get(word.stem, ()))
        for key in concepts:
            query.weights[key] = 1.0
        for token in expansions:
            query.weights.setdefault(token, EXPANSION_WEIGHT)
        own = idf(word.stem)
        if own is None:
            known = [value for value in map(idf, concepts | expansions) if value is not None]
            own = max(known) if known else (unseen if word.capital else typical * UNKNOWN_SHARE)
        query.clauses.append(Clause(frozenset({word.stem} | concepts | expansions), own,
                                    named=word.capital and not word.aside))
    # "phase 2": the part of that number, where the lesson numbers such parts (else the number
    # says nothing the lesson could meet); a part it does not have ("phase 3" of two) weighs
    # as a word of the question the lesson never uses.
    for token in numbered_parts(without_framing(without_markup(question[:MAX_QUESTION_CHARS])), thesaurus.stemmer):
        if token in seen or token.partition("#")[0] not in numbered:
            continue
        seen.add(token)
        query.weights[token] = 1.0
        query.clauses.append(Clause(frozenset({token}), idf(token) or typical * UNKNOWN_SHARE))
    query.names_in_lesson = frozenset(named)
    return query


TERM_WORDS = 2  # a question meets a key term's definition on at least this many of its words
TERM_SHARE = 0.5  # and on this share of its weight


def add_terms(query: Query, definitions: list[tuple[str, frozenset[str]]]) -> None:
    """A question in a key term's own definition's words (``definitions``: each term's token and
    its definition's stems) also reaches the passages that use the term: those words' clauses
    are met by the term too."""
    total = query.total
    if not total:
        return
    for token, defined in definitions:
        shared = [at for at, c in enumerate(query.clauses) if not c.name and not c.tokens.isdisjoint(defined)]
        if len(shared) < TERM_WORDS or sum(query.clauses[at].weight for at in shared) < TERM_SHARE * total:
            continue
        for at in shared:
            clause = query.clauses[at]
            query.clauses[at] = replace(clause, tokens=clause.tokens | {token})
        query.implied.add(token)  # met for coverage, not ranked on: its rare stem would swamp the rest
