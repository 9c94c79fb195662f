"""What an acronym stands for: "What does WMDP stand for?" is answered only by a sentence that
spells it out ("took the name METR, for Model Evaluation and Threat Research"). A lesson that
uses WMDP without saying what its letters mean cannot answer, however much it says about it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from alignlearn.tutor.words import STOPWORDS

_ASKED = re.compile(r"\b(?P<acronym>[A-Z][A-Z0-9&]*[A-Z])\b(?:'s)?[^?.!]{0,40}?\b(?:stands?\s+for|short\s+for|spelled\s+out)\b|"
                    r"\b(?:acronym|abbreviation|initials|letters)\s+(?:in\s+|of\s+)?(?P<acronym2>[A-Z][A-Z0-9&]*[A-Z])\b|"
                    r"\b(?:full\s+(?:name|form)|long\s+form)\s+(?:of|for)\s+(?:the\s+)?(?P<acronym3>[A-Z][A-Z0-9&]*[A-Z])\b|"
                    r"\b(?P<acronym4>[A-Z][A-Z0-9&]*[A-Z])'s\s+(?:full\s+(?:name|form)|long\s+form)\b")
# The same typed in lower case ("what does wmdp stand for"), just after the verb.
_ASKED_TYPED = re.compile(r"(?i:\bwhat\s+(?:does|do|did|is|'s)\s+(?P<acronym>[a-z][a-z0-9&]{1,4})\s+"
                          r"(?:stands?\s+for|short\s+for))")
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_SMALL = frozenset("of for and the from in on to a an with by at".split())


def acronym_asked(question: str) -> str | None:
    """The acronym whose letters ``question`` asks to spell out, or None."""
    question = question.replace("\u2019", "'")
    match = _ASKED.search(question) or _ASKED_TYPED.search(question)
    if match is None:
        return None
    acronym = next(found for found in match.groupdict().values() if found)
    return acronym.upper() if acronym.casefold() not in STOPWORDS else None


class SpelledOut:
    """Found (``search``) in a sentence that names ``acronym`` and has words whose initials spell
    it, small words between them skipped ("Center for AI Standards and Innovation, CAISI")."""

    def __init__(self, acronym: str) -> None:
        self.acronym = acronym
        self._named = re.compile(r"\b" + re.escape(acronym) + r"\b")

    def search(self, text: str) -> bool:
        if not self._named.search(text):
            return False
        found = _WORD.findall(text)
        return any(_spells(self.acronym.upper(), tuple(found[start:start + 3 * len(self.acronym)]))
                   for start, word in enumerate(found) if word[0].upper() == self.acronym[0] and word != self.acronym)


@lru_cache(maxsize=512)
def _spells(letters: str, found: tuple[str, ...]) -> bool:
    """Whether the words ``found`` begin with words whose initials are ``letters``: a word in
    capitals gives all its letters ("AI"), a small word may give none."""
    if not letters:
        return True
    if not found:
        return False
    word, rest = found[0], found[1:]
    if word.isupper() and len(word) > 1 and letters.startswith(word) and _spells(letters[len(word):], rest):
        return True
    if word[0].upper() == letters[0] and _spells(letters[1:], rest):
        return True
    return word.casefold() in _SMALL and _spells(letters, rest)
