"""Questions a lesson cannot answer even when it uses most of their words.

The tutor's confidence is the share of a question's weight the lesson meets, so a
question about something the lesson never mentions can still pass when its other
words are the lesson's own ("How did the constitutional model score on TruthfulQA?").
Three shapes of question are declined whatever the confidence, each because the
thing asked about is missing, not because words are:

- it names something (a capitalised name, an acronym) the lesson never names by any
  form, and the best passage does not meet the most specific of its other words
  either (the one the fewest lessons of the course use): the lesson is not about that
  thing. When the best passage does, the name is the learner's own label for what
  the lesson describes ("the MNIST experiment" for its pixels experiment), and the
  answer stands, unless the question is answered yes or no ("was it done on MNIST?"),
  which the lesson can neither confirm nor deny. Words every lesson of the course uses
  ("model", "score") cannot vouch for a passage that way;
- "What is X?" or "How does X work?" ("How does X infer ...?") where a word of X,
  the term asked about, is one the lesson never uses: "the cobra effect", "recursive
  reward modelling" (the lesson's "reward modelling" is another thing), "inverse
  reinforcement learning";
- it asks for something to be filled in, a figure, a name, a year, code
  (``alignlearn.tutor.slots``), and no passage near the best one that meets enough of
  the question holds one (when one does, the tutor answers from the best-ranked such
  passage); or it asks that of a thing the lesson never names.
"""

from __future__ import annotations

import re

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from alignlearn.course.lesson import Lesson
from alignlearn.course.problems import LessonError
from alignlearn.tutor.question import Clause, Query
from alignlearn.tutor.thesaurus import NAME_LETTERS
from alignlearn.tutor.words import STOPWORDS, fold, stems, words

_ARTICLE = r"(?:(?:an?|the)\s+)?"
_END = r"\s*(?:[?.!,;:]|\s+and\s|$)"
# The term asked about runs to the end of the clause: "What is the cobra effect?", not
# "What is the downside of ...", whose term is the part after "of".
_WHAT_IS = re.compile(r"^\s*what(?:'s|\s+is|\s+are|\s+was|\s+were)\s+" + _ARTICLE + r"(?P<term>[^?.!,;:]+?)" + _END)
# "How does X <verb> ...?": X runs from after "does" to the word before the first glue
# word ("How does inverse reinforcement learning infer a reward ...": the verb is "infer").
_HOW_DOES = re.compile(r"^\s*how\s+(?:does|do|did|can|could|would|will)\s+" + _ARTICLE + r"(?P<term>[^?.!,;:]+)")


# Prepositions the stop words leave out: "the analogy behind X" asks about X's analogy.
# "How do developers prevent ...?", "how can engineers test ...?": people acting, and what they do.
_DOINGS = frozenset("""stop prevent avoid fix reduce mitigate counter tackle handle deal guard defend address limit curb
combat minimise minimize lessen cope protect solve test measure train build ensure evaluate catch spot choose decide judge
define design verify audit monitor align control oversee supervise trust rate label score pick red-team""".split())
_AGENTS = re.compile(r"(?:ers|ors|ists|ians|ants|ents)$|^(?:people|humans|labs|companies|teams|governments|firms|folks)$")
_PREPOSITIONS = frozenset("""aboard across along amid among amongst around astride behind beneath beside besides
beyond concerning despite inside like near onto opposite outside past per regarding round since throughout
toward towards underneath unlike versus vs within""".split())


def _plain(question: str) -> str:
    return fold(question).replace("\u2019", "'")


def term_asked(question: str) -> list[str] | None:
    """The words of X in "What is X?" (X a term: no glue words in it) or "How does X
    <verb> ...?" (the words before the first glue word, less the last: the verb, or the
    last word of its object), or None for a question of another shape."""
    plain = _plain(question)
    match = _WHAT_IS.match(plain)
    if match is not None:
        found = [word for word in words(match.group("term").replace("'s", " ")) if len(word) > 1]
        return found if found and not any(word in STOPWORDS or word in _PREPOSITIONS for word in found) else None
    match = _HOW_DOES.match(plain)
    if match is None:
        return None
    found = []
    for word in words(match.group("term").replace("'s", " ")):
        if word in STOPWORDS or word in _PREPOSITIONS:
            break
        found.append(word)
    while len(found) > 1 and found[-1].endswith("ing"):  # "avoid needing": the verb is the word before
        found.pop()
    if len(found) > 1 and _AGENTS.search(found[0]) and found[1] in _DOINGS:
        return None  # "How do developers prevent X?": the one who acts, then what they do, is no term
    return found[:-1] or None  # the last is the verb


