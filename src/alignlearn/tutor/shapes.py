"""What shape of answer a question asks for: a definition, a whole list, names or dates.

Read from the question's own words, never from a list of known questions:
- "What is X?", "Define X", "What does X mean?" about a key term: the term's
  definition and the sentence of the lesson that teaches it;
- "steps", "stages", "loop", "list"..., or words met only by the sentence that leads
  into a list: the whole list, not its first item;
- "who", "wrote", "author": the passage with the names (a citation "(Bai et al., 2022)",
  a name mid-sentence); "when", "year": the passage with the dates; "how many",
  "what percentage": the passage with a figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from alignlearn.tutor.answers import Source
from alignlearn.tutor.passages import Passage, defines
from alignlearn.tutor.words import fold, stem, stems, words

DATE_TOKEN = "~date"  # what a passage with a year in it carries, and "year", "date" in a question reach
DATE_WORDS = frozenset(stem(word) for word in ("year", "date", "decade", "century", "years", "dated"))
WHO_WORDS = frozenset({"who", "whom", "whose"} | {stem(w) for w in ("author", "wrote", "invented", "coined",
                                                                     "proposed", "introduced", "researchers")})
WHEN_WORDS = frozenset({"when"} | DATE_WORDS)
LIST_WORDS = frozenset(stem(word) for word in (
    "steps", "stages", "phases", "loop", "process", "procedure", "list", "sequence", "order",
    "recipe", "pipeline", "kinds", "types", "examples", "problems", "parts", "ways", "methods"))
# "What are the ASL levels?", "which were its main weaknesses?": the members of a set, as a list gives them.
_SET_ASKED = re.compile(r"^\s*(?:(?:and|so)\s+)?(?:what|which)\s+(?:are|were)\s+(?:the|its|their|all\s+the)\s+"
                        r"(?:[\w-]+\s+){0,3}?[a-z-]{2,}[^\Ws]s\b(?!\s+(?:of|in|for|to|between|behind|about)\b)")
# Words that ask for a whole sequence even in the singular ("the loop", "the process"); the other
# list words do only in the plural ("the problems", not "the alignment problem").
SEQUENCE_WORDS = frozenset(stem(word) for word in (
    "loop", "process", "procedure", "recipe", "pipeline", "sequence", "cycle"))
_STEPS_ASKED = re.compile(r"\b(?:steps|stages|phases)\b", re.IGNORECASE)  # not "think step by step"
_STEP_BY_STEP = re.compile(r"\bstep[ -]by[ -]step\b|\bin\s+(?:what|which)\s+order\b", re.IGNORECASE)
LIST_CHARS = 2000  # a whole list may be longer than an answer of sentences: a list question wants all of it
LEAD_CHARS = 300  # the sentence that leads into the list, at most
MIN_LINE_CHARS = 40  # an item cut shorter than this says nothing

_DEFINITION = re.compile(r"^\s*(?:what\s*(?:'s|\u2019s|is|are|was|were)\b|whats\b|define\b|definition\b|"
                         r"meaning\b|what\s+(?:does|do)\b.*\bmean\b|explain\b|describe\b)", re.IGNORECASE)
# How the learner wants it said, not what about: "in plain words", "in a nutshell".
_FRAMING = re.compile(r"\b(?:in|using|with)\s+(?:plain|simple|simpler|everyday|basic|layman'?s?|non-technical)\s+"
                      r"(?:words|terms|english|language)\b|\bin a nutshell\b|\bin short\b|\bbriefly\b|"
                      r"\bsimply put\b|\bput simply\b|\blike i'?m (?:five|5|a beginner)\b|\bat a time\b|"
                      r"\bin (?:one|a|a single|two|a few) (?:line|lines|sentence|sentences|word|words)\b"
                      r"|(?<=\bhow )long\b|\bstands?\s+for\b", re.IGNORECASE)  # "how long", "stand for": the shape asked for, not words to meet
_YEAR = re.compile(r"\b(?:1[6-9]\d\d|20\d\d)s?\b")
_CITATION = re.compile(r"\bet al\b|\band colleagues\b|\([A-Z][\w'-]+(?: and [A-Z][\w'-]+)?,? (?:1[6-9]|20)\d\d\)")
_NAME = re.compile(r"(?<=[a-z,;(] )[A-Z][a-z]+\w*")  # a capitalised word inside a sentence
_FIGURE_ASKED = re.compile(r"\bhow\s+(?:many|much)\b|\bwhat\s+(?:percentage|percent|proportion|fraction|share)\b")
_NUMBER_WORDS = ("two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
                 "fifty|hundred|thousand|million|billion|trillion|half|third|quarter|dozen|twice|double|triple")
# Digits that are not a year on their own, a percentage, or a number word ("one" is as often "the one").
_FIGURE = re.compile(r"\d\s*%|\bpercent\b|\b(?!(?:1[6-9]|20)\d\d\b)\d[\d,.]*\b|\b(?:" + _NUMBER_WORDS + r")s?\b",
                     re.IGNORECASE)
_LABEL = re.compile(r"^[A-Z][\w'-]*(?: [A-Z][\w'-]*)*:")  # "Anthropic: ...", "UK AISI and ..."


@dataclass(frozen=True)
class Asks:
    """What the question's own words ask for."""

    definition: bool = False
    who: bool = False
    when: bool = False
    list: bool = False
    members: bool = False  # list words in the plural, or a sequence: "the steps of X" is the list in X's section
    steps: bool = False  # steps, stages, phases, a process: a numbered list answers
    figure: bool = False
    compared: tuple[str, ...] = ()  # two key terms set side by side: each one's definition answers
    contrast: bool = False  # two things set side by side, key terms or not: one definition is half an answer
    why: bool = False  # a reason: a term's definition seldom gives one
    term: str = ""  # the X of a bare "What is X?": a sentence "X is ..." defines it
    output: bool = False  # it asks about an error, a warning or what a program prints
    wh: str = ""  # its first word when that is why, what, how, who, when or where


