"""The search index on disk: built once from the lessons, then loaded in milliseconds.

For each word, the index holds the places it appears in (a lesson as a whole, its
introduction, or a section: ``places.py``) and the word's weight there.

The file (see ``cache/disk.py`` for its header) holds the plain-data part (the lessons,
their stamps, the vocabulary, offsets and checksums) and then three packed arrays:
place ids, weights (fixed-point) and each place's text, used for snippets and to
index the place again without parsing its lesson. Postings and texts carry a CRC-32
each, checked when first used, so a damaged file is never trusted blindly.
"""

from __future__ import annotations

import array
import marshal
import math
import os
import zlib
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Iterator

from alignlearn.cache import disk as cache
from alignlearn.search.places import SCALE, Place, stored_weights

JOIN = "\x00"  # between the lessons' names, ids and titles (sanitised text never holds it)
KIND = "search"
LAYOUT = 2  # of a place's text (places.Place.text); 2: key-term definitions kept apart. An index of another is built again

Progress = Callable[[int, int], None]


class DamagedIndex(Exception):
    """A checksum did not match: the cache file changed or was damaged since it was loaded."""


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


class Source:
    """The packed arrays after the payload: in memory after a build, else read from the cache file as needed.

    Reading only the postings a query needs (rather than megabytes at load) keeps a
    one-off ``alignlearn search`` as quick on thousands of lessons as on four.
    """

    def __init__(self, data: bytes | None = None, fd: int | None = None, start: int = 0):
        self.data, self.fd, self.start = data, fd, start

    def read(self, offset: int, length: int) -> bytes:
        if self.data is not None:
            return self.data[offset : offset + length]
        if self.fd is None:
            raise DamagedIndex("closed")
        try:
            return cache.read_exactly(self.fd, length, self.start + offset)
        except (OSError, ValueError) as error:
            raise DamagedIndex(str(error)) from error

    def close(self) -> None:
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)

    def __del__(self) -> None:
        self.close()


class Postings:
    """For word ``vocabulary[i]``, entries ``offsets[i]:offsets[i + 1]`` of the ids and weights arrays."""

    def __init__(self, vocabulary: Vocabulary, offsets: array.array, crcs: array.array, source: Source,
                 code: str, weights_at: int, places: int):
        self.vocabulary, self.offsets, self.crcs, self.source = vocabulary, offsets, crcs, source
        self.code, self.weights_at, self.places = code, weights_at, places
        self.size = array.array(code).itemsize
        self.decoded: dict[int, dict[int, float]] = {}

    def __len__(self) -> int:
        return self.offsets[-1]

    def frequency(self, number: int) -> int:
        return self.offsets[number + 1] - self.offsets[number]

    def idf(self, number: int) -> float:
        return math.log(1.0 + max(self.places, 1) / max(self.frequency(number), 1))

    def entry(self, number: int) -> dict[int, float]:
        """Place -> weight x idf for the word at ``number``; checked against its checksum when first read.

        The dict is shared between queries: never change it.
        """
        found = self.decoded.get(number)
        if found is None:
            start, count = self.offsets[number], self.frequency(number)
            ids = self.source.read(start * self.size, count * self.size)
            weights = self.source.read(self.weights_at + start * 2, count * 2)
            if zlib.crc32(weights, zlib.crc32(ids)) != self.crcs[number]:
                raise DamagedIndex(self.vocabulary[number])
            scale = self.idf(number) / SCALE
            found = dict(zip(memoryview(ids).cast(self.code), map(scale.__mul__, memoryview(weights).cast("H"))))
            self.decoded[number] = found
        return found


def pack(places_weights) -> tuple[Vocabulary, array.array, array.array, bytes, bytes, str]:
    """Postings from an iterable of (place number, stored weights), consumed as it
    comes (each place's weights are let go once added): vocabulary, offsets, CRCs,
    ids, weights, id type (16-bit ids when there are few enough places)."""
    ids: dict[str, array.array] = {}
    weights: dict[str, array.array] = {}
    count = 0
    for number, place in places_weights:
        count = number + 1
        for word, weight in place.items():
            column = ids.get(word)
            if column is None:
                column = ids[word] = array.array("I")
                weights[word] = array.array("H")
            column.append(number)
            weights[word].append(weight)
    code = "H" if count < 1 << 16 else "I"
    vocabulary = sorted(ids)
    offsets, crcs = array.array("I", [0]), array.array("I")
    all_ids, all_weights = array.array(code), array.array("H")
    for word in vocabulary:
        column = ids.pop(word)
        if code == "H":
            column = array.array("H", column)
        all_ids.extend(column)
        all_weights.extend(weights[word])
        offsets.append(len(all_ids))
        crcs.append(zlib.crc32(weights.pop(word).tobytes(), zlib.crc32(column.tobytes())))
    return Vocabulary.of(vocabulary), offsets, crcs, all_ids.tobytes(), all_weights.tobytes(), code


