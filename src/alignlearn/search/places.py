"""What the search index holds of a lesson, and how much each word of it weighs.

A place is a lesson as a whole (its title, key terms, subtitle, big idea, concepts),
its introduction, or one of its sections. Each word of a place weighs more in its
heading or a key term than any number of times in its body, so a lesson titled
with the word ranks above one that only uses it. ``index_file.py`` stores the
weights; ``search.py`` adds them up for a query.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

WORD = re.compile(r"[^\W_]+")
STOPWORDS = frozenset("""
a an and are as at be but by for from has have if in into is it its of on or so that the
their then there these they this to was were which will with
""".split())
TITLE_BONUS = 4.0  # a word in the place's heading: more than any body count can reach
TERM_BONUS = 2.5  # a word in a key term's name
CONTEXT = 0.5  # a word of the lesson's title, in each of its sections: "road zebra" finds the zebra section
BODY_CAP = 3.0  # 1 + log(count), capped
SCALE = 4096  # weights are stored as unsigned 16-bit fixed point
SEPARATOR = "\x1f"  # between heading, terms, body and definitions in a place's stored text


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


@dataclass
class Place:
    lesson: int  # index into the lessons list
    section: int | None  # None: the lesson as a whole; 0: its introduction
    heading: str
    terms: str
    body: str
    context: str = ""  # the lesson's title, for its introduction and sections
    weights: dict[str, int] | None = None  # stored_weights(), when worked out ahead (in another process)
    definitions: str = ""  # the lesson's key terms, "term: definition" a line (the lesson as a whole only)

    def text(self) -> str:
        # The definitions apart from the body: a hit in them opens the lesson at its key terms.
        return SEPARATOR.join((self.heading, self.terms, self.body, self.definitions))

    @classmethod
    def from_text(cls, lesson: int, section: int | None, text: str, context: str = "") -> "Place":
        """A place again from its stored ``text()``."""
        heading, terms, body, definitions = (text.split(SEPARATOR, 3) + [""])[:4]
        return cls(lesson, section, heading, terms, body, context, definitions=definitions)


def lesson_places(lesson, number: int) -> list[Place]:
    """What a loaded lesson contributes to the index."""
    definitions = "\n".join(f"{term}: {text}" for term, text in lesson.terms.items())
    whole = "\n".join(filter(None, [lesson.subtitle, lesson.big_idea, ", ".join(lesson.concepts)]))
    places = [Place(number, None, lesson.title, " ".join(lesson.terms), whole, definitions=definitions)]
    intro = "\n".join(block.plain() for block in lesson.intro)
    if intro.strip():
        places.append(Place(number, 0, "", "", intro, lesson.title))
    for section in lesson.sections:
        places.append(Place(number, section.number, section.title, "", section.plain(), lesson.title))
    return places


def place_weights(place: Place) -> dict[str, float]:
    counts = Counter(words(place.body) + words(place.definitions))
    weights = {word: min(1.0 + math.log(count), BODY_CAP) for word, count in counts.items()
               if word not in STOPWORDS}
    for word in set(words(place.heading)) - STOPWORDS:
        weights[word] = weights.get(word, 0.0) + TITLE_BONUS
    for word in set(words(place.terms)) - STOPWORDS:
        weights[word] = weights.get(word, 0.0) + TERM_BONUS
    for word in set(words(place.context)) - STOPWORDS:
        weights[word] = weights.get(word, 0.0) + CONTEXT
    return weights


def stored_weights(place: Place) -> dict[str, int]:
    """``place_weights`` as stored: unsigned 16-bit fixed point."""
    return {word: min(int(weight * SCALE + 0.5), 0xFFFF) for word, weight in place_weights(place).items()}
