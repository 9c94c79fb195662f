"""The search index on disk: built once from the lessons, then loaded in milliseconds.

A place is a lesson as a whole (its title, key terms, subtitle, big idea, concepts),
its introduction, or one of its sections. For each word, the index holds the places
it appears in and a weight: a title or key-term match counts more than any number
of body matches, so a lesson titled with the word ranks above one that only uses it.

The file (see ``cache.py`` for its header) holds the plain-data part (the lessons,
their stamps, the vocabulary, offsets and checksums) and then three packed arrays:
place ids, weights (fixed-point) and each place's text, used for snippets and to
index the place again without parsing its lesson. Postings and texts carry a CRC-32
each, checked when first used, so a damaged file is never trusted blindly.
"""

from __future__ import annotations

import array
import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

from alignlearn.course import cache

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
SEPARATOR = "\x1f"  # between heading, terms and body in a place's stored text
JOIN = "\x00"  # between the lessons' names, ids and titles (sanitised text never holds it)
KIND = "search"

Progress = Callable[[int, int], None]


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


class DamagedIndex(Exception):
    """A checksum did not match: the cache file changed or was damaged since it was loaded."""


@dataclass
class Place:
    lesson: int  # index into the lessons list
    section: int | None  # None: the lesson as a whole; 0: its introduction
    heading: str
    terms: str
    body: str
    context: str = ""  # the lesson's title, for its introduction and sections

    def text(self) -> str:
        return f"{self.heading}{SEPARATOR}{self.terms}{SEPARATOR}{self.body}"


def lesson_places(lesson, number: int) -> list[Place]:
    """What a loaded lesson contributes to the index."""
    definitions = "\n".join(f"{term}: {text}" for term, text in lesson.terms.items())
    whole = "\n".join(filter(None, [lesson.subtitle, lesson.big_idea, ", ".join(lesson.concepts), definitions]))
    places = [Place(number, None, lesson.title, " ".join(lesson.terms), whole)]
    intro = "\n".join(block.plain() for block in lesson.intro)
    if intro.strip():
        places.append(Place(number, 0, "", "", intro, lesson.title))
    for section in lesson.sections:
        places.append(Place(number, section.number, section.title, "", section.plain(), lesson.title))
    return places


def place_weights(place: Place) -> dict[str, float]:
    counts = Counter(words(place.body))
    weights = {word: min(1.0 + math.log(count), BODY_CAP) for word, count in counts.items()
               if word not in STOPWORDS}
    for word in set(words(place.heading)) - STOPWORDS:
        weights[word] = weights.get(word, 0.0) + TITLE_BONUS
    for word in set(words(place.terms)) - STOPWORDS:
        weights[word] = weights.get(word, 0.0) + TERM_BONUS
    for word in set(words(place.context)) - STOPWORDS:
        weights[word] = weights.get(word, 0.0) + CONTEXT
    return weights


class Vocabulary:
    """The sorted words, as one string and offsets: loads as one object, searched with ``bisect``."""

    def __init__(self, text: str, offsets: array.array):
        self.text, self.offsets = text, offsets

    @classmethod
    def of(cls, words: list[str]) -> "Vocabulary":
        offsets, total = array.array("I", [0]), 0
        for word in words:
            total += len(word)
            offsets.append(total)
        return cls("".join(words), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, number: int) -> str:
        if not 0 <= number < len(self.offsets) - 1:
            raise IndexError(number)
        return self.text[self.offsets[number] : self.offsets[number + 1]]


@dataclass
class Postings:
    """The packed inverted index: for word ``vocabulary[i]``, entries ``offsets[i]:offsets[i + 1]``."""

    vocabulary: Vocabulary
    offsets: array.array
    crcs: array.array
    ids: memoryview  # place numbers, 'H' or 'I'
    weights: memoryview  # 'H', fixed point
    decoded: dict[int, dict[int, float]] = field(default_factory=dict)

    def entry(self, number: int) -> dict[int, float]:
        """Place -> weight for the word at ``number``, checked against its checksum once."""
        found = self.decoded.get(number)
        if found is None:
            start, end = self.offsets[number], self.offsets[number + 1]
            ids, weights = self.ids[start:end], self.weights[start:end]
            if zlib.crc32(weights, zlib.crc32(ids)) != self.crcs[number]:
                raise DamagedIndex(self.vocabulary[number])
            found = self.decoded[number] = dict(zip(ids, map((1.0 / SCALE).__mul__, weights)))
        return found

    def frequency(self, number: int) -> int:
        return self.offsets[number + 1] - self.offsets[number]