class Stored:
    """An index as loaded from (or just written to) the cache."""

    def __init__(self, lessons: tuple[str, str, str] | list, lesson_places: array.array,
                 place_sections: array.array, postings: Postings, texts: "Texts", stamps: bytes,
                 lesson_starts: array.array | None = None):
        self._lessons = lessons
        self._starts = lesson_starts  # 'I': where each lesson's item starts in each joined column
        self.lesson_places = lesson_places  # 'I': lesson i's places are [i]:[i + 1]
        self.place_sections = place_sections  # 'i': -1 for the lesson as a whole
        self.postings, self.texts = postings, texts
        self._stamps = stamps  # pack_stamps() of the lesson files' stamps when it was built

    @cached_property
    def stamps(self) -> dict:
        """File name -> stamp of each lesson file when the index was built; {} if damaged."""
        try:
            stamps = marshal.loads(self._stamps)
        except (EOFError, ValueError, TypeError):
            return {}
        return stamps if isinstance(stamps, dict) else {}

    def built_from(self, stamps: dict) -> bool:
        """Whether the index was built from lesson files with exactly these stamps.

        A fresh process compares the packed bytes (what a scan of the same folder packs
        to, in the same order): unpacking every stamp was a visible part of ``alignlearn search``.
        """
        return pack_stamps(stamps) == self._stamps or self.stamps == stamps

    @property
    def lesson_count(self) -> int:
        """How many lessons it holds, without splitting their names."""
        return max(len(self.lesson_places) - 1, 0)

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

    def lesson(self, number: int) -> tuple[str, str, str]:
        """(file name, lesson id, title) of one lesson, cut from the joined columns
        without splitting them all: a search shows only a few."""
        if self._starts is None or "lessons" in self.__dict__:  # no offsets: an index kept in memory
            return self.lessons[number]
        count, starts = len(self.lesson_places) - 1, self._starts
        if not 0 <= number < count:
            raise IndexError(number)
        return tuple(column[starts[row + number] : starts[row + number + 1] - 1]  # type: ignore[return-value]
                     for row, column in zip(range(0, 3 * (count + 1), count + 1), self._lessons))

    def close(self) -> None:
        self.postings.source.close()


class Texts:
    """Each place's stored text (heading, terms, body), read only for the results shown."""

    def __init__(self, source: Source, at: int, offsets: array.array, crcs: array.array):
        self.source, self.at, self.offsets, self.crcs = source, at, offsets, crcs

    def get(self, numbers: list[int]) -> dict[int, str]:
        return {number: self._one(number) for number in numbers}

    def _one(self, number: int) -> str:
        begin, end = self.offsets[number], self.offsets[number + 1]
        data = self.source.read(self.at + begin, end - begin)
        if zlib.crc32(data) != self.crcs[number]:
            raise DamagedIndex(f"text of place {number}")
        return data.decode("utf-8", "replace")

    def all(self) -> list[str | None]:
        """Every text, None for any that does not check out (its lesson is parsed again)."""
        data = self.source.read(self.at, self.offsets[-1])
        texts: list[str | None] = []
        for number in range(len(self.offsets) - 1):
            piece = data[self.offsets[number] : self.offsets[number + 1]]
            texts.append(piece.decode("utf-8", "replace") if zlib.crc32(piece) == self.crcs[number] else None)
        return texts