# "What are the limits of RLHF?" asks what is wrong with it, not what it is.
_WEAK_POINTS_OF = re.compile(r"\b(?:limits|limitations|downsides|drawbacks|weaknesses|weak\s+spots|shortcomings|flaws|"
                             r"caveats|trade-?offs)\s+(?:of|with|in|to)\b")
# "Who came up with X?", "who is X credited to?": whose idea it was, which a passage with the name tells.
_ORIGIN_ASKED = re.compile(r"\b(?:came|come|comes)\s+up\s+with\b|\bcredit(?:ed|s)?\b|\boriginat\w*|\bthought\s+(?:of|up)\b",
                           re.IGNORECASE)
_STANDS_FOR = re.compile(r"\bstands?\s+for\b", re.IGNORECASE)


def without_framing(question: str) -> str:
    return _FRAMING.sub(" ", question)


def asks(question: str) -> Asks:
    spelled_out = _STANDS_FOR.search(question) is not None  # "What does RLHF stand for?": its definition
    question = without_framing(question).strip(" ,;:")
    found = words(question)
    stems = {stem(word) for word in found} | set(found)
    contrast = _BETWEEN.search(question) is not None
    set_asked = bool(_SET_ASKED.match(fold(question)) or _STEP_BY_STEP.search(question))
    return Asks(definition=spelled_out or bool(_DEFINITION.match(fold(question).replace("\u2019", "'")))
                and not _WEAK_POINTS_OF.search(fold(question)), contrast=contrast,
                who=not stems.isdisjoint(WHO_WORDS) or bool(_ORIGIN_ASKED.search(question)), when=not stems.isdisjoint(WHEN_WORDS),
                list=not stems.isdisjoint(LIST_WORDS) or set_asked,
                members=set_asked or any(stem(word) in SEQUENCE_WORDS or stem(word) in LIST_WORDS and word.endswith("s")
                            and stem(word) != word for word in found),
                steps=bool(_STEPS_ASKED.search(_STEP_BY_STEP.sub(" ", question))),
                figure=bool(_FIGURE_ASKED.search(fold(question).replace("\u2019", "'"))),
                why=bool(re.match(r"\s*(?:and\s+|so\s+|but\s+)?why\b", fold(question))),
                term=_bare_term(question), wh=wh_word(question), output=bool(_OUTPUT_ASKED.search(question)))


