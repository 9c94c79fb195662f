"""A question that leans on the one before it, as a learner asks in a conversation: "why does
it happen?", "can you give an example?", "tell me more", after "What is sycophancy?".

On its own such a question names nothing the lesson could answer from ("I could not find a
question in that"), or its "it" is whatever the lesson says most about "it". The reader's
tutor keeps the conversation, so it reads the question with the earlier one's subject in it
(``follow_up``): "why does sycophancy happen?", "can you give an example of sycophancy?".
"Tell me more" goes on where the last answer stopped (``continued``): the paragraph after
the one it quoted. The CLI's ``ask`` is one question at a time and reads neither.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from alignlearn.tutor.answers import Answer, Source, quoting
from alignlearn.tutor.lacks import term_asked
from alignlearn.tutor.words import STOPWORDS, fold, stems, words

if TYPE_CHECKING:
    from alignlearn.tutor.tutor import Tutor

# Words a follow-up asks with, which name no subject of their own.
_ASKING = frozenset("""example examples instance instances more happen happens happened mean means meant explain
explained elaborate detail details tell give show go else also again work works matter matters important
why how what when who which where please thanks thank okay ok yes no really actually exactly kind sort
about say said please further bit little lot""".split())
# "it", "they", "this one": the subject of the question before.
_PRONOUN = re.compile(r"\b(?:it|they|them|its|their|this|that|these|those)\b(?=\s*(?:[?.!,]|$|\s+(?:is|are|was|were|"
                      r"does|do|did|mean|means|work|works|happen|happens|matter|matters|one|come|came|cause|"
                      r"causes|lead|leads|differ|differs|help|helps|fail|fails|go|goes|have|has)\b))", re.IGNORECASE)
_OWN_PRONOUN = re.compile(r"\b(?:it|they|them)\b", re.IGNORECASE)
_OWNER = re.compile(r"\b(?:its|their)\b(?=\s+\w)", re.IGNORECASE)
_MORE = re.compile(r"^\s*(?:(?:and|ok|okay|so|right|great|thanks|thank\s+you)\W+)*(?:(?:can|could)\s+you\s+)?"
                   r"(?:tell\s+me\s+(?:a\s+(?:bit|little)\s+)?more|say\s+more|go\s+on|keep\s+going|continue|"
                   r"more(?:\s+(?:please|detail|details))?|what\s+else|anything\s+else|and\s+then)\s*(?:please)?\W*$",
                   re.IGNORECASE)
_BARE = re.compile(r"^\s*(?:why|how|how\s+come|when|who|where|so)\s*$", re.IGNORECASE)  # "why?": "why X?"
_EXAMPLE = re.compile(r"\b(?:example|examples|instance|instances)\b\W*$", re.IGNORECASE)


def asks_for_more(question: str) -> bool:
    """ "Tell me more", "go on", "what else?": more of the last answer's subject."""
    return _MORE.match(question) is not None


def _own_words(question: str) -> list[str]:
    """The words of ``question`` that name something: not small words, nor words any follow-up asks with."""
    return [word for word in words(fold(question).replace("\u2019", "'")) if word not in STOPWORDS and word not in _ASKING]


def subject(question: str, known: Callable[[str], bool]) -> str:
    """What ``question`` is about, in its own words: the term of "What is X?" or "How does X
    work?", else its words the lesson uses (``known(word)``) that ask nothing by themselves."""
    term = term_asked(question)
    if term:
        return " ".join(term)
    return " ".join(word for word in _own_words(question) if known(word))


def follow_up(question: str, before: str, known: Callable[[str], bool]) -> str:
    """``question`` with the subject of ``before`` (the question asked just before it, as
    the tutor read it) put in, when it leans on it: it names nothing of the lesson's own
    (``known(word)``: the lesson uses the word), or it says "it" or "this" for it. Else
    ``question`` unchanged."""
    about = subject(before, known) if before.strip() else ""
    if not about or about in fold(question):
        return question
    theirs = _own_words(question)
    own = [word for word in theirs if known(word)]
    owner = _OWNER.search(question)
    if owner is not None:  # "what are its stages?": the subject's stages
        return question[: owner.start()] + about + "'s" + question[owner.end():]
    pronoun = _PRONOUN.search(question) or (_OWN_PRONOUN.search(question) if not own else None)
    if pronoun is not None:
        return question[: pronoun.start()] + about + question[pronoun.end():]
    if theirs:  # "What is superalignment?" after "What is RLAIF?": a subject of its own, which the lesson lacks
        return question
    stripped = question.rstrip(" ?.!")
    joint = " of " if _EXAMPLE.search(stripped) else " " if _BARE.match(stripped) else " about "
    return stripped + joint + about + question[len(stripped):]


