"""Questions that ask what can be done about something: "what can you do about reward hacking?",
"how do people stop specification gaming?", "is there a fix for it?". A lesson that gives a
section to its remedies ("Mitigations", "Defences", "Countermeasures") answers them there, with
its list, not with the definition of the thing the question names.

Questions that ask what is wrong with something ("what are the downsides of constitutional AI?")
are asked in the lesson's own word for it when it has another ("its limits", "Honest
trade-offs"): the learner's word for weak points is not a word about the subject.

And questions that ask for an example ("give me an example of specification gaming", "what's a
real case of it?"): a lesson's one section of examples ("Classic examples", "Case studies")
answers them, not the sentence that says examples were gathered into a list.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from alignlearn.tutor.passages import Passage, Ranked
from alignlearn.tutor.question import Query
from alignlearn.tutor.words import fold

_ACTS = (r"stop|prevent|avoid|fix|reduce|mitigate|counter|tackle|handle|deal\s+with|guard\s+against|defend\s+against|"
         r"address|limit|curb|combat|minimi[sz]e|lessen|cope\s+with|protect\s+against|solve")
_DONE = (r"prevented|avoided|fixed|reduced|mitigated|countered|stopped|addressed|tackled|limited|curbed|combated|"
         r"handled|minimi[sz]ed|solved")
_REMEDIES = r"fix(?:es)?|cures?|solutions?|remed(?:y|ies)|defen[cs]es?|countermeasures?|mitigations?|safeguards?"
_ASKED = re.compile(
    r"\bwhat\s+(?:can|could|should|do|does)\s+(?:\w+\s+){0,2}?do\s+(?:about|against|to\s+(?:" + _ACTS + r"))\b"
    r"|\bwhat\s+(?:is|are|has\s+been|have\s+been)\s+(?:being\s+)?done\s+(?:about|against)\b"
    r"|\bhow\s+(?:do|does|can|could|would|should|might|to|are|is)\s+(?:\w+\s+){0,3}?(?:" + _ACTS + r")\b"
    r"|\bhow\s+(?:is|are|can|could|should|might)\b[^?]{0,80}?\b(?:be\s+)?(?:" + _DONE + r")\b"
    r"|\b(?:is|are)\s+there\s+(?:a\s+|an\s+|any\s+)?(?:way\s+to\s+(?:" + _ACTS + r")|" + _REMEDIES + r")\b"
    r"|\b(?:" + _REMEDIES + r")\s+(?:for|to|against)\b"
    r"|\bways?\s+to\s+(?:" + _ACTS + r")\b|\bmitigat\w*")
_TITLE = re.compile(r"\b(?:mitigat\w*|defen[cs]es?|countermeasures?|fix(?:es|ing)?|solutions?|remed\w*|safeguards?|"
                    r"prevent\w*|what\s+(?:can|to)\s+be\s+done|what\s+to\s+do|countering|tackling)\b")


# "What are the downsides / main weaknesses of X?": what is wrong with X, in the learner's word.
_WEAK_ASKED = re.compile(r"\bwhat\s+(?:are|were)\s+(?:(?:the|its|their)\s+)?(?:[\w-]+'s\s+)?(?:main\s+|biggest\s+|key\s+)?"
                         r"(?P<word>downsides|drawbacks|weaknesses|weak\s+spots|weak\s+points|shortcomings|limitations|"
                         r"flaws|caveats|limits)(?:\s+(?:of|with|in|to)\b|\s*[?.!]*\s*$)")
_WEAK_TITLE = re.compile(r"\b(?:limits|limitations|trade-?offs|weaknesses|drawbacks|downsides|shortcomings|caveats)\b")
_WEAK_COLUMN = re.compile(r";\s*(?:weakness(?:es)?|known\s+limits?|limits?|limitations?|drawbacks?|downsides?|open\s+worry)\s")
# The lesson's words for them, in the order tried.
_WEAK_SAID = ("limits", "limitations", "trade-offs", "weaknesses", "drawbacks", "downsides", "shortcomings", "caveats")


def in_lesson_words(question: str, says: Callable[[str], bool], titled: Callable[[str], bool]) -> str:
    """``question`` with its word for a thing's weak points replaced by the lesson's, when the
    lesson never says the learner's (``says(word)``) and a section of it is titled with its own
    (``titled(word)``: "Limits and open questions", "Honest trade-offs")."""
    match = _WEAK_ASKED.search(question)
    if match is None or says(match.group("word")):
        return question
    own = next((word for word in _WEAK_SAID if titled(word)), None)
    if own is None:
        return question
    return question[: match.start("word")] + own + question[match.end("word") :]


_EXAMPLE_ASKED = re.compile(r"\b(?:an?|some|any|one|real|concrete|famous|classic|good)\s+(?:[\w-]+\s+)?(?:examples?|cases?|"
                            r"instances?)\s+of\b|\b(?:give|show|tell)\s+me\s+(?:an?\s+|some\s+)?(?:[\w-]+\s+)?"
                            r"(?:examples?|cases?|instances?)\b|\bfor\s+(?:example|instance)\s*\?")
_EXAMPLES = re.compile(r"\b(?:examples?|case\s+stud(?:y|ies)|cases|in\s+the\s+wild)\b")


def _label_meets(row: Passage, clause) -> bool:
    """Whether a table row's label (its first cell, before the colon) holds a word of ``clause``:
    the row is the thing the question asks about ("RLHF: ... weakness Costly, biased")."""
    label = fold(row.text.split(":", 1)[0])
    return any(token in label for token in clause.tokens if not token.startswith("~"))


def example_asked(question: str) -> bool:
    return _EXAMPLE_ASKED.search(fold(question).replace("\u2019", "'")) is not None


def remedy_asked(question: str) -> bool:
    return _ASKED.search(fold(question).replace("\u2019", "'")) is not None


def remedies_first(question: str, query: Query, ranked: list[Ranked], titles: dict[int, str],
                   wholes: list[Passage], context) -> list[Ranked]:
    """``ranked`` with the first passage of the lesson's one remedies section in front, when the
    question asks what can be done about something, the best passage is elsewhere, and that
    section meets some of the question's own words (``context(passage)``: the words a passage
    meets): "what can you do about reward hacking?" gets "Mitigations", whose list speaks of
    rewards."""
    if not ranked:
        return ranked
    best = ranked[0]
    # An example is wanted from the section of examples only when the best passage gives none: it
    # defines the thing, or speaks of examples ("gathered examples into a list") without giving one.
    example = example_asked(question) and (bool(best.passage.term) or _EXAMPLES.search(fold(best.passage.text)))
    kind = (_TITLE if remedy_asked(question) else _EXAMPLES if example
            else _WEAK_TITLE if _WEAK_ASKED.search(fold(question).replace("\u2019", "'")) else None)
    if kind is None:
        return ranked
    sections = [number for number, title in titles.items() if number and kind.search(fold(title))]
    if kind is _WEAK_TITLE and not sections:  # a table's column of weak points: the row of the thing asked about
        row = next((p for p in wholes if p.kind == "row" and _WEAK_COLUMN.search(fold(p.text))
                    and any(c.met_by(context(p), query.names_in_lesson) and _label_meets(p, c)
                            for c in query.clauses)), None)
        return [Ranked(row, best.score, best.coverage, best.confidence), *ranked] if row is not None else ranked
    if len(sections) != 1 or ranked[0].passage.section == sections[0]:
        return ranked
    inside = [p for p in wholes if p.section == sections[0]]
    names = query.names_in_lesson
    if not inside or not any(c.met_by(context(p), names) for p in inside for c in query.clauses if not c.named):
        return ranked
    if kind is _WEAK_TITLE and not all(any(c.met_by(context(p), names) for p in inside) for c in query.clauses if c.named):
        return ranked  # "the weaknesses of RLHF" are not those of the lesson's subject its "trade-offs" are
    first = inside[0]
    if kind is _EXAMPLES:  # the first example, not the sentence that leads into them
        first = next((p for p in inside[1:] if p.kind == "paragraph"), first)
    return [Ranked(first, best.score, best.coverage, best.confidence), *ranked]
