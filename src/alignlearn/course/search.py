"""Search across a course: lessons and their sections, best first, with a snippet.

An inverted index from word to the places (lesson, section) it appears in, with a
title and key-term match weighted above a body match, and prefix matching for the
last word so results can follow each keystroke. The index is kept in the cache
(``search_index.py``) and built again only for lessons whose file changed, so a
search of thousands of lessons starts in milliseconds.
"""

from __future__ import annotations

import heapq
import math
import threading
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from alignlearn.course import cache, catalog_cache, search_index
from alignlearn.course.catalog import Course, open_course
from alignlearn.course.parallel import in_processes
from alignlearn.course.problems import LessonError
from alignlearn.course.search_index import DamagedIndex, Stored
from alignlearn.course.search_places import SEPARATOR, STOPWORDS, Place, lesson_places, stored_weights, words

__all__ = ["Index", "Result", "build_index", "open_index", "snippet", "words"]

PREFIX_FACTOR = 0.7  # a word that only starts with what was typed counts less than the word itself
MAX_COMPLETIONS = 40  # the most common words starting with a short prefix, not all of them
COMPLETION_BUDGET = 20_000  # postings merged for completions, so one letter stays fast

Progress = Callable[[int, int], None]


@dataclass
class Result:
    lesson: str
    section: int | None
    title: str
    snippet: str
    score: float

    def as_dict(self) -> dict:
        return {"lesson": self.lesson, "section": self.section, "title": self.title, "snippet": self.snippet}


class Index:
    """A course's search index; ``search`` is safe to call from a worker thread."""

    def __init__(self, stored: Stored, rebuild: Callable[[], Stored]):
        self._stored = stored
        self._rebuild = rebuild

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
        best = heapq.nlargest(limit, scores, key=scores.__getitem__)
        texts = stored.texts.get(best)
        return [self._result(stored, number, scores[number], texts[number], terms) for number in best]

    def _result(self, stored: Stored, number: int, score: float, text: str, terms: list[str]) -> Result:
        lesson = bisect_right(stored.lesson_places, number) - 1
        _, lesson_id, title = stored.lesson(lesson)
        section = stored.place_sections[number]
        heading, _, body = text.split(SEPARATOR, 2)
        if section > 0:
            title = f"{title} \u203a {section}. {heading}"
        return Result(lesson_id, None if section < 0 else section, title, snippet(body or title, terms),
                      round(score, 3))


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