# "the case the lesson on deceptive alignment examines": a pointer to another lesson, which names
# its subject without teaching it here
_REFERENCE = re.compile(r"\b(?:companion\s+)?lessons?\s+(?:on|about)\s+[^.;:()]*", re.IGNORECASE)


def pointers(texts: Iterable[str]) -> tuple[str, str]:
    """A lesson's pointers to other lessons ("the lesson on deceptive alignment"), and the rest of
    its text, both folded."""
    texts = [fold(text).replace("\u2019", "'").replace("'s ", " ") for text in texts]
    return (" ".join(match.group() for text in texts for match in _REFERENCE.finditer(text)),
            " ".join(_REFERENCE.sub(" ", text) for text in texts))


def only_pointed_to(term: Iterable[str], pointed: tuple[str, str]) -> bool:
    """Whether a lesson names ``term`` (its words) only in pointers to other lessons: "What is
    deceptive alignment?" is another lesson's question when all this one says is "the lesson on
    deceptive alignment"."""
    phrase = re.compile(r"\b" + r"\W+".join(re.escape(word) for word in term) + r"\b")
    return bool(pointed[0]) and phrase.search(pointed[0]) is not None and phrase.search(pointed[1]) is None


def missing(query: Query, vocabulary: frozenset[str]) -> list[Clause]:
    """The question's clauses that nothing in ``vocabulary`` meets."""
    return [c for c in query.clauses if not c.met_by(vocabulary, query.names_in_lesson)]


def lesson_texts(lesson: Lesson) -> list[str]:
    """The plain text of a lesson's introduction and sections, block by block."""
    texts = [block.plain() for block in lesson.intro]
    return texts + [block.plain() for section in lesson.sections for block in section.blocks]


# A name as lessons write it: "Redwood Research", "DeepMind", "METR", "GPT-4".
_WRITTEN_NAME = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)+|\b[A-Z][a-z]+[A-Z]\w*|\b[A-Z]{2,}[A-Z0-9]*(?:-[A-Z0-9]+)*\b")
_LEADING = re.compile(r"^(?:(?:A|An|The|This|That|These|Those|Our|Your|Its|Their|In|On|At|For|If|When)\s+)+")  # a sentence's start
_SET_BESIDE = re.compile(r"\b(?:like|unlike|than|versus|vs|compared\s+(?:to|with)|such\s+as|similar\s+to|differ(?:s|ent)?\s+from|"
                         r"instead\s+of|rather\s+than)\s+(?:(?:the|a|an|usual|standard|plain|ordinary|normal)\s+)*"
                         r"[\w-]+(?:\s+[\w-]+)?")
_CONNECTORS = frozenset({"of", "for", "from", "the", "and", "to", "in", "on", "a", "an", "with", "by"})


def initials(texts: Iterable[str], longest: int = 8) -> frozenset[str]:
    """The initials of every run of words in ``texts`` (connectors skipped, as acronyms do):
    "reinforcement learning from human feedback" gives "rlhf", so a lesson that spells a name
    out names it by its acronym too."""
    found: set[str] = set()
    for text in texts:
        letters = [word[0] for word in words(text) if word not in _CONNECTORS]
        for start in range(len(letters)):
            for end in range(start + 2, min(start + longest, len(letters)) + 1):
                found.add("".join(letters[start:end]))
    return frozenset(found)


@dataclass
class Named:
    """A name or key term of the course: as a lesson first writes it, and the lessons that do."""

    written: str
    lessons: list[str]  # the lessons that teach it as a key term first
    taught: int = 0  # how many of them do

    @property
    def term(self) -> bool:
        return self.taught > 0


SAMPLE = 100  # lessons read to count a larger course's words: every lesson of 2,116 took 12 s per question


# Initials of names every lesson may write ("Large Language Models"): a learner's "LLM" names no lesson's subject.
_EVERYONES_INITIALS = frozenset({"llm", "llms", "lms", "mls", "nns"})


