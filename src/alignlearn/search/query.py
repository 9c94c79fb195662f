"""Search across a course: lessons and their sections, best first, with a snippet.

An inverted index from word to the places (lesson, section) it appears in, with a
title and key-term match weighted above a body match, and prefix matching for the
last word so results can follow each keystroke. The index is built and kept in the
cache by ``building.py``.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Callable

from alignlearn.search.index_file import DamagedIndex, Stored
from alignlearn.search.places import SEPARATOR, STOPWORDS, WORD, words

__all__ = ["Index", "Result", "matches", "snippet", "words"]

PREFIX_FACTOR = 0.7  # a word that only starts with what was typed counts less than the word itself
MAX_COMPLETIONS = 40  # the most common words starting with a short prefix, not all of them
COMPLETION_BUDGET = 20_000  # postings merged for completions, so one letter stays fast

KEY_TERMS = "terms"  # Result.at: the hit is in the lesson's key terms (render.lesson's anchor kind)


@dataclass
class Result:
    lesson: str
    section: int | None
    title: str
    snippet: str
    score: float
    at: str | None = None  # KEY_TERMS: open the lesson there, not at its top

    def as_dict(self) -> dict:
        return {"lesson": self.lesson, "section": self.section, "title": self.title, "snippet": self.snippet}


class Index:
    """A course's search index; ``search`` is safe to call from a worker thread."""

    def __init__(self, stored: Stored, rebuild: Callable[[], Stored], problems: list | None = None):
        self._stored = stored
        self._rebuild = rebuild
        self.problems = problems or []  # the errors of lesson files the index could not hold

    def __len__(self) -> int:
        """The number of places (lessons, introductions, sections) indexed."""
        return len(self._stored.place_sections)

    def search(self, query: str, limit: int = 20) -> list[Result]:
        try:
            return self._search(self._stored, query, limit)
        except DamagedIndex:
            # The cache file changed or was damaged after it checked out: index the lessons again.
            self._stored = self._rebuild()
            return self._search(self._stored, query, limit)

    def _search(self, stored: Stored, query: str, limit: int) -> list[Result]:
        terms = words(query)
        if not terms or limit <= 0:
            return []
        postings = stored.postings
        required: list[dict[int, float]] = []  # place -> score, per word; shared, never changed
        for term in dict.fromkeys(terms[:-1]):
            if term in STOPWORDS:
                continue
            number = _find(postings.vocabulary, term)
            if number is None:
                return []
            required.append(postings.entry(number))
        last = _completions(postings, terms[-1])
        optional = bool(required) and terms[-1] in STOPWORDS  # "theory of": 'of' may yet become 'offence'
        if last is None and not optional:
            return []
        if last is not None and not optional:
            required.append(last)
        required.sort(key=len)
        scores = required[0]
        for other in required[1:]:
            scores = {place: score + other[place] for place, score in scores.items() if place in other}
        if optional and last is not None:
            scores = {place: score + last.get(place, 0.0) for place, score in scores.items()}
        best = heapq.nlargest(limit * 2, scores, key=scores.__getitem__)
        texts = stored.texts.get(best)
        # A section found only by its lesson's title ("goodhart tax" in each section of the lesson titled
        # "... the Goodhart Tax") while the lesson itself is a result: one result says it, not one per section.
        tops = {self._lesson_of(stored, number) for number in best if stored.place_sections[number] < 0}
        results = [self._result(stored, number, scores[number], texts[number], terms) for number in best
                   if stored.place_sections[number] < 0 or self._lesson_of(stored, number) not in tops
                   or _holds_any(texts[number], terms)]
        return results[:limit]

    @staticmethod
    def _lesson_of(stored: Stored, number: int) -> int:
        return bisect_right(stored.lesson_places, number) - 1

    def _result(self, stored: Stored, number: int, score: float, text: str, terms: list[str]) -> Result:
        _, lesson_id, title = stored.lesson(self._lesson_of(stored, number))
        section = stored.place_sections[number]
        heading, key_terms, body, definitions = (text.split(SEPARATOR, 3) + [""])[:4]
        if (section < 0 and definitions and _holds_all(f"{key_terms}\n{definitions}", terms)
                and not _holds_all(heading, terms)):
            # Every word searched is in the key terms (and not all in the lesson's title, which
            # is its top): show and open the lesson there.
            return Result(lesson_id, None, f"{title} \u203a Key terms",
                          snippet(definitions, terms, fallback=key_terms), round(score, 3), KEY_TERMS)
        # A place found by its heading, key terms or lesson title only shows those.
        fallback = " ".join(filter(None, [heading, key_terms, title]))
        if section > 0:
            title = f"{title} \u203a {section}. {heading}"
        body = "\n".join(filter(None, [body, definitions]))
        return Result(lesson_id, None if section < 0 else section, title,
                      snippet(body or title, terms, fallback=fallback), round(score, 3))


def _find(vocabulary: list[str], word: str) -> int | None:
    number = bisect_left(vocabulary, word)
    return number if number < len(vocabulary) and vocabulary[number] == word else None