def snippet(text: str, terms: list[str], width: int = 100) -> str:
    flat = " ".join(text.split())
    lowered = flat.casefold()
    at = min((i for i in (lowered.find(t) for t in terms) if i >= 0), default=0)
    start = max(0, at - width // 3)
    piece = flat[start : start + width]
    return ("\u2026" if start else "") + piece + ("\u2026" if start + width < len(flat) else "")


# --- building and opening -----------------------------------------------------

_building = threading.Lock()
# Lessons to parse from which a process that cannot fork has another process index the
# course: below this, starting Python there (0.3-0.5 s) costs more than it saves.
ELSEWHERE_FROM = 200


def build_index(course: Course, progress: Progress | None = None, elsewhere: bool = True) -> Index:
    """The course's index, from the cache where its lessons have not changed; kept on the course.

    ``progress(number, total)`` is called for each lesson that has to be parsed.
    With ``elsewhere``, many lessons to parse in a process that cannot fork (the
    reader) are parsed by another process (``indexing.py``).
    """
    with _building:
        index = course.__dict__.get("search_index")
        if index is None:
            stored = _build(course, progress, elsewhere=elsewhere)
            index = Index(stored, lambda: _build(course, None, trust_cache=False))
            course.__dict__["search_index"] = index
    return index


def open_index(root: Path | str, progress: Progress | None = None) -> Index:
    """The index of the course at ``root``, without opening the course when the cache is current."""
    root = Path(root)
    from alignlearn.sources.detect import kind_of

    if kind_of(root) != "native":  # a book's index is built in memory: includes and quizzes are not stamped
        return build_index(open_course(root, progress=progress), progress)
    found, _ = catalog_cache.scan(root)
    recent = time.time_ns() - cache.RACY_NS
    if all(stamp is not None and stamp[1] < recent for stamp in found.values()):
        stored = search_index.load(cache.cache_file(root, search_index.KIND), root)
        if stored is not None and stored.built_from(found):
            return Index(stored, lambda: _build(open_course(root), None, trust_cache=False))
    return build_index(open_course(root, progress=progress), progress)


def _build(course: Course, progress: Progress | None, trust_cache: bool = True, elsewhere: bool = False) -> Stored:
    use_cache = bool(course.stamps)  # a course opened with cache=False leaves no stamps
    path = cache.cache_file(course.root, search_index.KIND)
    infos = sorted(course.lessons, key=lambda info: info.file.name)
    lessons = [(info.file.name, info.id, info.title) for info in infos]
    old = search_index.load(path, course.root) if use_cache and trust_cache else None
    try:
        if old is not None and old.built_from(course.stamps) and not course.racy and old.lessons == lessons:
            return old
        reusable = _reusable(old, course) if old is not None else {}
    except DamagedIndex:
        reusable = {}
    if course.source is not None:  # a book's chapters are read as the reader reads them
        for info in infos:
            try:
                course.lesson(info.id, with_quiz=False)
            except (LessonError, OSError):
                pass
    # The lessons not in the index are parsed, in processes when there are many (the
    # first search of a large course); those the reader holds are taken as they are.
    held = {number: lesson for number, info in enumerate(infos)
            if info.file.name not in reusable and (lesson := course._loaded.get(info.id)) is not None}
    parse = [(number, info.file) for number, info in enumerate(infos)
             if info.file.name not in reusable and number not in held]
    if elsewhere and use_cache and trust_cache and len(parse) >= ELSEWHERE_FROM and threading.active_count() > 1:
        from alignlearn.course.indexing import index_elsewhere

        if index_elsewhere(course.root, progress):  # then take what it wrote, and index here what changed since
            return _build(course, progress)

    def places() -> Iterator[Place]:  # in order, as save() packs them
        parsed = in_processes(_places_of, parse)  # in the order of parse: by number too
        done = 0
        try:
            for number, info in enumerate(infos):
                kept = reusable.get(info.file.name)
                if kept is not None:
                    for section, text in kept:
                        heading, terms, body = text.split(SEPARATOR, 2)
                        yield Place(number, None if section < 0 else section, heading, terms, body,
                                    "" if section < 0 else info.title)
                elif number in held:
                    yield from lesson_places(held[number], number)
                else:
                    yield from next(parsed)
                    done += 1
                    if progress is not None:
                        progress(done, len(parse))
        finally:
            parsed.close()  # the processes, if any, are done with

    return search_index.save(path if use_cache else None, course.root, dict(course.stamps), lessons, places())


def _places_of(job: tuple[int, Path]) -> list[Place]:
    """The places of lesson ``number`` of the index, with their weights worked out,
    read from its file (none if it cannot be read: changed since the course was
    opened, and the next open reports it)."""
    from alignlearn.course.lesson import load_lesson

    number, file = job
    try:
        places = lesson_places(load_lesson(file, with_quiz=False), number)
    except LessonError:
        return []
    for place in places:
        place.weights = stored_weights(place)
    return places


def _reusable(old: Stored, course: Course) -> dict[str, list[tuple[int, str]]]:
    """Per file name, the stored (section, text) of each place of lessons that have not changed."""
    texts = old.texts.all()
    kept = {}
    for number, (name, _, _) in enumerate(old.lessons):
        stamp = course.stamps.get(name)
        if stamp is None or name in course.racy or old.stamps.get(name) != stamp:
            continue
        span = range(old.lesson_places[number], old.lesson_places[number + 1])
        if any(texts[place] is None for place in span):
            continue
        kept[name] = [(old.place_sections[place], texts[place]) for place in span]
    return kept
