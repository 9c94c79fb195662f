"""What a question asks to be filled in, and whether a passage fills it.

A near-miss question uses the lesson's own words but asks for something the lesson
does not give: "How many raters did OpenAI hire?" when the lesson says OpenAI hired
raters but never how many. Such a question is read for its *slot*, the kind of thing
the answer must hold, and a passage answers it only when it holds one:

- a count ("how many raters"): a figure with the counted word just after it ("40
  raters", "dozens of entries");
- a share ("what percentage", "what fraction"): a percentage or a fraction;
- a value ("how much compute", "by how many points"): a figure;
- a frequency ("how often did it"): a figure or a word for one ("every other day", "rarely");
- a name ("who", "which lab", "which algorithm"): a proper name (a capitalised word
  inside a sentence, an acronym) that the question does not already say, or, for
  "who", authors cited as "Greenblatt et al." or "Burns and colleagues";
- a title ("the title of"): a quoted title, one in sentence case that the lesson says
  is a title ('titled "Supervising strong learners ..."'), or a source line
  ("Khan et al. (2024), Debating with ...");
- a year ("which year", "when was it published"): a year;
- a month or a date ("in which month", "on what date"): a month's name or a date, which a
  year alone does not give;
- code or a formula ("what code do I need", "give me the formula"): a code block.

Figures, names and years the question itself holds do not count: "What was GPT-4's
50% time horizon?" is not answered by a sentence whose only figure is "50%". And a
slot about a named subject ("GPT-4's time horizon") is filled only by a sentence that
names it: a figure in the same section about another model is not GPT-4's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from alignlearn.tutor.question import MAX_QUESTION_CHARS
from alignlearn.tutor.words import STOPWORDS, fold, stem

_QUOTES = "\"\u201c\u201d"
FIGURES = frozenset({"count", "share", "value", "often", "year"})  # slots about a subject: its figure, its year
_ABOUT_SUBJECTS = FIGURES | {"called", "title"}  # and what it is called
# "How many people took part?" is answered by "a thousand adults": a count of people by any word for them.
PEOPLE = frozenset(stem(word) for word in """people persons humans adults participants volunteers users workers
crowdworkers raters labellers labelers annotators respondents researchers members""".split())
# Verbs after the counted thing: "how many people took part" counts people, not parts.
_VERBS = frozenset("""took take takes made make makes got get gets gave give gives went go goes came come comes saw see
found find ran run used use tried try helped help worked work joined join signed sign voted vote wrote write said say
showed show left leave kept keep fell fall rose rise""".split())
COUNT_REACH = 3  # "38,961 of their attacks": the counted word at most this many words after the figure

_EXACT = (r"(?:(?!(?:1[6-9]|20)\d\d$)\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
          r"fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen)")
_NUMBER = _EXACT[:-1] + r"|hundreds|thousands|millions|billions|dozens)"  # "dozens of entries": a count, not exact
_FIGURE_WORD = re.compile(r"^" + _NUMBER + r"$")
_EXACT_WORD = re.compile(r"^" + _EXACT + r"$")
_SHARE = re.compile(r"\d\s*%|\bpercent\b|\bper cent\b|\b(?:half|third|thirds|quarter|quarters|fifths?|tenths?)\b|\b\d+ in \d+\b"
                    r"|\bout of\b|\bone in\b", re.IGNORECASE)
# A value is in digits, a percentage or a fraction: "two goals" is not a probability.
_ANY_FIGURE = re.compile(r"\d\s*%|\bpercent\b|\b(?!(?:1[6-9]|20)\d\d\b)\d[\d,.]*\b|\b(?:half|third|quarter|fifth|tenth|hundredth|twice|double)s?\b",
                         re.IGNORECASE)
# The number in a name is no figure: "GPT-4", "ASL-3", "Claude 3 Opus", "Gemini 1.5 Pro".
_NAME_NUMBER = re.compile(r"\b[A-Za-z]+-\d[\w.]*|(?<=[\w,;(] )[A-Z]\w* \d[\d.]*\w*|\b[A-Z]\w* \d[\d.]*\w*(?= [A-Z])")
_YEAR = re.compile(r"\b(?:1[6-9]\d\d|20\d\d)\b")
_TOKEN = re.compile(r"[\w.,%-]*\w%?")
# A name: a capitalised word inside a sentence, an acronym, a label ("Apollo Research: ..."), or
# capitalised words in a row at the start ("Apollo Research found ...").
_PROPER = re.compile(r"(?<=[\w,;(\"\u201c] )[A-Z][\w'-]*|\b[A-Z]{2,}[\w-]*|^[A-Z][\w'-]*(?=:| [A-Z])")
# A date's words are capitalised but name no one: "In March 2025 Anthropic ...".
_MONTHS = frozenset(stem(month) for month in """january february march april may june july august september
october november december monday tuesday wednesday thursday friday saturday sunday""".split())
_WHO = re.compile(r"^\s*who\b")
_MODEL_NAME = re.compile(r"\b[A-Za-z]+-\d[\w.]*|\b[A-Z]\w*(?: [A-Z]\w*)? \d{1,2}(?:\.\d)?[a-z]?\b(?: [A-Z]\w*)?")  # not "March 2025"
_MODEL = re.compile(r"\b[a-z]+\d\w*\b")
# A title in sentence case is one still when the sentence says so: 'a paper titled "Supervising strong ...'.
_TITLED = re.compile(r"\b(?:titled|entitled|called|named)\s+[\"\u201c][^\"\u201c\u201d]{4,}[\"\u201d]"
                     r"|^(?:(?:van|von|der|de|den|du|le|la|da|di)\s+)*[A-Z][\w' -]*(?: et al\.?)? \(\d{4}\),\s+[A-Z0-9]")  # a source: "Greenblatt et al. (2024), Alignment ..."
# Authors cited at a sentence's start: "Greenblatt et al. (2024), ...", "Burns and colleagues found ...".
_CITED = re.compile(r"\b([A-Z][\w'-]+)(?: and [A-Z][\w'-]+)?,? (?:et al\b|and colleagues\b)")
# "Who enforces them?": the verb, met as "enforced by ..." in a passage.
_WHO_DOES = re.compile(r"\bwho\s+(?!(?:is|was|are|were|did|does|do|has|have|had|can|could|would|will|should|may|might)\b)"
                       r"([a-z]{3,})\b")
_BY = re.compile(r"\b([a-z]{3,})\s+by\s+(?!(?:a|an|the)\s+(?:way|means|end)\b)\w")
_PEOPLE_ASKED = re.compile(r"\bwho\b|\bwhose\b|\b(?:researchers|authors|scientists|people)\b")
_TITLE = re.compile(r"[\"\u201c][^\"\u201c\u201d]{4,}[\"\u201d]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c(])")

_COUNT = re.compile(r"\bhow\s+many\s+(?P<noun>(?:[a-z][\w-]*\s+){0,3})")
_MUCH = re.compile(r"\bhow\s+much\s+(?P<noun>(?!of\b)[a-z][\w-]*\s+)(?=did|does|do|was|were|is|are|has|have|had|would|will|can)")
_MORE = re.compile(r"better|worse|more|less|fewer|(?!(?:number|order|paper|layer|water|answer)$)[a-z]{2,}er")
# "What does a score of 0 mean?": what a figure means, which is no figure to fill in.
_MEANING = re.compile(r"^\s*(?:so\s+)?what\s+(?:does|do|did)\b.*\bmean\b")
_SHARE_ASKED = re.compile(r"\bhow\s+accurate\b|\b(?:in|as\s+a)\s+(?:percent|per\s*cent|percentage)\s*[?.!]*$|\bwhat\s+(?:[\w-]+\s+){0,2}?(?:percentage|percent|proportion|fraction|share|probability|"
                          r"accuracy|rate)\b")
# "What percentage of the untrusted model's usefulness ...?", "what usefulness percentage ...?": a share of what.
_SHARE_OF = re.compile(r"\b(?:percentage|percent|proportion|fraction|share|%)\s+of\s+(?:the\s+|its\s+|their\s+)?"
                       r"(?P<of>(?:[\w-]+(?:'s)?\s+){0,2}?[\w-]+)\b(?=\s+(?:did|does|do|was|were|is|are|has|have|had|get|got|"
                       r"fall|falls|kept|keep)\b|\s*[?,]|$)"
                       r"|\bwhat\s+(?P<of2>[a-z-]+)\s+(?:percentage|proportion|fraction|share)\b")
_ANY_SHARE = frozenset(stem(word) for word in "time times case cases cent".split())  # "of the time": any share will do
SHARE_REACH = 8  # words between a share and what it is a share of: "92% and 79% of simulated runs"
_OFTEN_ASKED = re.compile(r"\bhow\s+often\s+(?:did|does|do|was|were|is|are|has|have)\b")
# How often, in figures or words: "in 14% of cases", "every other day", "twice a year".
_OFTEN = re.compile(_ANY_FIGURE.pattern + r"|\b(?:every|daily|weekly|monthly|yearly|annually|once|twice|always|never|"
                    r"rarely|seldom|usually|sometimes|occasionally|often|per)\b", re.IGNORECASE)
_VALUE_ASKED = re.compile(r"\bwhat\s+(?:is|was|were|are)\s+the\s+exact\s+(?!same\b)\w+|"
                          r"\bwhat\s+(?:was|were)\s+(?:the|its|their|[\w-]+'s)\s+(?:[\w%-]+\s+){0,3}?(?:score|rate|accuracy|"
                          r"horizon|recovered|length|size)\s+(?:on|for|in|at|of|with)\b|\bhow\s+much\b(?!\s+of\b)|\bby\s+how\s+(?:many|much)\b|\bhow\s+(?:big|large|tall|high|heavy|wide|deep|old|far)\s+(?:was|were|is|are|did|does|do)\b"
                          r"|\bwhat\s+(?:[\w-]+\s+){0,2}?(?:value|score|coefficient|number|size|learning\s+rate|batch\s+size|"
                          r"temperature|budget|time\s+limit|duration|deadline|horizon)\b"
                          # "how much of the gap was recovered?", "what PGR did they get?": a measure's figure
                          r"|\bhow\s+much\s+of\s+(?:the|its|their)\s+(?:gap|performance|ability|accuracy|capability)\b"
                          r"|\bwhat\s+(?:[\w-]+\s+)?(?:scores?|pgr|accuracy|rates?)\s+did\s+(?:\w+\s+){1,3}?(?:get|reach|achieve)\b")
_ENTITY = ("labs?|compan(?:y|ies)|organi[sz]ations?|institutes?|teams?|universit(?:y|ies)|firms?|people|person|"
           "researchers?|authors?|algorithms?|models|language models|papers?|system cards?|datasets?|benchmarks?|tools|"
           "librar(?:y|ies)|optimi[sz]ers?|architectures?|games|journals?|conferences?|countr(?:y|ies)|cit(?:y|ies)")
_NAME_ASKED = re.compile(r"(?:^|[,;:?]\s*|\band\s+)(?:who|whose)\b|\bwhich\s+(?:[a-z][\w-]*'?s?\s+){0,2}?(?:"
                         + _ENTITY + r")\b")
# "Which claude model ...?", "what rl algorithm ...?", "which tech platform's ...": a name of that type, which
# only a sentence that says the type ("the QuALITY dataset") or, for a model, a model's name gives.
_TYPED_ASKED = re.compile(r"\b(?:which|what)\s+(?!kinds?\b|types?\b|sorts?\b|sizes?\b)(?P<kind>(?:[a-z][\w-]*\s+){0,3}?)"
                          r"(?P<type>model|datasets?|platform|algorithms?)(?:'s)?\s+(?!of\b|sizes?\b)")
# A sentence names a thing of the type asked when it says one of these: "two question sets: MMLU and ...".
TYPE_REACH = 40  # characters between the word for the type and the name: "tasks, MMLU and a timed version of QuALITY"
_TYPE_WORDS = {"dataset": frozenset({"dataset", "set", "benchmark", "corpus", "task", "suite"}), "platform": frozenset({"platform"}),
               "algorithm": frozenset({"algorithm", "learn", "optimis", "optimiz"})}
# "Who is it written for?" asks for an audience ("the model itself"), not a name.
_AUDIENCE = re.compile(r"\bwho\s+(?:is|are|was|were)\b[^?.!]*\bfor\s*(?:[?.!]|$)")
# What a thing is called: a title, a naming word, a name of two words or more, or an acronym ("METR").
_NAMING = re.compile(r"\b(?:called|known\s+as|named|termed|dubbed|the\s+name)\s+(?:it\s+|them\s+)?[\w\"\u201c]")
_CALLED = re.compile(r"[\"\u201c][^\"\u201c\u201d]{4,}[\"\u201d]|\b(?:called|known\s+as|named|termed|dubbed|the\s+name)\b|"
                     r"(?<=[\w,;(] )[A-Z][\w-]*\s+[A-Z][\w-]+|\b[A-Z]{3,}[\w-]*")
# "In which month ...?", "on what date ...?": a month or a day, which a year alone does not give.
_MONTH_ASKED = re.compile(r"\b(?:which|what)\s+(?:exact\s+)?(?:months?|dates?)\b|\bexact\s+date\b")
_MONTH = re.compile(r"\b(?:January|February|March|April|June|July|August|September|October|November|December|"
                    r"May(?=\s+\d))\b|\b\d{4}-\d\d(?:-\d\d)?\b")
_TITLE_ASKED = re.compile(r"\b(?:titles?|names?)\s+of\b|\bwhat\s+(?:is|was|are|were)\b.*\bcalled\b")
_YEAR_ASKED = re.compile(r"\b(?:which|what)\s+year\b|\bin\s+what\s+year\b|\bwhen\s+(?:was|were)\b.*\b(?:publish|releas|"
                         r"found|introduc|propos|launch|creat|establish|written)\w*")
_CODE_ASKED = re.compile(r"\bwhat\s+(?:code|script|formula|equation)\b|\b(?:give|show|write|send)\s+me\s+(?:the|a|some)?"
                         r"\s*(?:code|script|formula|equation|pseudocode|program)\b|\bthe\s+(?:formula|equation)\s+for\b"
                         r"|\bhow\s+(?:do|would|can|could|should)\s+i\s+(?:\w+ly\s+)?(?:build|implement|code|program|write|"
                         r"set\s+up|install|train|fine-tune|finetune|run)\b|\bin\s+(?:python|pytorch)\b"
                         r"|\b(?:library|libraries|package|repo|repository|toolkit|prompt\s+wording|hyperparameters?)\b"
                         r".*\b(?:i|my)\b|\bmy\s+own\s+(?:model|system|project|code)\b")


# A number word that introduces a list of that many: "described four: regressional, extremal, ...".
_LISTED = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*:\s*\w")


@dataclass(frozen=True)
class Slot:
    kind: str  # count | share | value | often | name | called | title | year | month | code
    what: str  # what the lesson does not give, said in a decline: "the number you ask for"
    counted: frozenset[str] = frozenset()  # a count's words: stems that must follow the figure
    exact: bool = False  # "exactly how many": "dozens" does not say
    typed: str = ""  # a name's type ("dataset", "model"): the stem a sentence with the name must say


def slot_asked(question: str) -> Slot | None:
    """The slot ``question`` asks to be filled, or None for a question that asks for an
    explanation, a description, a reason."""
    plain = fold(question[:MAX_QUESTION_CHARS]).replace("\u2019", "'")
    if _CODE_ASKED.search(plain):
        return Slot("code", "code or a formula for that")
    match = _COUNT.search(plain) or _MUCH.search(plain)
    if match is not None and not plain[: match.start()].rstrip().endswith("by") and not _MORE.fullmatch(
            match.group("noun").strip()):  # "how much better did it get": a figure, not a count of "better"
        counted = []
        for word in match.group("noun").split():
            if word in STOPWORDS or counted and (word in _VERBS or word.endswith("ed")):  # "people took part"
                break
            counted.append(stem(word))
        if counted:
            people = PEOPLE if not PEOPLE.isdisjoint(counted) else frozenset()
            exact = bool(re.search(r"\b(?:exactly|precisely)\b", plain))
            return Slot("count", "that number", frozenset(counted) | people, exact)
    if _SHARE_ASKED.search(plain):
        of = _SHARE_OF.search(plain)
        head = (of.group("of") or of.group("of2")).split()[-1] if of else ""  # "the untrusted model's usefulness"
        shared = [stem(head)] if head and head not in STOPWORDS else []
        return Slot("share", "that percentage", frozenset(shared) - _ANY_SHARE)
    if _OFTEN_ASKED.search(plain):
        return Slot("often", "how often")
    if _VALUE_ASKED.search(plain) and not _MEANING.search(plain) or match is not None:
        return Slot("value", "that figure")
    if _MONTH_ASKED.search(plain):
        return Slot("month", "that date")
    if _YEAR_ASKED.search(plain):
        return Slot("year", "that year")
    if _TITLE_ASKED.search(plain):
        return Slot("title" if "title" in plain else "called", "that name")
    typed = _TYPED_ASKED.search(plain)
    if typed is not None and not any(word in STOPWORDS for word in typed.group("kind").split()):
        return Slot("name", "that name", typed=stem(typed.group("type")))
    if _NAME_ASKED.search(plain) and not _AUDIENCE.search(plain):
        return Slot("name", "that name")
    return None


def fills(slot: Slot, text: str, question: str, code: bool = False,
          common: Callable[[str], bool] = lambda name: False) -> bool:
    """Whether ``text`` (a passage; ``code``: a code block) holds what ``slot`` asks for,
    beyond what ``question`` already says. ``common(stem)``: a name so widespread in the
    course ("AI", "RLHF") that it names no one in particular."""
    if slot.kind == "code":
        return code
    question = question[:MAX_QUESTION_CHARS]
    years, dates = set(_YEAR.findall(question)), set(_YEAR.findall(text))
    if years and dates and years.isdisjoint(dates) and slot.kind != "year":  # "the 2025 paper" is not the 2016 one
        return False
    if slot.kind in ("count", "share", "value", "often"):
        text, question = _NAME_NUMBER.sub(" ", text), _NAME_NUMBER.sub(" ", question)
    if slot.kind == "count":
        return _counts(text, slot, question)
    if slot.kind == "share":
        return _new(_SHARE, text, question) and (not slot.counted or _near_share(text, slot.counted, question))
    if slot.kind == "often":
        return _new(_OFTEN, text, question)
    if slot.kind == "value":
        return _new(_ANY_FIGURE, text, question)
    if slot.kind == "year":
        return _new(_YEAR, text, question)
    if slot.kind == "month":
        return _new(_MONTH, text, question)
    if slot.kind == "title":
        return _new(_TITLE, text, question, titled=True) or bool(_TITLED.search(text))
    if slot.kind == "called":  # "What is the method called?" is not answered by "Texas"
        given = _CALLED.search(text)
        if given is None or _TITLE.search(text) or _NAMING.search(text):
            return given is not None
    if slot.typed:
        return _typed(slot.typed, text, question, common)
    asked = {stem(word) for word in _TOKEN.findall(fold(question))}
    if _done_by(text, question):
        return True
    if _WHO.search(fold(question)):  # a model ("Claude 3 Sonnet", "GPT-4") is not who did it
        text = _MODEL_NAME.sub(" ", text)
    found = {stem(fold(name).split("'")[0]) for name in _PROPER.findall(text)
             if fold(name) not in STOPWORDS} - _MONTHS  # "In March ...": neither names anyone
    return (any(name not in asked and not common(name) for name in found) or _new(_TITLE, text, question)
            or _PEOPLE_ASKED.search(fold(question)) is not None
            and any(stem(fold(name)) not in asked for name in _CITED.findall(text)))


def _done_by(text: str, question: str) -> bool:
    """Whether ``text`` says by whom the question's "who" did it: "who enforces them?" and
    "... written and enforced by the developers themselves" (no name, but the answer)."""
    verb = _WHO_DOES.search(fold(question))
    if verb is None:
        return False
    done = stem(verb.group(1))
    return any(stem(m.group(1)) == done for m in _BY.finditer(fold(text)))


def _typed(typed: str, text: str, question: str, common: Callable[[str], bool]) -> bool:
    """Whether a sentence of ``text`` names a thing of the ``typed`` kind the question does not
    name: a model's name for "model", else a name next to a word for the type ("two
    question-answering tasks, MMLU and ...", "the QuALITY dataset")."""
    asked = {stem(word) for word in _TOKEN.findall(fold(question))}

    def new(name: str) -> bool:
        return fold(name) not in STOPWORDS and stem(fold(name).split("'")[0]) not in asked and not common(stem(fold(name)))

    for sentence in _SENTENCE.split(text):
        if typed == "model":
            if any(new(name) for name in _MODEL_NAME.findall(sentence) + _MODEL.findall(sentence)):
                return True
            continue
        said = [m.start() for m in _TOKEN.finditer(sentence) if stem(fold(m.group())) in _TYPE_WORDS[typed]]
        if any(abs(m.start() - at) <= TYPE_REACH and new(m.group()) for m in _PROPER.finditer(sentence) for at in said):
            return True
    return False