_OUTPUT_ASKED = re.compile(r"\b(?:errors?|warnings?|compil\w*|output\w*|prints?|printed|messages?|panic\w*|E\d{4})\b",
                           re.IGNORECASE)
# A compiler's or a shell's output ("error[E0382]: borrow of moved value", "$ cargo run"): what a step does, not how.
_PRINTED = re.compile(r"\A\s*(?:(?:error|warning)(?:\[E\d+\])?:|\$ |(?:Compiling|Finished|Running)\s)")


def printed(block: Passage) -> bool:
    """Whether ``block`` is a code block of a compiler's or a shell's output."""
    return block.kind == "code" and _PRINTED.match(block.text) is not None


_WHAT_IS_X = re.compile(r"^\s*(?:so\s+|and\s+)?what(?:'s|\s+is|\s+are)\s+(?:an?\s+|the\s+)?(?P<term>[a-z][\w'-]*(?:\s+[\w'-]+){0,3})"
                        r"\s*\??\s*$")


def wh_word(text: str) -> str:
    found = re.match(r"\s*(why|what|how|who|when|where)\b", fold(text))
    return found.group(1) if found else ""


def _bare_term(question: str) -> str:
    match = _WHAT_IS_X.match(fold(question).replace("\u2019", "'"))
    return match.group("term") if match else ""


def opens_defining(text: str, term: str) -> bool:
    """Whether ``text`` (a sentence) starts by saying what ``term`` is: "Ownership is a set of rules"."""
    return bool(term) and re.match(r"\W*(?:an?\s+|the\s+)?" + r"\W+".join(re.escape(w) for w in term.split())
                                   + r"s?\W*\s+(?:is|are|means|refers\s+to)\b", fold(text)) is not None


def dated(text: str) -> bool:
    return bool(_YEAR.search(text))


def figured(text: str) -> bool:
    """Whether ``text`` gives a figure: "1.3 billion", "about 2%", "six pixels" (a year alone is no figure)."""
    return bool(_FIGURE.search(text))


def named(text: str) -> bool:
    """Whether ``text`` names people or organisations: a citation, a label, a name mid-sentence."""
    return bool(_CITATION.search(text) or _LABEL.match(text) or _NAME.search(text))


# A sentence that speaks of "he" or "she", after one that names a person ("the economist Charles
# Goodhart"), is about that person.
_HE = re.compile(r"\b(?:he|she|him|his|her)\b", re.IGNORECASE)
_PERSON = re.compile(r"(?<=[a-z] )[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z]+)+")


def people_before(passages: list[Passage]) -> dict[int, str]:
    """For each sentence that says "he" or "she" right after one that names people (and no "he"),
    those names: "In a 1975 paper ..., he observed" is found by "Charles Goodhart" too."""
    found = {}
    for whole in passages:
        for before, after in zip(whole.sentences, whole.sentences[1:]):
            if _HE.search(passages[after].text) and not _HE.search(passages[before].text):
                people = " ".join(_PERSON.findall(passages[before].text))
                if people:
                    found[after] = people
    return found


def named_part(passage: Passage) -> str:
    """The part of ``passage`` whose capitals may be names: not a key term's own name ("Goodhart's
    law: ..."), nor a table row's label or the capital each of its cells starts with ("Spread across
    ratings")."""
    if passage.term:
        return passage.text.split(": ", 1)[-1]
    if passage.kind == "row" and passage.shown:
        cells = passage.shown.split(": ", 1)[-1]
        return re.sub(r"(^|: |; )([A-Z])(?=[a-z])", lambda m: m.group(1) + m.group(2).lower(), cells)
    return passage.text