def save(path: Path | None, root: Path, stamps: dict, lessons: list[tuple[str, str, str]],
         places: Iterable[Place]) -> Stored:
    """Pack the index and write it to ``path`` (unless None); return it, ready to search.

    ``places`` is consumed as it comes, in order: each place's weights are packed and
    let go (a large course's would not all fit in the memory we allow). Once written,
    the index is loaded back from the file, so the texts stay on disk rather than in
    the reader's memory.
    """
    kept: list[Place] = []

    def weighed() -> Iterator[tuple[int, dict[str, int]]]:
        for number, place in enumerate(places):
            found = stored_weights(place) if place.weights is None else place.weights
            place.weights = None
            kept.append(place)
            yield number, found

    vocabulary, offsets, crcs, ids, weights, code = pack(weighed())
    places = kept
    lesson_places = array.array("I", [0] * (len(lessons) + 1))
    for place in places:
        lesson_places[place.lesson + 1] += 1
    for number in range(len(lessons)):
        lesson_places[number + 1] += lesson_places[number]
    sections = array.array("i", (-1 if p.section is None else p.section for p in places))
    encoded = [place.text().encode("utf-8") for place in places]
    text_offsets, text_crcs, total = array.array("Q", [0]), array.array("I"), 0
    for data in encoded:
        total += len(data)
        text_offsets.append(total)
        text_crcs.append(zlib.crc32(data))
    payload = {
        "root": str(root.resolve()), "stamps": pack_stamps(stamps), "code": code, "layout": LAYOUT,
        "lessons": tuple(JOIN.join(column) for column in zip(*lessons)) if lessons else ("", "", ""),
        "lesson_starts": _starts(lessons).tobytes(),
        "lesson_places": lesson_places.tobytes(), "sections": sections.tobytes(),
        "vocabulary": vocabulary.text, "vocabulary_offsets": vocabulary.offsets.tobytes(),
        "offsets": offsets.tobytes(), "crcs": crcs.tobytes(),
        "ids_length": len(ids), "weights_length": len(weights),
        "text_offsets": text_offsets.tobytes(), "text_crcs": text_crcs.tobytes(),
    }
    if path is not None and cache.save(path, KIND, payload, [ids, weights, *encoded]):
        stored = load(path, root)
        if stored is not None:
            return stored
    source = Source(b"".join([ids, weights, *encoded]))  # not written: kept in memory
    postings = Postings(vocabulary, offsets, crcs, source, code, len(ids), len(places))
    return Stored(lessons, lesson_places, sections, postings,
                  Texts(source, len(ids) + len(weights), text_offsets, text_crcs), pack_stamps(stamps))


def _starts(lessons: list[tuple[str, str, str]]) -> array.array:
    """For each of the three columns, where each lesson's item starts in the column
    joined with JOIN, and where one more would (its length + 1)."""
    starts = array.array("I")
    for column in range(3):
        at = 0
        starts.append(at)
        for lesson in lessons:
            at += len(lesson[column]) + 1
            starts.append(at)
    return starts


def pack_stamps(stamps: dict) -> bytes:
    """Stamps as bytes: marshal version 2 writes no back-references, so equal dicts in
    the same order pack to equal bytes."""
    return marshal.dumps(stamps, 2)


def load(path: Path, root: Path) -> Stored | None:
    """The stored index, or None when there is none that checks out for ``root``.

    The file stays open for the postings and texts, read as queries need them.
    """
    loaded = cache.load(path, KIND, keep=True)
    if loaded is None:
        return None
    source = Source(fd=loaded.fd, start=loaded.tail_start)
    payload = loaded.payload
    try:
        if payload["root"] != str(root.resolve()):
            source.close()
            return None
        code, ids_length = payload["code"], payload["ids_length"]
        vocabulary = Vocabulary(payload["vocabulary"], _array("I", payload["vocabulary_offsets"]))
        sections = _array("i", payload["sections"])
        postings = Postings(vocabulary, _array("I", payload["offsets"]), _array("I", payload["crcs"]), source,
                            code, ids_length, len(sections))
        lessons, places = payload["lessons"], _array("I", payload["lesson_places"])
        starts = _array("I", payload["lesson_starts"])
        text_offsets = _array("Q", payload["text_offsets"])
        texts_at = ids_length + payload["weights_length"]
        texts = Texts(source, texts_at, text_offsets, _array("I", payload["text_crcs"]))
        consistent = (
            payload.get("layout") == LAYOUT
            and code in ("H", "I") and len(postings.offsets) == len(vocabulary) + 1
            and len(postings.crcs) == len(vocabulary) and ids_length == len(postings) * postings.size
            and payload["weights_length"] == len(postings) * 2
            and isinstance(vocabulary.text, str) and vocabulary.offsets[-1] == len(vocabulary.text)
            and isinstance(lessons, tuple) and len(lessons) == 3 and all(isinstance(c, str) for c in lessons)
            and len(places) >= 1 and len(starts) == 3 * len(places)
            and all(starts[(row + 1) * len(places) - 1] == (len(column) + 1 if len(places) > 1 else 0)
                    for row, column in enumerate(lessons)) and places[-1] == len(sections) and len(text_offsets) == len(sections) + 1
            and loaded.tail_start + texts_at + text_offsets[-1] == loaded.size
            and isinstance(payload["stamps"], bytes)
        )
    except (KeyError, TypeError, ValueError, IndexError):
        consistent = False
    if not consistent:
        source.close()
        return None
    return Stored(lessons, places, sections, postings, texts, payload["stamps"], starts)


def _array(code: str, data: bytes) -> array.array:
    result = array.array(code)
    result.frombytes(data)
    return result
