"""Search across a course: lessons and their sections, best first, with a snippet.

An inverted index from word to the places (lesson, section) it appears, with a
title and key-term match weighted above a body match, and prefix matching for the
last word so results can follow each keystroke.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from alignlearn.course.catalog import Course
from alignlearn.course.lesson import Lesson
from alignlearn.course.problems import LessonError

WORD = re.compile(r"[a-z0-9]+")
TITLE_WEIGHT = 5.0
TERM_WEIGHT = 3.0


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


@dataclass
class Place:
    lesson: str
    section: int | None  # None: the lesson as a whole (its title and front matter)
    title: str
    text: str


@dataclass
class Result:
    lesson: str
    section: int | None
    title: str
    snippet: str
    score: float

    def as_dict(self) -> dict:
        return {"lesson": self.lesson, "section": self.section, "title": self.title, "snippet": self.snippet}


@dataclass
class Index:
    places: list[Place] = field(default_factory=list)
    postings: dict[str, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    vocabulary: list[str] = field(default_factory=list)

    def add(self, place: Place, weighted: list[tuple[str, float]]) -> None:
        number = len(self.places)
        self.places.append(place)
        counts: Counter[str] = Counter()
        for text, weight in weighted:
            for word in words(text):
                counts[word] += weight
        for word, weight in counts.items():
            self.postings[word][number] = 1.0 + math.log(weight)

    def finish(self) -> "Index":
        self.vocabulary = sorted(self.postings)
        return self

    def _expand(self, word: str, prefix: bool) -> list[str]:
        if not prefix:
            return [word] if word in self.postings else []
        start = bisect.bisect_left(self.vocabulary, word)
        found = []
        for candidate in self.vocabulary[start : start + 200]:
            if not candidate.startswith(word):
                break
            found.append(candidate)
        return found

    def search(self, query: str, limit: int = 20) -> list[Result]:
        terms = words(query)
        if not terms:
            return []
        total = len(self.places) or 1
        scores: dict[int, float] = {}
        for position, term in enumerate(terms):
            prefix = position == len(terms) - 1
            matched: dict[int, float] = {}
            for word in self._expand(term, prefix):
                posting = self.postings[word]
                idf = math.log(1 + total / len(posting))
                exact = 1.0 if word == term else 0.6
                for place, weight in posting.items():
                    matched[place] = max(matched.get(place, 0.0), weight * idf * exact)
            if not matched:
                return []
            if position == 0:
                scores = matched
            else:
                scores = {p: s + matched[p] for p, s in scores.items() if p in matched}
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [self._result(number, score, terms) for number, score in ranked]

    def _result(self, number: int, score: float, terms: list[str]) -> Result:
        place = self.places[number]
        return Result(place.lesson, place.section, place.title, snippet(place.text, terms), round(score, 3))


def snippet(text: str, terms: list[str], width: int = 100) -> str:
    flat = " ".join(text.split())
    lowered = flat.casefold()
    at = min((i for i in (lowered.find(t) for t in terms) if i >= 0), default=0)
    start = max(0, at - width // 3)
    piece = flat[start : start + width]
    return ("\u2026" if start else "") + piece + ("\u2026" if start + width < len(flat) else "")


def index_lesson(index: Index, lesson: Lesson) -> None:
    terms_text = " ".join(f"{term} {definition}" for term, definition in lesson.terms.items())
    whole = " ".join(filter(None, [lesson.subtitle, lesson.big_idea, " ".join(lesson.concepts)]))
    index.add(Place(lesson.id, None, lesson.title, whole or lesson.title),
              [(lesson.title, TITLE_WEIGHT), (" ".join(lesson.terms), TERM_WEIGHT), (whole, 1.0), (terms_text, 1.0)])
    intro = " ".join(block.plain() for block in lesson.intro)
    if intro:
        index.add(Place(lesson.id, 0, lesson.title, intro), [(intro, 1.0)])
    for section in lesson.sections:
        body = section.plain()
        index.add(Place(lesson.id, section.number, f"{lesson.title} \u203a {section.number}. {section.title}", body),
                  [(section.title, TITLE_WEIGHT), (body, 1.0)])


def build_index(course: Course) -> Index:
    index = Index()
    for info in course.lessons:
        try:
            lesson = course.lesson(info.id)
        except LessonError:
            continue
        index_lesson(index, lesson)
    return index.finish()