def pack(places_weights, place_count: int) -> tuple[Vocabulary, array.array, array.array, bytes, bytes, str]:
    """Postings from an iterable of (place number, weights); returns the parts ``Postings`` needs."""
    code = "H" if place_count < 1 << 16 else "I"
    ids: dict[str, array.array] = {}
    weights: dict[str, array.array] = {}
    for number, place in places_weights:
        for word, weight in place.items():
            column = ids.get(word)
            if column is None:
                column = ids[word] = array.array(code)
                weights[word] = array.array("H")
            column.append(number)
            weights[word].append(min(int(weight * SCALE + 0.5), 0xFFFF))
    vocabulary = sorted(ids)
    offsets, crcs = array.array("I", [0]), array.array("I")
    all_ids, all_weights = array.array(code), array.array("H")
    for word in vocabulary:
        all_ids.extend(ids[word])
        all_weights.extend(weights[word])
        offsets.append(len(all_ids))
        crcs.append(zlib.crc32(weights[word].tobytes(), zlib.crc32(ids[word].tobytes())))
    return Vocabulary.of(vocabulary), offsets, crcs, all_ids.tobytes(), all_weights.tobytes(), code


class Stored:
    """An index as loaded from (or just written to) the cache."""

    def __init__(self, lessons: tuple[str, str, str] | list, lesson_places: array.array,
                 place_sections: array.array, postings: Postings, texts: "Texts", stamps: dict):
        self._lessons = lessons
        self.lesson_places = lesson_places  # 'I': lesson i's places are [i]:[i + 1]
        self.place_sections = place_sections  # 'i': -1 for the lesson as a whole
        self.postings, self.texts, self.stamps = postings, texts, stamps

    @cached_property
    def lessons(self) -> list[tuple[str, str, str]]:
        """(file name, lesson id, title) of each lesson; stored as three joined strings, split on first use."""
        if isinstance(self._lessons, list):
            return self._lessons
        count = len(self.lesson_places) - 1
        columns = [column.split(JOIN) if count else [] for column in self._lessons]
        if any(len(column) != count for column in columns):
            raise DamagedIndex("lessons")
        return list(zip(*columns)) if count else []


class Texts:
    """Each place's stored text, read from the cache file only for the results shown."""

    def __init__(self, path: Path | None, start: int, offsets: array.array, crcs: array.array,
                 loaded: list[str] | None = None):
        self.path, self.start, self.offsets, self.crcs = path, start, offsets, crcs
        self.loaded = loaded

    def get(self, numbers: list[int]) -> dict[int, str]:
        if self.loaded is not None:
            return {number: self.loaded[number] for number in numbers}
        found = {}
        try:
            with open(self.path, "rb") as handle:
                for number in sorted(set(numbers)):
                    begin, end = self.offsets[number], self.offsets[number + 1]
                    handle.seek(self.start + begin)
                    data = handle.read(end - begin)
                    if len(data) != end - begin or zlib.crc32(data) != self.crcs[number]:
                        raise DamagedIndex(f"text of place {number}")
                    found[number] = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise DamagedIndex(str(error)) from error
        return found

    def all(self) -> list[str]:
        if self.loaded is not None:
            return self.loaded
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self.start)
                data = handle.read(self.offsets[-1])
        except OSError as error:
            raise DamagedIndex(str(error)) from error
        texts = []
        for number in range(len(self.offsets) - 1):
            piece = data[self.offsets[number] : self.offsets[number + 1]]
            texts.append(piece.decode("utf-8", "replace") if zlib.crc32(piece) == self.crcs[number] else None)
        return texts