def whole_list(passages: list[Passage], best: Passage, asked: bool, lesson_id: str,
               titles: dict[int, str], slot: bool = False) -> tuple[Source, ...]:
    """The whole list as the answer, when the best passage is part of one and the question asks
    for it: a code block of numbered steps, the paragraph that leads into a list, or a question
    about steps, stages, kinds (``asked``). Empty otherwise, and for a question after a name, a
    year or a figure (``slot``), which the paragraph before a list gives, not the list."""
    whole = passages[best.whole]
    if whole.group >= 0 and (whole.kind == "code" or asked):
        group = whole.group
    elif whole.leads >= 0 and (not slot or _labelled(list_members(passages, whole.leads))):
        group = whole.leads  # "Who works on it?": a list of "Anthropic: ..." names them all
    else:
        return ()
    members = list_members(passages, group)
    lead = next((p for p in passages if p.leads == group), None)
    if whole.kind != "code" and len(members) < 2:
        return ()
    first = lead if lead is not None and lead.text.rstrip().endswith(":") else members[0]
    text = list_text(members, passages, lead)
    return (Source(lesson_id, first.section, titles.get(first.section, ""), text, first.line, "list"),)


def leads_names(passages: list[Passage], whole: Passage) -> bool:
    """Whether paragraph ``whole`` leads into a list of names: "A rough map:", "Anthropic: ..."."""
    return whole.leads >= 0 and _labelled(list_members(passages, whole.leads))


def _labelled(members: list[Passage]) -> bool:
    """Whether most of a list's items start with a name and a colon ("Anthropic: constitutional AI")."""
    return len(members) >= 2 and 2 * sum(bool(_LABEL.match(p.text)) for p in members) > len(members)


def list_members(passages: list[Passage], group: int) -> list[Passage]:
    return [p for p in passages if p.group == group and p.is_whole]