def leans_on_before(question: str, known: Callable[[str], bool]) -> bool:
    """Whether ``question`` only makes sense after another: "tell me more", "why?", "an
    example?", "why does it happen?" name nothing of the lesson's own (``known(word)``) and ask
    more, for a reason, an example, or about "it"."""
    if asks_for_more(question):
        return True
    theirs = _own_words(question)
    stripped = question.rstrip(" ?.!")
    leaning = _PRONOUN.search(question) or _OWN_PRONOUN.search(question) or _OWNER.search(question)
    if any(known(word) for word in theirs) or theirs and not leaning:  # "what is superalignment?": its own subject
        return False
    return bool(_BARE.match(stripped) or _EXAMPLE.search(stripped) or leaning)


def continued(tutor: "Tutor", before: Answer, about: str = "", strict: bool = False) -> Answer | None:
    """ "Tell me more" after ``before``: the paragraph or list item that follows the last passage
    it quoted, in its section or the next one; the first after it in its section that still
    speaks of ``about`` (the subject's words), when one does (``strict``: only then). None when
    there is none, or ``before`` quoted nothing."""
    if not before.covered or not before.sources:
        return None
    read = [source for source in before.sources if source.kind not in ("term", "big_idea")]  # set apart from the text
    wanted = set(stems(about, tutor.thesaurus.stemmer)) - {tutor.thesaurus.stemmer(word) for word in _ASKING}
    quoted = {source.source_line for source in before.sources}
    start = max(((source.section_number, source.source_line) for source in read), default=(0, -1))
    after = sorted((p for p in tutor.wholes if (p.section, p.line) > start
                    and p.line not in quoted and p.kind in ("paragraph", "item", "code", "row")),
                   key=lambda p: (p.section, p.line))
    if not read:  # a key term's definition only: the lesson's own text on it, where it first speaks of it
        teaching = [p for p in after if p.section and wanted and wanted <= tutor.title_tokens[p.section]]
        nearest = next(iter(teaching), None) or next(
            (p for p in after if p.section and wanted and wanted <= tutor.token_sets[p.number]), None)
    else:
        same = [p for p in after if p.section == start[0]]
        nearest = next((p for p in same if wanted and wanted <= tutor.token_sets[p.number]),
                       None if strict or not after else after[0])
    if nearest is None:
        return None
    text = nearest.shown or nearest.text
    source = Source(tutor.lesson.id, nearest.section, tutor.titles.get(nearest.section, ""), text, nearest.line,
                    nearest.kind)
    return Answer(question=before.question, covered=True, text="The lesson goes on:\n\n" + text, sources=(source,),
                  confidence=before.confidence)


def lesson_word(tutor: "Tutor") -> Callable[[str], bool]:
    """Whether the lesson uses a word (in any of its forms)."""
    return lambda word: tutor.thesaurus.stemmer(word) in tutor.vocabulary


def ask_after(tutor: "Tutor", question: str, before: tuple[str, Answer] | None = None,
              ask: Callable[[str], Answer] | None = None) -> tuple[str, Answer]:
    """The answer to ``question`` asked after ``before`` (the question before it, as read, and
    its answer), and ``question`` as read: with the earlier subject put in when it leans on it.
    ``ask(question)`` answers (``tutor.ask``, or the model's answer over the tutor's passages)."""
    if asks_for_more(question):
        more = continued(tutor, before[1], subject(before[0], lesson_word(tutor))) if before is not None else None
        if more is not None:
            return before[0], more
        if before is None:  # "tell me more" as the first question: more of nothing yet
            return question, Answer(question=question, covered=False, text="Ask a question about the lesson first; "
                                    f"then \u201ctell me more\u201d goes on from its answer. For example: {tutor.example}")
    read = follow_up(question, before[0], lesson_word(tutor)) if before is not None else question
    answer = (ask or tutor.ask)(read)
    if before is not None and read != question and _nothing_new(answer, before[1]):
        # "why?" after "What is Goodhart's law?" found its definition, or the same paragraph, again:
        # the lesson's own text on it says more than the same words twice
        only_term = all(source.kind == "term" for source in answer.sources)  # its text goes on from its definition
        more = continued(tutor, before[1], subject(before[0], lesson_word(tutor)), strict=not only_term)
        if more is not None:
            return read, more
        if answer.mode == "extractive":  # not the definition again: the lesson's own text on it, else "no more"
            text = tuple(source for source in answer.sources if source.kind != "term")
            if text:
                return read, replace(answer, text=quoting(text), sources=text)
            return read, Answer(question=read, covered=False, text=NOTHING_MORE, sources=before[1].sources)  # kept, not shown
    return read, answer


NOTHING_MORE = "The lesson says no more on that than the answers above: ask about another part of it."


def _nothing_new(answer: Answer, before: Answer) -> bool:
    """Whether ``answer`` quotes only what ``before`` quoted already: "why does it happen?" after
    "what is sycophancy?" found the same paragraph, or the key term's definition, again."""
    return (answer.covered and bool(before.sources) and bool(answer.sources)
            and {(s.section_number, s.source_line) for s in answer.sources}
            <= {(s.section_number, s.source_line) for s in before.sources})
