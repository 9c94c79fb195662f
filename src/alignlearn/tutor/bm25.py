"""Okapi BM25 over a lesson's passages.

Written here rather than taken from a package: the whole ranking function is a
dozen lines, a lesson has a few hundred passages, and the core stays free of
dependencies (rank-bm25, the usual choice, would also pull in NumPy).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, Mapping

K1 = 1.2  # how quickly repeating a word stops adding to the score
B = 0.75  # how much a long passage is penalised for its length


class BM25:
    """Score documents (lists of tokens) against a weighted bag of query tokens."""

    def __init__(self, documents: Iterable[list[str]]):
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.lengths: list[int] = []
        for number, tokens in enumerate(documents):
            self.lengths.append(len(tokens))
            for token, count in Counter(tokens).items():
                self.postings.setdefault(token, []).append((number, count))
        self.size = len(self.lengths)
        self.average = (sum(self.lengths) / self.size) if self.size else 0.0
        # An unseen word is as telling as a word that appears nowhere: the largest idf.
        self.unseen_idf = math.log(1 + (self.size + 0.5) / 0.5)

    def __len__(self) -> int:
        return self.size

    def idf(self, token: str) -> float:
        frequency = len(self.postings.get(token, ()))
        if not frequency:
            return self.unseen_idf
        return math.log(1 + (self.size - frequency + 0.5) / (frequency + 0.5))

    def knows(self, token: str) -> bool:
        return token in self.postings

    def scores(self, query: Mapping[str, float]) -> dict[int, float]:
        """BM25 score of each document that shares at least one token with the query."""
        found: dict[int, float] = {}
        average = self.average or 1.0
        for token, weight in query.items():
            posting = self.postings.get(token)
            if not posting:
                continue
            idf = self.idf(token) * weight
            for number, count in posting:
                norm = count + K1 * (1 - B + B * self.lengths[number] / average)
                found[number] = found.get(number, 0.0) + idf * count * (K1 + 1) / norm
        return found