def save(path: Path | None, root: Path, stamps: dict, lessons: list[tuple[str, str, str]],
         places: list[Place], texts: list[str]) -> Stored:
    """Pack the index and write it to ``path`` (unless None); return it, ready to search."""
    vocabulary, offsets, crcs, ids, weights, code = pack(
        ((number, place_weights(place)) for number, place in enumerate(places)), len(places))
    lesson_places = array.array("I", [0] * (len(lessons) + 1))
    for place in places:
        lesson_places[place.lesson + 1] += 1
    for number in range(len(lessons)):
        lesson_places[number + 1] += lesson_places[number]
    sections = array.array("i", (-1 if p.section is None else p.section for p in places))
    encoded = [text.encode("utf-8") for text in texts]
    text_offsets, text_crcs, total = array.array("Q", [0]), array.array("I"), 0
    for data in encoded:
        total += len(data)
        text_offsets.append(total)
        text_crcs.append(zlib.crc32(data))
    payload = {
        "root": str(root.resolve()), "stamps": stamps, "code": code,
        "lessons": tuple(JOIN.join(column) for column in zip(*lessons)) if lessons else ("", "", ""),
        "lesson_places": lesson_places.tobytes(), "sections": sections.tobytes(),
        "vocabulary": vocabulary.text, "vocabulary_offsets": vocabulary.offsets.tobytes(),
        "offsets": offsets.tobytes(), "crcs": crcs.tobytes(),
        "ids_length": len(ids), "weights_length": len(weights),
        "text_offsets": text_offsets.tobytes(), "text_crcs": text_crcs.tobytes(),
    }
    if path is not None:
        cache.save(path, KIND, payload, ids + weights + b"".join(encoded))
    postings = Postings(vocabulary, offsets, crcs, memoryview(ids).cast(code), memoryview(weights).cast("H"))
    return Stored(lessons, lesson_places, sections, postings,
                  Texts(None, 0, text_offsets, text_crcs, loaded=texts), stamps)


def load(path: Path, root: Path) -> Stored | None:
    """The stored index, or None when there is none that checks out for ``root``."""
    loaded = cache.load(path, KIND, tail=_postings_length)
    if loaded is None:
        return None
    payload = loaded.payload
    try:
        if payload["root"] != str(root.resolve()):
            return None
        code = payload["code"]
        tail = memoryview(loaded.tail)
        split = payload["ids_length"]
        vocabulary = Vocabulary(payload["vocabulary"], _array("I", payload["vocabulary_offsets"]))
        postings = Postings(vocabulary, _array("I", payload["offsets"]), _array("I", payload["crcs"]),
                            tail[:split].cast(code), tail[split:].cast("H"))
        lessons, places = payload["lessons"], _array("I", payload["lesson_places"])
        sections = _array("i", payload["sections"])
        text_offsets = _array("Q", payload["text_offsets"])
        texts = Texts(path, loaded.tail_start + len(loaded.tail), text_offsets, _array("I", payload["text_crcs"]))
        consistent = (
            code in ("H", "I") and len(postings.offsets) == len(postings.vocabulary) + 1
            and len(postings.crcs) == len(postings.vocabulary) and postings.offsets[-1] == len(postings.ids)
            and len(postings.weights) == len(postings.ids) and len(places) >= 1
            and isinstance(vocabulary.text, str) and vocabulary.offsets[-1] == len(vocabulary.text)
            and isinstance(lessons, tuple) and len(lessons) == 3 and all(isinstance(c, str) for c in lessons)
            and places[-1] == len(sections) and len(text_offsets) == len(sections) + 1
            and isinstance(payload["stamps"], dict)
        )
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    if not consistent:
        return None
    return Stored(lessons, places, sections, postings, texts, payload["stamps"])


def _postings_length(payload) -> int:
    return payload["ids_length"] + payload["weights_length"]


def _array(code: str, data: bytes) -> array.array:
    result = array.array(code)
    result.frombytes(data)
    return result