def about(slot: Slot, text: str, subjects: list, sentence: frozenset[str], whole: frozenset[str],
          names_in_lesson: frozenset[tuple[str, ...]]) -> bool:
    """Whether a figure, a year or what a thing is called in ``text`` is about the question's
    named ``subjects`` (its clauses): its paragraph (``whole``, its tokens) names them all, and its
    ``sentence`` names one of them when it names a model or a version of its own. ("What is
    Google's model called?" is not answered by a paragraph that names another lab's.)"""
    if slot.kind not in _ABOUT_SUBJECTS or not subjects:
        return True
    if versioned(text) and not any(c.met_by(sentence, names_in_lesson) for c in subjects):
        return False  # "Claude 3.7 Sonnet's 50% time horizon" is not GPT-4's
    return all(c.met_by(whole, names_in_lesson) for c in subjects)


# "... on the chess puzzles?", "... for the reward modelling task?": where a figure was measured.
_SCOPE = re.compile(r"\b(?:on|for)\s+(?:the\s+|its\s+|their\s+)?(?P<scope>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s*[?.!]*\s*$")


def in_scope(question: str, sentence: frozenset[str], stemmer: Callable[[str], str]) -> bool:
    """Whether a figure's ``sentence`` (its tokens) names where the question says it was measured
    ("the gap recovered on the chess puzzles"): a figure for reward modelling is not chess's."""
    match = _SCOPE.search(fold(question[:MAX_QUESTION_CHARS]).replace("\u2019", "'"))
    if match is None:
        return True
    scope = [stemmer(word) for word in match.group("scope").split() if word not in STOPWORDS]
    return not scope or any(word in sentence for word in scope)