def _completions(postings, prefix: str) -> dict[int, float] | None:
    """Place -> best score of the word typed so far, or of a word it begins."""
    vocabulary = postings.vocabulary
    low = bisect_left(vocabulary, prefix)
    high = bisect_left(vocabulary, prefix + "\U0010ffff", low)
    if low == high:
        return None
    exact = low if vocabulary[low] == prefix else None
    others = [number for number in range(low, high) if number != exact]
    if not others:
        return postings.entry(exact)
    # The commonest words it begins, within a budget of postings, so one letter stays fast.
    kept, budget = [], COMPLETION_BUDGET
    for number in heapq.nlargest(MAX_COMPLETIONS, others, key=postings.frequency):
        budget -= postings.frequency(number)
        if budget < 0 and (kept or exact is not None):
            break
        kept.append(number)
    # Once the word typed is a word, a rarer word it begins must not outrank it.
    ceiling = postings.idf(exact) if exact is not None else math.inf
    if exact is not None:
        best = dict(postings.entry(exact))
    else:  # the commonest completion copied at C speed, the others merged into it
        first = kept.pop(0)
        entry = postings.entry(first)
        factor = PREFIX_FACTOR * min(1.0, ceiling / postings.idf(first))
        best = dict(zip(entry, map(factor.__mul__, entry.values())))
    for number in kept:
        factor = PREFIX_FACTOR * min(1.0, ceiling / postings.idf(number))
        get = best.get
        for place, score in postings.entry(number).items():
            score *= factor
            if score > get(place, 0.0):
                best[place] = score
    return best


def _held(text: str, terms: list[str]) -> list[bool]:
    """For each word of the query that counts, whether ``text`` holds it (as ``matches`` finds
    them), the last word also as the start of a word."""
    wanted = [term for term in terms if term not in STOPWORDS] or terms
    found = {text[start:end].casefold() for start, end in matches(text, terms)}
    last = terms[-1] if terms else ""
    return [term in found or (term == last and any(w.startswith(last) for w in found)) for term in wanted]


def _holds_any(text: str, terms: list[str]) -> bool:
    """Whether ``text`` (a place's heading, key terms and body) holds a word of the query that counts."""
    return any(_held(text, terms))


def _holds_all(text: str, terms: list[str]) -> bool:
    """Whether ``text`` holds every word of the query that counts."""
    held = _held(text, terms)
    return bool(held) and all(held)


def matches(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the words of ``text`` that a query's ``terms`` match are, as (start, end):
    a word equal to a term, or beginning with the last (still being typed)."""
    wanted = [term for term in terms if term not in STOPWORDS] or terms
    if not wanted:
        return []
    last = terms[-1] if terms else ""
    found = []
    for match in WORD.finditer(text):
        word = match.group().casefold()
        if word in wanted or (last in wanted and word.startswith(last)):
            found.append(match.span())
    return found


def snippet(text: str, terms: list[str], width: int = 100, fallback: str = "") -> str:
    """About ``width`` characters of ``text`` around the matched words, cut between words: where
    the most different words searched for are together ("Reward hacking: ..." for "reward
    hacking", not the first "reward"), the first such place; ``fallback`` (the heading, the key
    terms) when the text holds none of them."""
    flat = " ".join(text.split())
    found = matches(flat, terms)
    if not found and fallback:
        other = " ".join(fallback.split())
        if matches(other, terms):
            flat, found = other, matches(other, terms)
    found = found[_most_together(flat, found, width):] if len(found) > 1 else found
    at = found[0][0] if found else 0
    start = max(0, at - width // 3)
    if start:  # begin at a word, never inside one
        space = flat.find(" ", start, at)
        start = space + 1 if space >= 0 else at
    end = start + width
    if end < len(flat):
        space = flat.rfind(" ", max(start, found[0][1] if found else start), end)
        end = space if space > start else end
    piece = flat[start:end]
    return ("\u2026" if start else "") + piece + ("\u2026" if end < len(flat) else "")


SNIPPET_PLACES = 200  # matched words weighed for where a snippet starts: the first this many


def _most_together(flat: str, found: list[tuple[int, int]], width: int) -> int:
    """The index in ``found`` of the match that starts the window of ``width`` characters holding
    the most different matched words (the first such)."""
    places = found[:SNIPPET_PLACES]
    words_at = [flat[start:end].casefold() for start, end in places]
    best, best_count, reach, last = 0, 0, width * 2 // 3, 0
    held: dict[str, int] = {}
    for first, (start, _) in enumerate(places):  # a window from each match, grown and shrunk as it goes
        while last < len(places) and places[last][1] - start <= reach:
            held[words_at[last]] = held.get(words_at[last], 0) + 1
            last += 1
        if len(held) > best_count:
            best, best_count = first, len(held)
        if last > first:
            held[words_at[first]] -= 1
            if not held[words_at[first]]:
                del held[words_at[first]]
        else:
            last = first + 1
    return best
