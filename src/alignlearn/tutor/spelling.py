"""A learner's slip of the keys, read as the lesson's word: "superpositon" is "superposition";
and chat shorthand read as the words it stands for: "whats the diff" is "what is the difference".

A word of the question that the lesson never uses, one letter away from exactly one of
its words (a letter left out, added, changed, or two swapped), is read as that word.
Short words are left alone ("mode" is not "model"), and so is a word the course's
other lessons use: it is a word, not a slip. Only the lesson's own words are ever
offered, so a correction can only ever bring the question nearer the lesson's text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from alignlearn.tutor.words import STOPWORDS, fold

# Chat shorthand and apostrophes left out, as a hurried learner types them.
SHORTHAND = {
    "diff": "difference", "diffs": "differences", "info": "information", "approx": "approximately",
    "spec": "specification", "specs": "specifications", "interp": "interpretability", "mech": "mechanistic",
    "bc": "because", "b/c": "because", "w/": "with", "w/o": "without", "u": "you", "ur": "your",
    "whats": "what is", "hows": "how is", "whys": "why is", "wheres": "where is", "whos": "who is",
    "isnt": "is not", "arent": "are not", "wasnt": "was not", "werent": "were not", "doesnt": "does not",
    "dont": "do not", "didnt": "did not", "cant": "cannot", "wont": "will not", "wouldnt": "would not",
    "couldnt": "could not", "shouldnt": "should not", "hasnt": "has not", "havent": "have not",
    "thats": "that is", "theres": "there is", "ppl": "people", "govt": "government", "esp": "especially",
    "wat": "what", "wht": "what", "waht": "what", "hw": "how", "y": "why",
    "teh": "the", "hte": "the", "adn": "and", "taht": "that", "thier": "their", "wich": "which", "whcih": "which",
    # The shape of a question more than its subject, so often not a word of the lesson to correct towards.
    "diffrence": "difference", "diference": "difference", "differance": "difference", "difrence": "difference",
    "diffrences": "differences", "diferences": "differences", "differances": "differences",
    "betwen": "between", "beween": "between",
    "org": "organisation", "orgs": "organisations", "eval": "evaluation", "evals": "evaluations",
    # Pleasantries, which no passage should have to meet.
    "pls": "", "plz": "", "please": "", "thx": "", "thanks": "", "ty": "", "lol": "", "lmao": "", "haha": "",
}
MIN_LETTERS = 8  # shorter words are too near other words ("starter", "started"; "charge", "change")
_WORD = re.compile(r"(?<![\w'\u2019])(?:b/c|w/o|w/)|[^\W\d_]+")


def _deletes(word: str) -> set[str]:
    return {word[:at] + word[at + 1 :] for at in range(len(word))}


class Speller:
    """Corrects a question's slips towards one lesson's ``words`` (its text's words, counted)."""

    def __init__(self, words: Iterable[str], known: Callable[[str], bool] = lambda word: False, on: bool = True,
                 names: dict[str, str] | None = None):
        self.on = on  # off: questions are read as typed (only to measure what this adds)
        self.names = names or {}  # "openai" -> "OpenAI": how the lesson always writes a name
        self.counts = Counter(word for word in words if len(word) >= MIN_LETTERS - 1)
        self.known = known  # a word the course uses elsewhere: never a slip
        self._near: dict[str, set[str]] | None = None  # each word and its one-letter deletions -> words

    def _index(self) -> dict[str, set[str]]:
        if self._near is None:  # built on the first unknown word: most questions need none
            self._near = {}
            for word in self.counts:
                for key in _deletes(word) | {word}:
                    self._near.setdefault(key, set()).add(word)
        return self._near

    def correct(self, word: str) -> str:
        """The lesson's word that ``word`` (casefolded) is a slip for, or ``word`` itself."""
        if len(word) < MIN_LETTERS or word in self.counts or word in STOPWORDS or self.known(word):
            return word
        near = self._index()
        found = set()
        for key in _deletes(word) | {word}:
            found |= {other for other in near.get(key, ()) if _one_apart(word, other)}
        if len(found) != 1:
            return word
        return found.pop()

    def _acronym_swap(self, word: str) -> str | None:
        """The lesson's acronym that ``word`` is with two neighbouring letters swapped ("rhlf":
        "RLHF"): too short for ``correct``, and a learner's commonest slip in one."""
        if not 3 <= len(word) <= 6 or not word.isalpha() or word in self.names or word in self.counts \
                or word in STOPWORDS or self.known(word):
            return None
        found = {self.names[other] for at in range(len(word) - 1)
                 for other in [word[:at] + word[at + 1] + word[at] + word[at + 2:]]
                 if other != word and other in self.names and self.names[other].isupper()}
        return found.pop() if len(found) == 1 else None

    def fix(self, question: str) -> str:
        """``question`` with each slip replaced by the lesson's word (a capital kept)."""
        if not self.on:
            return question

        def replace(match: re.Match) -> str:
            raw = match.group()
            if fold(raw) in SHORTHAND:
                return SHORTHAND[fold(raw)]
            if raw.islower() and raw in self.names and match.start() > 0:  # "openai" typed in a hurry: a name
                return self.names[raw]
            swapped = self._acronym_swap(fold(raw))
            if swapped is not None:  # "RHLF": the lesson's "RLHF"
                return swapped
            right = self.correct(fold(raw))
            if right == fold(raw):
                return raw
            return right[:1].upper() + right[1:] if raw[:1].isupper() else right

        return _WORD.sub(replace, question)


_DATES = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())  # "may" is a verb as often
# "AlphaGo Zero" writes "Zero" only with a capital; a learner's "a score of zero" is a number, not that name.
_NUMBERS = frozenset("""zero one two three four five six seven eight nine ten eleven twelve twenty hundred thousand
million billion first second third half""".split())
_TITLE = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]|\[[^\]]*\]\([^)]*\)|\(\d{4}\),\s+[A-Z][^.]*\.")
_INSIDE = re.compile(r"(?<=[\w,;(] )[A-Z][\w'-]*")  # a capital inside a sentence: a name's


def name_forms(texts: Iterable[str]) -> dict[str, str]:
    """The words ``texts`` write only with a capital, and never at a sentence's start alone:
    "openai" -> "OpenAI", "anthropic" -> "Anthropic". A learner who types them in lower case
    means the names."""
    texts = [_TITLE.sub(" ", text) for text in texts]  # a title capitalises its words: "Debating with More Persuasive LLMs"
    capital = Counter(match.group().split("'")[0] for text in texts for match in _INSIDE.finditer(text))
    lower = {word for text in texts for word in re.findall(r"\b[a-z][\w-]*", text)}
    return {word.lower(): word for word in capital
            if word.lower() not in lower and word.lower() not in STOPWORDS and word.lower() not in _DATES and len(word) > 2
            and word.lower() not in _NUMBERS}


def _one_apart(one: str, other: str) -> bool:
    """Whether ``one`` and ``other`` differ by a letter left out, added or changed, or two
    neighbouring letters swapped."""
    if one == other or abs(len(one) - len(other)) > 1:
        return False
    if len(one) == len(other):
        diffs = [at for at in range(len(one)) if one[at] != other[at]]
        if len(diffs) == 1:
            return True
        return (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                and one[diffs[0]] == other[diffs[1]] and one[diffs[1]] == other[diffs[0]])
    short, long = (one, other) if len(one) < len(other) else (other, one)
    return any(long[:at] + long[at + 1 :] == short for at in range(len(long)))