def list_text(members: list[Passage], passages: list[Passage], lead: Passage | None) -> str:
    """The list as one quote: its lead-in when that ends with a colon, then its items on their
    own lines (each cut to its first sentence when the whole list is too long)."""
    if len(members) == 1 and members[0].kind == "code":
        lines = [line for line in members[0].marker.splitlines() if line.strip()]
    else:
        lines = [f"{p.marker} {p.text}".strip() for p in members]
        if sum(map(len, lines)) > LIST_CHARS:
            lines = [f"{p.marker} {passages[p.sentences[0]].text if p.sentences else p.text}".strip()
                     for p in members]
    lead_in = _cut(lead.text, LEAD_CHARS) if lead is not None and lead.text.rstrip().endswith(":") else ""
    room = _room(LIST_CHARS - len(lead_in), [len(line) for line in lines])
    if room < MIN_LINE_CHARS:  # a very long list: its first items, and a mark that more follow
        lines = lines[: (LIST_CHARS - len(lead_in)) // MIN_LINE_CHARS - 1] + ["\u2026"]
        room = MIN_LINE_CHARS
    lines = [_cut(line, room) for line in lines]
    return "\n".join([lead_in, *lines] if lead_in else lines)


def _room(budget: int, lengths: list[int]) -> int:
    """The longest an item may be for all of them to fit in ``budget``: short items leave their
    unused share to the long ones."""
    left, count = budget, len(lengths)
    for length in sorted(lengths):
        if length * count > left:
            return left // count
        left, count = left - length, count - 1
    return max(lengths, default=budget)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return cut[: cut.rfind(" ")].rstrip(" ,;:") + "\u2026" if " " in cut else cut + "\u2026"


# "What happened with the boat game?", "What did they find?": asks for what came of it.
_OUTCOME = re.compile(r"\bwhat\s+happen(?:s|ed)\b|\bwhat\s+(?:did|does|do)\b.*\b(?:find|found|show|do)\b"
                      r"|\b(?:result|outcome)s?\b|\b(?:end|ended)\s+up\b", re.IGNORECASE)
OUTCOME_SOURCES = 3  # at most this many passages, the one that tells what came of it included


def with_outcome(passages: list[Passage], chosen: list[Passage], question: str) -> list[Passage]:
    """The chosen passages, and, for a question about what came of something, the sentence
    after the first one in its paragraph: "In 2016 an agent was trained on a boat game."
    sets the scene, the next sentence tells what happened."""
    if not chosen or chosen[0].is_whole or not _OUTCOME.search(question):
        return chosen
    first = chosen[0]
    order = passages[first.whole].sentences
    at = order.index(first.number) if first.number in order else -1
    if at < 0 or at + 1 >= len(order) or any(p.number == order[at + 1] for p in chosen):
        return chosen
    return [first, passages[order[at + 1]], *chosen[1:]][:OUTCOME_SOURCES]


# A sentence that leans on the one before it: "This version ...", "It ...", "Such models ...".
_ANAPHOR = re.compile(r"^(?:[\"\u201c(]?)(?:This|These|That|Those|It|They|Such|Its|Their|He|She|Both|Neither)\b|"
                      r"^(?:In|At|By|After|Before|During|On|From|With|Later)\b[^,.]{0,80},\s+(?:he|she)\b|"
                      r"^\S+(?:\s+\S+){0,3}\s+(?:this|these|that|those)\s+(?:version|model|models|method|approach|"
                      r"work|result|results|feature|team|study|paper|finding|idea|setting|experiment)\b")


def with_antecedent(passages: list[Passage], chosen: list[Passage]) -> list[Passage]:
    """The chosen passages, with the sentence before the first one in its paragraph when the first
    leans on it: "Anthropic briefly offered this version to the public" says nothing of what
    "this version" did, which the sentence before tells."""
    if not chosen or chosen[0].is_whole or not _ANAPHOR.search(chosen[0].text):
        return chosen
    first = chosen[0]
    order = passages[first.whole].sentences
    at = order.index(first.number) if first.number in order else -1
    if at < 1 or any(p.number == order[at - 1] for p in chosen):
        return chosen
    return [passages[order[at - 1]], *chosen]


SHORT_CLAIM = 2  # sentences: a paragraph this short that answers "why?" states the point the next one argues


def with_reasons(passages: list[Passage], wholes: list[Passage], chosen: list[Passage], why: bool) -> list[Passage]:
    """For a "why" question, the chosen passages with the next paragraph of the section after the
    first, when the first's paragraph is a short claim ("The deeper point is that gaming follows
    from optimisation itself.") and the next gives the argument for it."""
    if not why or not chosen:
        return chosen
    whole = passages[chosen[0].whole]
    if whole.kind != "paragraph" or len(whole.sentences) > SHORT_CLAIM:
        return chosen
    after = next((w for w in wholes if w.section == whole.section and w.line > whole.line), None)
    if after is None or after.kind != "paragraph":
        return chosen
    parts = [passages[number] for number in after.sentences] or [after]
    if any(p.whole == after.number for p in chosen):
        return chosen
    return [chosen[0], *parts, *chosen[1:]]


# "What's the difference between outer and inner alignment?", "RLHF vs RLAIF": two things set side by side.
_BETWEEN = re.compile(r"\b(?:difference|differences|diff|distinction|contrast)\s+between\s+(?P<one>[\w' -]+?)\s+and\s+"
                      r"(?P<two>[\w' -]+?)\s*(?:[?.!,;]|$)|^\s*(?P<one2>[\w' -]+?)\s+(?:vs\.?|versus)\s+(?P<two2>[\w' -]+?)"
                      r"\s*(?:[?.!,;]|$)", re.IGNORECASE)


def compared_terms(question: str, terms: Iterable[str]) -> list[str]:
    """The two key ``terms`` a question sets side by side ("the difference between outer and inner
    alignment": "Outer alignment" and "Inner alignment"), or [] when it does not name two."""
    match = _BETWEEN.search(without_framing(question))
    if match is None:
        return []
    one, two = (fold(part).strip() for part in (match.group("one") or match.group("one2"), match.group("two") or match.group("two2")))
    one, two = (re.sub(r"^(?:the|an?)\s+", "", part) for part in (one, two))
    if " " not in one and " " in two:  # "outer and inner alignment": "outer alignment"
        one = f"{one} {two.split(' ', 1)[1]}"
    by_name = {fold(term): term for term in terms}
    by_stems = {tuple(stems(term)): term for term in terms}  # "dangerous capability evals": "Dangerous-capability evaluation"
    found = [by_name.get(part) or by_name.get(part.rstrip("s")) or by_stems.get(tuple(stems(part))) for part in (one, two)]
    return [term for term in found if term] if all(found) and found[0] != found[1] else []


# --- which passages answer -------------------------------------------------------------

SOURCES_MARGIN = 0.15  # a passage that teaches answers in place of a line of the sources this little less confident
SOURCES_TITLES = frozenset({"sources", "references", "bibliography", "further reading", "reading list", "citations",
                            "works cited", "notes and references"})


def teaching_first(ranked: list, source_lists: set[int], threshold: float) -> list:
    """A line of the lesson's list of sources ("Simple probes can catch sleeper agents", a
    paper's title) meets a question in the paper's words, but the section that reports the
    paper answers it: that section's best passage goes first when it is nearly as confident.
    Whether to answer at all was decided before; this only chooses what is quoted."""
    best = ranked[0]
    if best.passage.section not in source_lists:
        return ranked
    teaching = next((r for r in ranked if r.passage.section not in source_lists
                     and r.confidence >= max(threshold, best.confidence - SOURCES_MARGIN)), None)
    return ranked if teaching is None else [teaching, *(r for r in ranked if r is not teaching)]


def titled_list(query, best: Passage, whole: Passage, sections: list[int], title_tokens: dict[int, frozenset[str]],
                wholes: list[Passage], whole_question: bool = True) -> Passage:
    """For "what are the steps of iterated amplification?", the first item of the list in the
    section titled with the rest of the question ("Iterated amplification"), when the best
    passage (in paragraph or item ``whole``) is elsewhere (a sentence that names it in
    passing); else the best passage."""
    if not query.asks.members:
        return best
    about = [c for c in query.clauses if c.tokens.isdisjoint(LIST_WORDS)]
    names = query.names_in_lesson
    titled = [n for n in sections if n and about and all(c.met_by(title_tokens[n], names) for c in about)]
    if len(titled) == 1 and best.section != titled[0]:
        return next((p for p in wholes if p.section == titled[0] and p.group >= 0), best)
    # "the steps of the training pipeline", met best (all of it: ``whole_question``) by the
    # paragraph after the steps: the one numbered list of that section
    numbered = {p.group for p in wholes if p.section == best.section and p.group >= 0 and p.marker[:1].isdigit()}
    if query.asks.steps and whole_question and whole.group < 0 and whole.leads < 0 and len(numbered) == 1:
        return next(p for p in wholes if p.group in numbered)
    return best


def definition_passages(term: Passage, ranked: list[Passage], passages: list[Passage],
                        mentions: Callable[[str, str], int]) -> list[Passage]:
    """The key term's definition, and the best-ranked sentence of the lesson that teaches the
    term ("a starter is ..."), else that uses it, from the term's own section first."""
    def teaches(passage: Passage) -> bool:
        whole = passages[passage.whole]
        return defines(term.term, passage.text) or whole.kind == "item" and defines(term.term, whole.text, item=True)

    using = [p for p in ranked if passages[p.whole].kind in ("paragraph", "item") and mentions(term.term, p.text)]
    using.sort(key=lambda p: (not teaches(p), p.section != term.section))  # stable
    return [term, *using[:1]]