def course_spread(course, stemmer: Callable[[str], str],
                  also: Iterable[str] = ()) -> tuple[Counter[str], dict[str, Named], int]:
    """How many lessons of ``course`` use each stem (their text, titles and key terms), the
    course's names (each key term and each name its lessons write, by its folded words), and
    how many lessons were read. A course of more than ``SAMPLE`` lessons is read in a sample
    spread evenly through it, with the lessons ``also`` (the related ones): a share of lessons
    that use a word is as well told by a hundred of them, and the related lessons are where a
    name asked about is likeliest taught."""
    spread: Counter[str] = Counter()
    names: dict[str, Named] = {}
    ids = [info.id for info in course.lessons]
    if len(ids) > SAMPLE:
        ids = list(dict.fromkeys([*(ids[at * len(ids) // SAMPLE] for at in range(SAMPLE)), *also]))
    read = 0
    for lesson_id in ids:
        try:
            lesson = course.lesson(lesson_id, with_quiz=False)
        except (LessonError, KeyError, OSError):
            continue
        read += 1
        info = lesson.info
        prose = lesson_texts(lesson)
        texts = [lesson.title, *prose, *(s.title for s in lesson.sections), *lesson.terms, *lesson.terms.values()]
        spread.update({token for text in texts for token in stems(text, stemmer)})
        joined = " ".join(prose)
        for name in lesson.terms:  # the lessons that teach a term come first, in the first one's words
            lower = name[:1].lower() + name[1:]  # "Sleeper agent" as the prose writes it: "sleeper agent"
            named = names.setdefault(" ".join(words(name)), Named(name, []))
            if not named.term:
                named.written = lower if lower in joined else name
            if info.id in named.lessons:
                named.lessons.remove(info.id)
            named.lessons.insert(named.taught, info.id)
            named.taught += 1
        for name in dict.fromkeys(_LEADING.sub("", m.group()) for text in prose for m in _WRITTEN_NAME.finditer(text)):
            if not _WRITTEN_NAME.fullmatch(name):  # "A Cargo feature": "Cargo" alone is a word, as a learner types it
                continue
            named = names.setdefault(" ".join(words(name)), Named(name, []))
            if len(name) > 2 and info.id not in named.lessons:
                named.lessons.append(info.id)
            # "Direct Preference Optimization" is "dpo" to a learner, as the lesson's own thesaurus has it
            letters = "".join(word[0] for word in words(name) if word not in _CONNECTORS)
            if len(letters) >= NAME_LETTERS and letters not in names and letters not in _EVERYONES_INITIALS:
                names[letters] = named
    return spread, names, read


def named_elsewhere(question: str, names: dict[str, Named], lesson_id: str,
                    has: Callable[[str], bool], lessons: int = 0) -> Named | None:
    """A name or key term of another lesson of the course that ``question`` uses and this
    lesson never does (``has(phrase)`` says whether it does): "what did deepmind find ...",
    "could representation engineering ...": the course teaches it elsewhere, this lesson
    cannot answer about it. None when there is none. A name most of the course's ``lessons``
    use, set beside the subject ("different from the usual RLHF setup"), is the learner's
    reference, not the subject."""
    folded = fold(question)
    beside = " ".join(words(" ".join(m.group() for m in _SET_BESIDE.finditer(folded))))
    found = words(folded)
    for start in range(len(found)):
        for length in range(min(6, len(found) - start), 0, -1):
            phrase = " ".join(found[start : start + length])
            singular = names.get(phrase[:-1]) if phrase.endswith("s") and len(phrase) > 4 else None
            named = singular if singular is not None and singular.term else names.get(phrase) or singular
            if named is None or not named.lessons or lesson_id in named.lessons or has(phrase):
                continue
            if len(named.lessons) * 2 > lessons and re.search(r"\b" + re.escape(phrase) + r"\b", beside):
                continue
            return named
    return None


def most_specific(clauses: Iterable[Clause], spread: Counter[str], lessons: int) -> list[Clause]:
    """The clauses the fewest lessons use (by their least used word); none when more than
    half the ``lessons`` use even those: the course's common words, not a subject."""
    rated = [(min((spread[t] for t in c.tokens if not t.startswith("~")), default=0), c) for c in clauses]
    if not rated:
        return []
    fewest = min(used for used, _ in rated)
    return [] if fewest > lessons / 2 else [c for used, c in rated if used == fewest]


# "Was it done on ...?", "Did X work better ...?", "Has anyone ...?": a question answered yes or no.
_YES_OR_NO = re.compile(r"^\s*(?:(?:so|and|but|ok|okay)\W+)?(?:is|was|are|were|did|does|do|has|have|had|can|could|would|"
                        r"will|should|any)\b")


# "What's the capital of Australia?": what is asked belongs to the name at the end, which the lesson never names.
_OWNER_LAST = re.compile(r"\b(?:of|in|for)\s+(?:the\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*\s*[?.!]*\s*$")


def unnamed(query: Query, absent: list[Clause], context: frozenset[str],
            spread: Callable[[], tuple[Counter[str], int] | None], question: str = "") -> bool:
    """Whether the question names a thing the lesson never names (one of ``absent``) and
    the best passage, read in its ``context``, does not meet its most specific other
    words either. ``spread()``: how many lessons of the course use each stem, and how
    many lessons there are; without it (None), the best passage must meet all the rest.
    A ``question`` answered yes or no about that thing ("was the digit experiment done on
    MNIST?") is one the lesson can neither confirm nor deny, whatever the passage meets."""
    names = [c for c in absent if c.named]
    if not names:
        return False
    if _YES_OR_NO.match(_plain(question)) or _OWNER_LAST.search(question):
        return True
    rest = [c for c in query.clauses if c not in names]
    counted = spread()
    vouching = most_specific(rest, *counted) if counted is not None else rest
    return not vouching or not all(c.met_by(context, query.names_in_lesson) for c in vouching)


# A title or phrase in quotes: "what did 'sycophancy to subterfuge' show?"
_QUOTED = re.compile(r"(?:^|\s)['\"\u2018\u201c]([^'\"\u2019\u201d]{3,80}?)['\"\u2019\u201d](?=[\s?.!,;:]|$)")


def quoted_unknown(question: str, has: Callable[[str], bool], uses: Callable[[str], bool]) -> bool:
    """Whether the question quotes a phrase of two words or more that the lesson never writes
    (``has(phrase)``: its words in a row), half of whose words it never uses (``uses(word)``):
    a paper or a saying it does not name, not the learner's wording of one it does."""
    for match in _QUOTED.finditer(question):
        phrase = match.group(1).strip(" !?,")
        if phrase.endswith(("...", "\u2026")):  # "'pick the response that...'": the learner's gist of it
            continue
        content = [w for w in words(phrase) if w not in STOPWORDS]
        if len(content) >= 2 and not has(phrase) and 2 * sum(not uses(w) for w in content) >= len(content):
            return True
    return False


# "What did goodfire do with ...?", "does yudkowsky think ...?", "did the uk aisi test ...?": the one
# who did it, typed in lower case; a subject the lesson never names is a name it never gives.
_DOER = re.compile(r"^\s*(?:(?:so|and|but)\s+)?(?:(?:what|how|when|why|where)\s+)?(?:did|does|do|has|have|had)\s+"
                   r"(?:the\s+)?(?P<who>[a-z][\w'.-]*(?:\s+[a-z][\w'.-]*){0,2}?)(?:'s\s+\w+(?:\s+\w+)?)?\s+"
                   r"(?:think|thinks|say|says|said|find|found|do|show|showed|replicate|replicated|contribute|contributed|"
                   r"run|ran|test|tested|train|trained|use|used|publish|published|propose|proposed|claim|claimed|report|"
                   r"reported|argue|argued|build|built|release|released|work|worked|write|wrote|try|tried)\b")
# "Could inverse reinforcement learning avoid specification gaming?": a method the lesson never
# names, offered as a remedy; the lesson cannot say whether it would work.
_REMEDY = re.compile(r"^\s*(?:(?:so|and|but)\s+)?(?:could|can|would|will|might)\s+(?:the\s+)?"
                     r"(?P<who>[a-z][\w'.-]*(?:\s+[a-z][\w'.-]*){0,2}?)\s+"
                     r"(?:fix|replace|beat|avoid|catch|solve|help|prevent|stop|detect|work)\b")


_THE_TEXT = frozenset({"lesson", "chapter", "section", "text", "page", "book", "course"})  # "what does the lesson say?"


def doer_unnamed(question: str, known: Callable[[str], bool]) -> bool:
    """Whether the question asks what someone did, thought or found, and every word of that
    someone is one the lesson never uses (``known(word)`` says it does)."""
    plain = _plain(question)
    match = _DOER.match(plain) or _REMEDY.match(plain)
    if match is None:
        return False
    who = [word for word in words(match.group("who")) if len(word) > 1 and word not in STOPWORDS and word not in _THE_TEXT]
    # "did epoch ai contribute?": a name's first word is its own ("ai" is every lab's)
    first = match.group("who").split()[0]  # "machine-generated labels": a description, not a name
    return bool(who) and (not any(known(word) for word in who) or len(who) > 1 and "-" not in first and not known(who[0]))


# "How is Goodhart's law related to overfitting?", "how does it compare to the Lucas critique?": the
# other side of a relation, which the lesson must name to say how the two relate.
_RELATED_TO = re.compile(r"\b(?:relat(?:e|es|ed|ion|ionship)|connect(?:s|ed|ion)?|"
                         r"tie[sd]?|link(?:s|ed)?)\s+(?:in\s+\w+\s+)?(?:to|with|from)\s+(?:the\s+|an?\s+)?"
                         r"(?P<other>[\w'-]+(?:\s+[\w'-]+){0,2}?)\s*(?:[?.!,;]|\s+(?:and|or|in|at|when|if)\b|$)")


# "What's the difference between a sparse autoencoder and a transcoder?": either side
_BETWEEN_TWO = re.compile(r"\b(?:difference|differences|distinction|connection|link|relationship)\s+between\s+"
                          r"(?:the\s+|an?\s+)?(?P<one>[\w'-]+(?:\s+[\w'-]+){0,5}?)\s+and\s+(?:the\s+|an?\s+)?"
                          r"(?P<two>[\w'-]+(?:\s+[\w'-]+){0,2}?)\s*(?:[?.!,;]|$)")
# "... compared with the other approaches": words for any thing at all, which every lesson has
_ANY_THING = frozenset("""approach approaches method methods way ways technique techniques idea ideas thing things one
ones option options alternative alternatives kind kinds type types sort sorts version versions""".split())


def related_unknown(question: str, known: Callable[[str], bool]) -> bool:
    """Whether the question asks how something relates to, compares with or differs from a
    thing whose every word is one the lesson never uses (``known(word)`` says it does)."""
    plain = _plain(question)
    match = _RELATED_TO.search(plain)
    sides = [match.group("other")] if match else []
    between = _BETWEEN_TWO.search(plain)
    if between:
        sides += [between.group("one"), between.group("two")]
    for side in sides:
        other = [word for word in words(side) if len(word) > 1 and word not in STOPWORDS]
        if other and not any(known(word) or word in _ANY_THING for word in other):
            return True
    return False


# "How do I fix my bike chain?": what is to be fixed, prevented or stopped, which the lesson must
# speak of, every word of it, to say how (its "chain of thought" is no bike chain).
_FIXED = re.compile(r"\b(?:stop|prevent|avoid|fix|reduce|mitigate|counter|tackle|handle|solve|repair|cure|treat)\s+"
                    r"(?:my|your|our|a|an|the|this|that)\s+(?P<what>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2})\s*(?:[?.!,;]|$)")


# "How do I make my sourdough starter more active?": the learner's own thing, which the lesson must speak
# of to say anything about it.
_MINE = re.compile(r"\b(?:my|our)\s+(?:own\s+)?(?P<what>[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)\s*"
                   r"(?:[?.!,;]|\s+(?:more|less|better|on|in|at|for|with)\b|$)")


def remedy_of_unknown(question: str, known: Callable[[str], bool]) -> bool:
    """Whether the question asks how to fix (prevent, stop ...) a thing, or about the learner's own
    thing ("my sourdough starter"), with a word the lesson never uses."""
    match = _MINE.search(_plain(question))
    if match and any(not known(word) for word in words(match.group("what")) if len(word) > 2 and word not in STOPWORDS):
        return True
    match = _FIXED.search(_plain(question))
    if match is None:
        return False
    return any(not known(word) for word in words(match.group("what")) if len(word) > 2 and word not in STOPWORDS)


def subject_unknown(question: str, known: Callable[[str], bool]) -> bool:
    """Whether the one who did it, the other side of a relation, or the thing to fix is one the
    lesson never speaks of (``known(word)``: the lesson uses the word)."""
    return doer_unnamed(question, known) or related_unknown(question, known) or remedy_of_unknown(question, known)
