"""What a question asks about must be in the passage that answers it.

A near-miss question uses the lesson's words for its subject and asks for one
thing the lesson never says about it: "Who founded Redwood Research?" when the
lesson only says what Redwood Research studies; "What's the annual budget of the UK
AI Security Institute?"; "Did Greenblatt and colleagues also see it in Llama?".
Most of such a question's weight is its subject, so the share of it a passage
meets is high. The thing asked for is its *focus*, read from the question's shape,
and a passage answers only when it (read with its paragraph and section title)
says it:

- "which/what <thing> ...?": the words of the thing, less the words any explanation
  fills (``ASPECTS``: "downside", "main", "kind"); and "which X?" is not answered by a
  sentence that mentions "an off-the-shelf language model", or says "in algorithmic
  environments", without naming one;
- a founding, a job, funding, a departure, a disbanding or renaming, being in charge,
  where someone worked: those words, in a sentence that names the question's subject;
- plans, what happened later ("after the paper came out", "now that"), how things
  stand ("still", "ever", "today", "in practice"): a word that says it, in a sentence
  that names the subject; money, a span of time ("how long", "how fast"), a ranking
  ("which ... most often", "who was the first to"): a word that says it;
- why a result came out as it did ("Why were the backdoors hardest to remove in the
  largest models?"): a cause, in a sentence that names the subject;
- "Did X also ...?", "the same X in Llama", "or only in games", "instead of": the whole
  question, since the new case may be anywhere in it; a yes/no question that names two
  things: a paragraph that names both;
- what a named person thinks or said, in the sentence that names them; what a named
  thing requires, says, proposes or measures, in a sentence that says so;
- the members of a named thing ("which risk categories does the Framework track?"),
  or "the six scenarios": a sentence or list that lists that many;
- a comparison with something the course never names ("compared with GRPO", "a better
  measure than SWE-bench").

And a figure, a model version or a list's size in the question that the lesson never
gives anywhere ("raised to 10%", "GPT-5", "the six scenarios" of a lesson that never
says six) means it asks about another case than the lesson's: declined whatever the
passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alignlearn.tutor.question import MAX_QUESTION_CHARS, without_markup
from alignlearn.tutor.acronyms import SpelledOut, acronym_asked
from alignlearn.tutor.timeline import AUX, times_asked
from alignlearn.tutor.given import COUNTS, VERSIONED, Given, figures_of, owned_asked, versions_of
from alignlearn.tutor.judgements import judgement_asked
from alignlearn.tutor.words import STOPWORDS, fold, stem, words

# Words any explanation fills: the question asks the passage to say them, not name them.
ASPECTS = frozenset(stem(word) for word in """
kind kinds type types sort sorts part parts step steps stage stages role roles way ways problem problems idea ideas
area areas branch branches cost costs tradeoff tradeoffs trade-off trade-offs
point points purpose purposes goal goals aim difference differences downside downsides upside upsides benefit
benefits advantage advantages disadvantage disadvantages drawback drawbacks limitation limitations limit limits
weakness weaknesses strength strengths risk risks cause causes effect effects result results outcome outcomes reason
reasons meaning gist catch issue issues trouble danger dangers worry worries concern concerns flaw flaws takeaway
lesson lessons main big biggest key core basic basics whole real general overall first second third last final
next other same different new old thing things example examples case cases story deal approach approaches method
methods technique techniques mechanism mechanisms process procedure job function functions use uses point
relationship relation link connection tradeoff trade-off tension contrast comparison alternative alternatives
solution solutions fix fixes answer answers question questions argument arguments claim claims evidence finding
findings conclusion conclusions intuition motivation insight insights principle principles rule rules lesson
thing definition explanation description summary overview detail details aspect aspects feature features factor
factors challenge challenges obstacle obstacles hard hardest difficult difficulty important crucial central
significance impact consequence consequences implication implications purpose value values status state
percentage percentages proportion proportions fraction fractions share
situation context background history origin origins name names term terms word words concept concepts
abbreviation abbreviations acronym acronyms initials mitigation mitigations
flavour flavours flavor flavors variety varieties variant variants mix mixture combination range bunch
spot spots pitfall pitfalls shortcoming shortcomings strange odd weird surprising unusual interesting notable famous
relevant significant major particular noteworthy
exactly precisely specific specifically actually really basically simple simply plain short quick
good bad best worst better worse most more less least much many
analogy analogies trick tricks family families quality qualities title full data dataset datasets piece work
research study studies share vs versus organisation organization organisations organizations lab labs company companies group
groups team teams person people researcher researchers author authors paper papers model models algorithm
algorithms system systems broad two three four five six seven eight""".split())

NAME_REACH = 40  # characters after "a language model" where its name may follow: ", powerful but ... (GPT-4 in"
_AUX = AUX
# "Which risk categories does X track", "What safeguards does ASL-4 require": the thing runs from
# after which/what to the verb that follows it ("which" may be followed by any verb: "which model disabled").
# "What goes wrong if a model will help ...": the thing asked about ends where a clause of its own begins.
_SUBORDINATE = r"(?:if|when|whenever|because|while|once|unless|although|though|whether)\b"
_WHICH_START = (r"^\s*(?:[^,?]{0,60},\s*)?(?:(?:so|and|but|ok|okay|then)\s+)?(?:which|what)\s+(?!" + _AUX + r"\b|'s\b|if\b|about\b|else\b|"
                r"happen\w*\b|kind\s+of\b|type\s+of\b|sort\s+of\b)(?:(?:one\s+)?of\s+(?:the|these|those|its|their)\s+)?"
                r"(?P<thing>(?:(?!" + _SUBORDINATE + r"|" + _AUX + r"\b)[\w'-]+\s+){1,6}?)")
_WHICH = re.compile(_WHICH_START + r"(?=" + _AUX + r"\b)")
_IRREGULAR = ("made|built|wrote|won|ran|led|took|gave|kept|held|set|put|got|came|went|saw|said|told|paid|sent|began|"
              "brought|bought|taught|thought|sold|chose|drew|grew|knew|left|lost|meant|met|read|spent|stood|wore|"
              "makes|builds|writes|runs|leads|takes|gives|keeps|holds|uses|funds|owns|says|tells|pays|sends")
_WHICH_VERB = re.compile(_WHICH_START.replace("(?:which|what)", "which") + r"(?=\w+ed\b|of\b|(?:" + _IRREGULAR + r")\b)")
# "What's the annual budget of X", "what is the market making proposal for Y": the thing after "the".
_WHAT_THE = re.compile(r"^\s*what(?:'s|\s+is|\s+are|\s+was|\s+were)\s+(?:the|its|their|his|her)\s+"
                       r"(?P<thing>(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?=(?:of|for|in|on|at|behind|between)\b)")
# A founding, a job, a departure, and the words a passage must use to say it (the exact forms:
# "found" is also "find"'s, "leads to" leads no team, "attention heads" head nothing).
_WHO_AT = r"who\s+(?:(?:from|at|in|of)\s+[\w' -]{1,40}?\s+)?"  # "who from the project ran it?": who ran it
_ROLES = {
    r"(?:co-?)?found(?:ed|er|ers|ing)": r"(?:co-?)?found(?:ed|er|ers|ing)|start(?:ed|ing)?|set up|establish\w*|"
                                        r"creat(?:ed|ing)|launch(?:ed|ing)?|began|begun",
    r"join(?:ed|s)?": r"join(?:ed|s|ing)?",
    r"hire[ds]?": r"hir(?:e|ed|es|ing)",
    r"fired": r"fired",
    r"resign\w*": r"resign\w*",
    r"quit": r"quit\w*",
    r"invent(?:ed|or|ors)?": r"invent\w*",
    _WHO_AT + r"(?:led|leads|lead)": r"led|leader\w*|headed|head of|leads (?:the|a|an|its|their) ",
    _WHO_AT + r"(?:runs|ran)": r"runs|ran|run by|headed|head of|led",
    _WHO_AT + r"(?:heads|headed)": r"headed|head of|led|leader\w*",
    _WHO_AT + r"left": r"left|leav\w*|depart\w*",
    r"(?:did|does|do)\s+[\w\s.'-]{1,40}?\s+leave(?!\s+(?:out|over|behind|room)\b)": r"left|leav\w*|depart\w*|moved|joined",
    r"mov(?:e|ed)\s+(?:from|to|over\s+to)": r"mov(?:e|ed|es|ing)|left|join\w*",
    r"who\s+chairs": r"chair\w*",
    r"where\s+(?:is|are|was|were)\b.*\b(?:based|located|headquartered)|\bheadquarter\w*": r"based|located|headquarter\w*|"
                                                                                          r"offices?",
    r"(?:director|ceo|chief\s+executive|president|boss|head)\s+of|who(?:'s|\s+is|\s+was)\s+(?:the\s+)?"
    r"(?:current\s+)?(?:director|ceo|president|boss|head)\b": r"director|ceo|chief executive|president|chair\w*|led|"
                                                                r"leader\w*|headed|head of|run by|(?-i:under [A-Z]\w*)",
    r"disband\w*|dissolv\w*|shut\s+down|wound\s+up": r"disband\w*|dissolv\w*|shut down|wound (?:up|down)|clos(?:ed|ing)|ended",
    r"renam\w*": r"renam\w*|took (?:that|the) name|(?:new|changed its) name|became|began as|started (?:out )?as|formerly|previously called|until (?:its|the) rename|(?-i:the [A-Z][^()]{1,60} until)",
    r"merg\w*": r"merg\w*|combin\w*|joined",
    r"spun\s+(?:out|off)|split\s+off": r"spun (?:out|off)|split (?:off|out)|independent|separate",
    r"fund(?:s|ed|er|ers|ing)?": r"fund\w*|financ\w*|backed|paid for|grants?",
    r"(?:was|is|were|are)\s+in\s+charge": r"in charge|led|leader\w*|headed|head of|director|run by|(?-i:under [A-Z]\w*)",
    r"(?:lead|first|main)\s+authors?": r"et al\.?|and colleagues|led by|first author|lead author",
    r"react\w*|respond\w*|response": r"react\w*|respon(?:se|ses|d|ds|ded|ding)|repl(?:y|ies|ied)",
    r"where\s+(?:did|does|do)\s+[\w\s.'-]{1,40}?\s+work": r"worked|works (?:at|for)|employ\w*|(?-i:(?:at|of|from) [A-Z]\w+)",
}
_ROLE = [(re.compile(r"\b(?:" + asked + r")\b"), said) for asked, said in _ROLES.items()]
_MONEY_ASKED = re.compile(r"\b(?:budget|budgets|cost(?!\s+of\s+\w+ing\b)|costs|costed|price|prices|priced|salary|salaries|spend|spent|"
                          r"spending|funding|funded|dollars?|money|paid|pay|fee|fees|revenue|valuation|invest\w*)\b")
_MONEY = re.compile(r"[$\u00a3\u20ac]|\b(?:budget|cost|costs|costly|price|salary|spend|spent|funding|funded|dollars?|"
                    r"money|paid|pay|fee|revenue|cheap\w*|expensive|(?:million|billion)\s+(?:dollars|pounds|euros|usd))\b",
                    re.IGNORECASE)  # "1.3 billion parameters" is no sum of money
# "Why were the backdoors hardest to remove in the largest models?": why a result came out as it did,
# which a lesson that reports the result seldom says; "Why did Anthropic only recruit people in the US?",
# "why model the levels on biosafety levels?", "why Sparrow's rules in particular?": a choice's motive. Only a
# sentence that gives a cause answers it.
_RESULT_WHY = re.compile(r"^\s*why\s+(?:did|were|was|have|has)\b.*\b(?:\w+est|harder|easier|faster|slower|more|less|fewer|"
                         r"longer|shorter|bigger|smaller|larger|higher|lower|better|worse|stronger|weaker|so\s+often|"
                         r"go(?:es)?\s+up|went\s+up|rose|fell|dropp?\w*|increas\w*|decreas\w*|grew|grow|"
                         r"reorgani[sz]\w*|renam\w*|chang\w*|replac\w*|leave|left|quit|resign\w*|disband\w*|dissolv\w*|"
                         r"start\w*|found\w*|launch\w*|recruit\w*|limit\w*|restrict\w*|only|model+ed|base[ds]?|split|merg\w*|pick\w*|chose|"
                         r"choos\w*|decid\w*|switch\w*)\b|^\s*why\b.*\b(?:in\s+particular|specifically)\b")
_REASON = re.compile(r"\b(?:because|since(?!\s+(?:\d|then\b|the\s+(?:start|first|release|launch)))|as a result|due to|so that|reasons|(?:the|a|one|main|key|this|that|whose)\s+reason|"
                     r"reason\s+(?:is|was|why|for)|explain\w*|explanation|caus\w*|led to|leads? to|"
                     r"thanks to|owing to|suggest\w*|in order to|precaution\w*|so as to)\b", re.IGNORECASE)
# "Besides the year trigger, what other backdoors ...?": more of a kind, which a sentence says it has.
_OTHERS_ASKED = re.compile(r"\b(?:what|which)\b(?:\s+[\w'-]+){0,3}?\s+(?:other|else)\b(?!\s+than)")
_OTHERS = re.compile(r"\b(?:other|others|another|also|as well|in addition|besides|too|a second|both|several|"
                     r"various|such as|including|apart from|aside from|except|at the same (?:time|moment)|"
                     r"alongside|along with|together with)\b", re.IGNORECASE)
_YES_NO = re.compile(r"^\s*(?:" + _AUX + r")\b")
_ALSO = re.compile(r"^\s*(?:" + _AUX + r")\b.*?\b(?:also|too|as\s+well(?!\s+as\b)|either|the\s+same\s+\w+\s+(?:in|on|with|for)|"
                   r"or\s+only|not\s+(?:just|only)|other\s+than|instead\s+of|besides|apart\s+from|outside(?:\s+of)?|beyond)\b")
_SAID = re.compile(r"\bwhat\s+(?:did|does|do|has|have)\s+(?P<who>.+?)\s+(?:\w+\s+)?(?:say|said|think|thought|argue|"
                   r"believe|claim|write|feel|make)\s+(?:about|of|on|regarding)\s+(?P<topic>.+)$")
# "What does Hubinger think the chances are ...", "What does Christiano think now ...": a view of a named person's.
_VIEW_ASKED = re.compile(r"\b(?i:what|how)\s+(?i:did|does|do)\s+(?P<who>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)\s+"
                         r"(?:\w+\s+)?(?i:think|thinks|believe|feel|view|see|rate|expect|consider)\b")
_VIEW = re.compile(r"\b(?:think\w*|thought|believ\w*|argu\w*|says?|said|wr[io]te|writes|written|views?|according|call\w*|"
                   r"warn\w*|claim\w*|estimat\w*|expect\w*|put it|in (?:his|her|their) words)\b",
                   re.IGNORECASE)
# "How does X compare with Y?", "better than Y", "different from Y": a passage must speak of Y too.
_VERSUS = re.compile(r"(?i:\b(?:compared?|comparison|contrast)\s+(?:with|to|against)\s+(?P<other>[^?.!,;]+)|"
                     r"\b(?:better|worse|stronger|weaker|safer|cheaper|faster|slower|different|differ|distinct)"
                     r"(?:\s+[\w-]+){0,3}?\s+(?:than|from)\s+(?P<other2>[^?.!,;]+)|\b(?:versus|vs\.?)\s+(?P<other3>[^?.!,;]+))")
_NAME = re.compile(r"\b[\w-]*[A-Z][\w-]*")  # a word with a capital: a name, an acronym
# "What does ASL-4 require?", "What do the guidelines actually say?": what a thing requires, says, proposes
# is told only by a sentence that says that, in any of the words for it. ("What did X find?" is left to the
# ranking: a finding is told in too many ways.)
_DOES_ASKED = re.compile(r"^\s*(?:(?:and|so|but)\s+)?what\s+(?:exactly\s+|actually\s+)?(?:does|did|do|has|have)\s+(?P<who>[^,;?]+?)\s+"
                         r"(?:actually\s+|exactly\s+|really\s+)?(?P<verb>requires?|say|propose|"
                         r"recommend|commit|measure|track)\b")
# "What does \u201cPlanting\u201d say?", "what does the lesson say about X?": the text's content, which no verb of
# saying need announce (the tutor suggests the first form when it declines).
_TEXT_SAYS = re.compile(r"^[\"'\u201c\u2018]|\b(?:lesson|section|chapter|part|introduction|text|page|it|this|that)\b")
_DOES = {
    "requir": r"requir\w*|need\w*|must|demand\w*|call\w* for|commit\w*|oblig\w*|mandat\w*",
    "say": r"say\w*|said|stat\w*|wr[io]te|writ\w*|put it|argu\w*|claim\w*|describ\w*|tell\w*|told|read\w*|call\w*",
    "propos": r"propos\w*|suggest\w*|introduc\w*|recommend\w*|advocat\w*|put forward|argu\w*",
    "recommend": r"propos\w*|suggest\w*|recommend\w*|advis\w*|urg\w*|should",
    "commit": r"commit\w*|requir\w*|must|promis\w*|pledg\w*|oblig\w*",
    "measur": r"measur\w*|track\w*|test\w*|evaluat\w*|assess\w*|scor\w*|monitor\w*",
    "track": r"measur\w*|track\w*|test\w*|evaluat\w*|assess\w*|monitor\w*",
}
_DOES_KEY = {"require": "requir", "requires": "requir", "propose": "propos", "measure": "measur"}
# "Which model disabled its oversight most often?", "who was the first to ...": a passage that ranks them.
_MOST_ASKED = re.compile(r"\b(?:which|who|what)\b.*\b(?:most|least)\s+(?:often|frequently|commonly|\w+ly)\b|"
                         r"\b(?:which|who)\b.*\b(?:was|were|is)\s+the\s+(?:first|only)\s+(?:[\w-]+\s+)?to\b")
_MOST = re.compile(r"\b(?:most|least|first|last|only|more|less|fewer|\w+est|than|top|highest|lowest|"
                   r"above all|ahead|led|leading|outperform\w*|beat|rank\w*)\b", re.IGNORECASE)
# "What are the six scenarios in Apollo's evals?", "Which risk categories does the Preparedness Framework
# track?": the members of a named thing, which a passage gives only as a list.
_MEMBERS_ASKED = re.compile(r"^\s*(?:(?:and|so)\s+)?(?:what|which)\s+(?:(?:are|were)\s+)?(?:the\s+|its\s+|their\s+)?"
                            r"(?:(?!(?:did|does|do|was|were|is|are|has|have|had)\b)[\w-]+\s+){0,2}?"  # "what did toy models show?"
                            r"(?!(?:does|was|has|this|its|is|us|as|yes|less|unless)\b)"
                            r"[a-z-]{2,}[^\Ws]s\b")
MEMBERS = 3  # things a sentence lists, at least, to list a named thing's members
# "How long was Golden Gate Claude up?", "How fast is it growing?": a span of time.
_LONG_ASKED = re.compile(r"\bhow\s+(?:fast|quickly)\b|\bhow\s+long\s+(?:was|were|did|does|do|is|are|has|have|had)\b"
                         r"(?!\s+(?:the|its|their|a|an|these|those)?\s*(?:[\w-]+\s+)?(?:answer|text|output|task|prompt|"
                         r"response)s?\b)")  # "how long were the answers?" asks a length, not a time
_LONG = re.compile(r"\b(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several|many)\s+"
                   r"(?:\w+\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b", re.IGNORECASE)
# "What are the six scenarios?": a passage that lists six things.
_LIST_ASKED = re.compile(r"\bwhat\s+(?:exactly\s+|actually\s+)?(?:are|were)\s+(?:the\s+names\s+of\s+)?(?:the|its|their|all|all\s+the|[\w-]+'s)\s+(?P<count>two|three|four|five|six|seven|"
                         r"eight|nine|ten|\d+)\s+(?:[\w-]+\s+){0,2}?[\w-]+s\b")
_CAPITALISED = re.compile(r"(?<=[\w,;:'\"] )[\w-]*[A-Z][\w-]*")  # inside the question, not its first word
@dataclass(frozen=True)
class Focus:
    """What a passage must say to answer: ``words`` (each met by the question's clause for it),
    ``pattern`` (found in its text), or nothing at all (``never``: a figure the lesson lacks)."""

    kind: str  # which | role | money | plan | later | status | also | yesno | said | does | versus | ... | figure
    what: str  # what the lesson does not give, said in a decline
    words: tuple[str, ...] = ()
    pattern: re.Pattern | SpelledOut | None = None  # anything with ``search(text)``
    never: bool = False
    items: int = 0  # a list of this many things
    anywhere: bool = False  # ``words`` met anywhere in the lesson will do
    head: str = ""  # "which platform ...?" is not answered by "a large technology platform"
    category: str = ""  # "which natural language tasks ...?" is not answered by "on natural language tasks, ..."
    in_sentence: bool = False  # ``pattern`` must be in the passage's own sentence, not just its paragraph
    of_subject: bool = False  # and that sentence names the question's named subjects ("Anthropic")
    counted: str = ""  # "two question sets": a passage that says so without naming them lists nothing


# The second thing a judgement weighs: "... than Y", "... as well as Y", "... X or Y?".
_OTHER_SIDE = re.compile(r"(?i)\b(?:than|as\s+well\s+as|as\s+[\w-]+\s+as|or)\s+([^?.!,;]+)")


def _content(text: str) -> list[str]:
    return [word for word in words(text) if len(word) > 1 and word not in STOPWORDS]


def focus_asked(question: str, given: Given) -> list[Focus]:
    """Each focus ``question`` has; ``given``: what the lesson gives anywhere."""
    question = without_markup(question[:MAX_QUESTION_CHARS])
    plain = fold(question).replace("\u2019", "'")
    found: list[Focus] = []
    if not versions_of(question) <= given.versions:
        found.append(Focus("version", "anything about that model", never=True))
    counted = {figure for figure in figures_of(question) if figure.isdigit() and int(figure) in given.counts}  # "the 3 conditions"
    if not figures_of(question) - counted <= given.figures:
        found.append(Focus("figure", "anything about that figure", never=True))
    owned = owned_asked(plain)
    if owned is not None:  # "What is GPT-4's time horizon?": a sentence about GPT-4, not the term's definition
        named = VERSIONED.findall(question)
        found.append(Focus("owned", "that for " + (named[0] if named else "that model"), pattern=owned, in_sentence=True))
    match = _WHICH_VERB.match(plain) or _WHICH.match(plain) or _WHAT_THE.match(plain)
    if match is not None:  # names are for the names rule (``alignlearn.tutor.lacks``): "the MNIST experiment"
        names = {fold(word) for word in _CAPITALISED.findall(question)}
        thing = [word for word in _content(match.group("thing")) if stem(word) not in ASPECTS and word not in names]
        head = _head(match.group("thing")) if match.re is not _WHAT_THE and "which" in plain[: match.start("thing")] else ""
        last_two = re.findall(r"[\w-]+", match.group("thing"))[-2:] if head else []  # "natural language tasks"
        if thing or head:
            found.append(Focus("which", "the " + " ".join(thing or [head]), tuple(thing), head=head,
                               category=" ".join(last_two) if len(last_two) == 2 and last_two[0] not in STOPWORDS else ""))
    role = [said for asked, said in _ROLE if asked.search(plain)]
    if role:
        found.append(Focus("role", "", pattern=re.compile(r"\b(?:" + "|".join(role) + r")\b", re.IGNORECASE),
                           in_sentence=True, of_subject=True))  # "the institute founded in 2023" founded no lab
    if _MONEY_ASKED.search(plain):
        found.append(Focus("money", "any sum of money", pattern=_MONEY))
    for kind, what, said in times_asked(plain):  # plans, what came later or before, how things stand
        found.append(Focus(kind, what, pattern=said, in_sentence=True, of_subject=True))
    if _OTHERS_ASKED.search(plain):
        found.append(Focus("others", "any others", pattern=_OTHERS, in_sentence=True))
    if _RESULT_WHY.search(plain):
        found.append(Focus("reason", "the reason for that", pattern=_REASON, in_sentence=True, of_subject=True))
    named = _CAPITALISED.findall(question)
    if _YES_NO.match(plain) and len(named) >= 2:  # "Did Claude Opus 4 scheme in Apollo's tests?": both in one paragraph
        found.append(Focus("yesno", "", tuple(word for name in named for word in _content(name))))
    if _ALSO.match(plain):  # the new case may be anywhere in it: "Did Gemini sandbag as well?"
        found.append(Focus("also", "", tuple(_content(plain))))
    match = _VIEW_ASKED.search(question.replace("\u2019", "'"))
    if match is not None:
        found.append(Focus("view", "that view", tuple(_content(match.group("who"))), pattern=_VIEW))
    match = _VERSUS.search(question.replace("\u2019", "'"))
    other = match and (match.group("other") or match.group("other2") or match.group("other3")) or ""
    names = [word for name in _NAME.findall(other) for word in _content(name)]
    if names:  # "compared with GRPO": a lesson that never names it compares nothing with it
        found.append(Focus("versus", "anything about that", tuple(names), anywhere=True))
    pattern = judgement_asked(plain)
    if pattern is not None:  # "Is X stricter than Y?": a sentence that compares, in a paragraph that speaks of Y
        other = _OTHER_SIDE.search(question.replace("\u2019", "'"))
        named = [word for name in _NAME.findall(other.group(1)) for word in _content(name)] if other else []
        found.append(Focus("judged", "a comparison of the two", tuple(named), pattern=pattern, in_sentence=True))
    match = _DOES_ASKED.search(plain)
    if match is not None and not (match.group("verb") == "say" and _TEXT_SAYS.search(match.group("who"))):
        said = _DOES[_DOES_KEY.get(match.group("verb"), match.group("verb"))]
        found.append(Focus("does", "", pattern=re.compile(r"\b(?:" + said + r")\b", re.IGNORECASE), in_sentence=True))
    if _MEMBERS_ASKED.match(plain) and _CAPITALISED.search(question) and not _LIST_ASKED.search(plain):
        found.append(Focus("members", "that list", items=MEMBERS))  # "the two stages": a list of two, below
    if _MOST_ASKED.search(plain):
        found.append(Focus("most", "a ranking of them", pattern=_MOST, in_sentence=True))
    if _LONG_ASKED.search(plain):
        found.append(Focus("long", "how long that took", pattern=_LONG))
    match = _LIST_ASKED.search(plain)
    if match is not None:
        wanted = COUNTS.get(match.group("count")) or int(match.group("count"))
        # "the six scenarios" of a lesson that never says six: it lists no six of anything
        counted = plain[match.start("count"):match.end()]  # "two question sets": a list of question sets
        found.append(Focus("list", "that list", tuple(w for w in _content(counted)[1:] if stem(w) not in ASPECTS),
                           items=wanted, never=wanted not in given.counts, counted=counted))
    acronym = acronym_asked(question)
    if acronym is not None:  # "What does WMDP stand for?": a sentence that spells it out
        found.append(Focus("acronym", f"what {acronym} stands for", pattern=SpelledOut(acronym), in_sentence=True))
    match = _SAID.search(plain)
    if match is not None:
        who = [] if _TEXT_SAYS.search(match.group("who")) else _content(match.group("who"))  # not "the lesson"'s words
        said = who + _content(match.group("topic"))
        if said:
            found.append(Focus("said", "their words on that", tuple(said)))
    return found


def focused(focus: list[Focus], query, stemmer, context: frozenset[str], text: str,
            vocabulary: frozenset[str] = frozenset(), sentence: str = "", own: frozenset[str] | None = None,
            members: int = 0) -> bool:
    """Whether a passage meets every ``focus``: its ``context`` (its tokens, read with its paragraph
    and section title; the lesson's ``vocabulary`` for a focus met ``anywhere``) meets each focus
    word's clause in ``query``, and ``text`` (its paragraph) matches each focus pattern and lists
    as many things as asked for (or the passage is one of a list of ``members`` items)."""
    for wanted in focus:
        met = vocabulary if wanted.anywhere else context
        said = sentence if (wanted.kind == "view" or wanted.in_sentence) and sentence else text
        if wanted.never or wanted.pattern is not None and not wanted.pattern.search(said):
            return False
        if wanted.of_subject and own is not None and not all(
                c.met_by(own, query.names_in_lesson) for c in query.clauses if c.named):
            return False
        if wanted.items and max(_listed(text), members) < wanted.items:
            return False
        if wanted.counted and _only_counted(wanted.counted, text):
            return False
        # A sentence that does not mention the thing names it only by its paragraph's word for it.
        if wanted.head and _withheld(wanted.head, sentence if wanted.head[:-1] in fold(sentence) else text):
            return False
        if wanted.category and _unnamed_kind(wanted.category, sentence if wanted.category in fold(sentence) else text):
            return False
        for word in wanted.words:
            token = stemmer(word)
            clauses = [c for c in query.clauses if token in c.tokens]
            if not any(c.met_by(met, query.names_in_lesson) for c in clauses) and token not in met:
                return False
    return True


def _head(thing: str) -> str:
    """The thing a "which" question asks to be named: its owner ("which tech company's terms": the
    company), else its last word."""
    found = re.findall(r"[\w-]+", thing.split("'s")[0] if "'s" in thing else thing)
    return found[-1] if found else ""


def _withheld(head: str, sentence: str) -> bool:
    """Whether ``sentence`` mentions ``head`` without naming it: "an off-the-shelf language model",
    "a large technology platform", and no name after it ("a model ... (GPT-4 in the paper)")."""
    mention = re.search(r"\b(?i:a|an|one|some|another|certain)\s+(?:[\w-]+\s+){0,3}?" + re.escape(head[:-1] or head)
                        + r"\w*\b", sentence)
    after = sentence[mention.end() : mention.end() + NAME_REACH] if mention else ""
    return mention is not None and not VERSIONED.search(after) and not re.search(r"\b[A-Z][a-z]\w*|\b[A-Z]{2,}\b", after)


def _unnamed_kind(kind: str, sentence: str) -> bool:
    """Whether ``sentence`` says the ``kind`` asked about ("algorithmic environments") and names
    none of its members after it: no name, colon, bracket, "such as" or "called"."""
    mention = re.search(r"\b" + r"\s+".join(re.escape(word) for word in kind.split()) + r"\b", sentence, re.IGNORECASE)
    after = sentence[mention.end() : mention.end() + NAME_REACH] if mention else ""
    return mention is not None and not re.match(r"\s*(?:[:(\u2014\u2013-]|such\s+as\b|like\b|including\b|called\b|named\b|"
                                                r"from\s+[A-Z]|[A-Z\"\u201c])", after) and not re.search(r"\b[A-Z][a-z]\w*|\b[A-Z]{2,}\b", after)


def _only_counted(counted: str, text: str) -> bool:
    """Whether ``text`` says "two question sets" and names none of them after it (no colon,
    bracket, dash, "such as", or names after a comma)."""
    first, *others = counted.split()  # "six scenarios" is said "six agentic scenarios" too
    mention = re.search(r"\b" + re.escape(first) + r"\s+(?:[\w-]+\s+){0,2}?" + r"\s+".join(map(re.escape, others)) + r"\b",
                        text, re.IGNORECASE)
    after = text[mention.end() : mention.end() + NAME_REACH] if mention else ""
    rest = re.split(r"(?<=[.!?])\s", text[mention.end():], maxsplit=1)[0] if mention else ""
    return mention is not None and ":" not in rest and not re.match(
        r"\s*(?:[(\u2014\u2013-]|,\s*(?:such\s+as\b|like\b|namely\b|[A-Z\"\u201c])|such\s+as\b|like\b|namely\b|"
        r"called\b|named\b)", after)  # "three claims and called them speculative: ..." leads into its list


def _listed(text: str) -> int:
    """How many things ``text`` (a paragraph, or a list's lines) lists at most: its lines, or the
    parts of its longest sentence between commas, semicolons and "and"."""
    lines = [line for line in text.splitlines() if line.strip()]
    parts = max((len(re.split(r",|;|\band\b|\bor\b", sentence)) for sentence in re.split(r"(?<=[.!?])\s", text)),
                default=0)
    return max(len(lines), parts)