def versioned(text: str) -> bool:
    """Whether ``text`` names a thing with a number in its name ("Claude 3.7 Sonnet", "GPT-4",
    "o1"): a model, a version, whose figures are its own."""
    return bool(_NAME_NUMBER.search(text) or _MODEL.search(text))


def _new(pattern: re.Pattern, text: str, question: str, titled: bool = False) -> bool:
    """Whether ``text`` has a match of ``pattern`` that the question does not have (``titled``:
    in title case, as a title is and a quoted remark is not)."""
    asked = {fold(found) for found in pattern.findall(question)}
    found = [match for match in pattern.findall(text) if fold(match) not in asked]
    return any(_title_case(match) for match in found) if titled else bool(found)


def _title_case(text: str) -> bool:
    long = [word for word in text.strip(_QUOTES).split() if len(word) > 3]
    return bool(long) and sum(word[0].isupper() for word in long) * 2 >= len(long)


def _near_share(text: str, of: frozenset[str], question: str) -> bool:
    """Whether a share in ``text`` the question does not hold sits within ``SHARE_REACH`` words of
    what it is a share ``of`` ("usefulness"): "92% of simulated runs" is no share of usefulness."""
    tokens = _TOKEN.findall(fold(text))
    asked = {fold(found) for found in _SHARE.findall(question)}
    for match in _SHARE.finditer(text):
        if fold(match.group()) in asked:
            continue
        at = len(_TOKEN.findall(fold(text[: match.start()])))
        near = tokens[max(0, at - SHARE_REACH) : at + SHARE_REACH + 1]
        if any(stem(word) in of for word in near):
            return True
    return False


def _counts(text: str, slot: Slot, question: str) -> bool:
    tokens = _TOKEN.findall(fold(text))
    asked = set(_TOKEN.findall(fold(question)))
    listed = _LISTED.search(fold(text))  # "Manheim and Garrabrant described four: regressional, ..."
    if listed is not None and listed.group(1) not in asked:
        return True
    number = _EXACT_WORD if slot.exact else _FIGURE_WORD
    for at, token in enumerate(tokens):
        if number.match(token) and token not in asked:
            after = tokens[at + 1 : at + 1 + COUNT_REACH]
            if any(stem(word) in slot.counted for word in after):
                return True
    return False
