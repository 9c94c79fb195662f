"""What the tutor says: an answer, the passages it quotes, and where they come from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from alignlearn.tutor.passages import Passage

INTRODUCTION = "Introduction"
MAX_ANSWER_CHARS = 600  # the quoted passages together; a tutor's answer, not a chapter
SHORT_QUOTE = 80  # a sentence shorter than this is quoted with the sentence after it


@dataclass(frozen=True)
class Source:
    """A quoted passage and the place in the lesson it comes from."""

    lesson_id: str
    section_number: int  # 0: the introduction (and the lesson's big idea)
    section_title: str
    text: str
    source_line: int  # the line in the lesson file where the passage starts
    kind: str = "sentence"  # sentence | paragraph | item | row | code | term | big_idea

    @property
    def label(self) -> str:
        """ "Section 3: How alignment is done in practice", or "Introduction"."""
        if self.section_number == 0:
            return INTRODUCTION
        return f"Section {self.section_number}: {self.section_title}"

    def as_dict(self) -> dict:
        return {"lesson": self.lesson_id, "section": self.section_number,
                "title": self.section_title, "text": self.text}


@dataclass(frozen=True)
class Answer:
    """The tutor's reply to one question.

    ``covered`` is False when the lesson does not answer the question; ``text`` then
    says so, and ``suggestion`` (also part of ``text``) points to the closest
    section (``suggested_section``) or to a related lesson of the course
    (``suggested_lesson``, an id) whose text matches better.
    """

    question: str
    covered: bool
    text: str
    sources: tuple[Source, ...] = ()
    suggestion: str | None = None
    suggested_section: int | None = None
    suggested_lesson: str | None = None
    confidence: float = 0.0  # 0..1: how much of the question the best passage and the lesson meet
    mode: str = "extractive"  # "model": ``text`` is a model's answer over the lesson's passages
    note: str | None = None  # said before the answer: the model did not answer, and why

    def as_dict(self, lesson_id: str | None = None) -> dict:
        """The SPEC's ``ask --json`` document, and for a decline that points somewhere, where:
        ``"suggested": {"lesson", "section"}`` (a section of this lesson, ``lesson_id``, or
        another lesson), else null."""
        pointed = self.suggested_lesson is not None or self.suggested_section is not None
        suggested = {"lesson": self.suggested_lesson or lesson_id, "section": self.suggested_section} if pointed else None
        return {"question": self.question, "covered": self.covered, "answer": self.text,
                "sources": [source.as_dict() for source in self.sources], "mode": self.mode,
                "suggested": None if self.covered else suggested}


def declined(asked: str, confidence: float, example: str, related=None, section: int | None = None,
             label: str = "", lacking: str = "", mentions: str = "") -> Answer:
    """The tutor's decline: the ``related`` lesson to try, or the closest ``section`` (titled
    ``label``), or an ``example`` question; ``lacking``: what the lesson does not give
    ("that number") when it covers the subject but not that; ``mentions``: a name the lesson
    never mentions, which ``related`` does."""
    confidence = round(confidence, 3)
    if related is not None:
        if mentions:
            said = f"This lesson does not mention \u201c{mentions}\u201d. "
            suggestion = f"The lesson \u201c{related.title}\u201d does."
        else:
            said = "This lesson does not seem to cover that. "
            suggestion = f"The lesson \u201c{related.title}\u201d looks like a better place to find that."
        return Answer(question=asked, covered=False, text=said + suggestion,
                      suggestion=suggestion, suggested_lesson=related.id, confidence=confidence)
    if section is None:
        text = ("This lesson does not cover that. You could try asking with words the lesson uses, "
                f"for example: {example}")
        return Answer(question=asked, covered=False, text=text, confidence=confidence)
    suggestion = f"The closest part is {label}" + ("" if label.endswith(("?", "!", ".")) else ".")  # not "it?."
    said = f"This lesson does not give {lacking}. " if lacking else "This lesson does not seem to cover that. "
    return Answer(question=asked, covered=False, text=said + suggestion, suggestion=suggestion,
                  suggested_section=section, confidence=confidence)


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` at a word boundary to at most ``limit`` characters, marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "\u2026"


def lead_in(kinds: list[str]) -> str:
    if kinds and kinds[0] == "term":
        return "The lesson defines them like this:" if kinds[1:2] == ["term"] else "The lesson defines it like this:"
    if kinds and kinds[0] == "big_idea":
        return "That is the lesson's big idea:"
    if len(kinds) > 1:
        return "Here is what the lesson says about that:"
    return "Here is what the lesson says:"


def quoting(sources) -> str:
    """An answer's text: its lead-in, then each source's text, a paragraph each."""
    return lead_in([source.kind for source in sources]) + "\n\n" + "\n\n".join(source.text for source in sources)


def reading_order(passage: Passage) -> tuple[int, int, int]:
    return passage.section, passage.line, passage.number


def quotes(chosen: list[Passage], passages: list[Passage], in_order: bool = False) -> list[list[Passage]]:
    """The chosen passages as quotes, in reading order (``in_order``: as chosen, a key term's
    definition before the sentence that teaches it).

    A short sentence ("A useful way to hold all this in mind is as a tax.") brings
    the sentence after it, and neighbouring sentences of one paragraph make one quote.
    """
    found: list[list[Passage]] = []
    for passage in chosen if in_order else sorted(chosen, key=reading_order):
        run = _enumeration(passage, passages) or [passage]
        if len(run) == 1 and passage.kind == "sentence" and len(passage.text) < SHORT_QUOTE:
            after = _next_sentence(passage, passages)
            if after is not None:
                run.append(after)
        if found and (run[0] in found[-1] or _follows(found[-1][-1], run[0])):
            found[-1].extend(p for p in run if p not in found[-1])
        else:
            found.append(run)
    return found


_ENUMERATOR = re.compile(r"(?:(?:first|second|third|fourth|fifth)(?:ly)?|finally|lastly)\b", re.IGNORECASE)


def _enumeration(passage: Passage, passages: list[Passage]) -> list[Passage]:
    """The sentences of a reasons-in-prose paragraph, "First, ... Second, ...", from the first to
    the last one that counts, when ``passage`` is one of them: one reason is half the answer."""
    numbers = passages[passage.whole].sentences
    if passage.kind != "sentence" or not _ENUMERATOR.match(passage.text) or passage.number not in numbers:
        return []
    counted = [at for at, number in enumerate(numbers) if _ENUMERATOR.match(passages[number].text)]
    if len(counted) < 2 or not passages[numbers[counted[0]]].text.lower().startswith("first"):
        return []
    return [passages[number] for number in numbers[counted[0] : counted[-1] + 1]]


def _next_sentence(passage: Passage, passages: list[Passage]) -> Passage | None:
    numbers = passages[passage.whole].sentences
    at = numbers.index(passage.number) if passage.number in numbers else -1
    return passages[numbers[at + 1]] if 0 <= at < len(numbers) - 1 else None


def _follows(before: Passage, after: Passage) -> bool:
    return (before.kind == after.kind == "sentence" and before.whole == after.whole
            and after.number == before.number + 1)


def sources(lesson_id: str, titles: dict[int, str], chosen: list[Passage],
            passages: list[Passage], in_order: bool = False) -> tuple[Source, ...]:
    """Sources for the chosen passages, sharing ``MAX_ANSWER_CHARS`` between them."""
    runs = quotes(chosen, passages, in_order)
    texts = [" ".join(p.shown or p.text for p in run) for run in runs]
    room = MAX_ANSWER_CHARS // max(len(texts), 1)
    spare = MAX_ANSWER_CHARS - sum(min(len(text), room) for text in texts)
    found = []
    for run, text in zip(runs, texts):
        limit = len(text) if len(text) <= room else room + spare
        spare -= max(0, min(len(text), limit) - room)
        first = run[0]
        found.append(Source(lesson_id, first.section, titles.get(first.section, ""),
                            shorten(text, limit), first.line, first.kind))
    return tuple(found)


def _as_written(term: str, lesson) -> str:
    """``term`` as the lesson's prose writes it: "deceptive alignment", "a constitution", not the
    key term's "Deceptive alignment"; a name ("Goodhart's law", "RLHF") keeps its capitals."""
    lowered = term[:1].lower() + term[1:]
    first = term.split()[0] if term.split() else ""
    prose = " ".join(block.plain() for section in lesson.sections for block in section.blocks)
    inside = re.search(r"(?<![.!?:] )\b" + re.escape(lowered) + r"\b", prose)
    if lowered != term and not (first[1:].islower() and (inside or lowered in lesson.concepts)):
        return term
    article = re.search(r"\b(an?) " + re.escape(lowered) + r"\b", prose)  # "a constitution", not "alignment"
    return f"{article.group(1)} {lowered}" if article else lowered


def example_question(lesson, answered=lambda question: True) -> str:
    """A question a learner could ask about ``lesson``: about its first key term, else its first section;
    the first of those the tutor has an answer to (``answered``), so that a decline never suggests
    a question it would decline too."""
    terms = list(lesson.terms) or list(lesson.concepts)
    asked = [*(f"What is {_as_written(term, lesson)}?" for term in terms[:3]),
             *(f"What does \u201c{section.title}\u201d say?" for section in lesson.sections[:10])]
    return next((question for question in asked if answered(question)), asked[0] if asked else "What is this lesson about?")
