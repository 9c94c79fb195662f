"""Light normalisation shared by passages and questions: words, stems, sentences.

Both sides of a match go through the same ``stems()``, so the stemmer only has to
be consistent, not linguistically right: "optimise", "optimisation" and "optimizing"
must meet, and it does not matter that they meet at "optim". It is a handful of
suffix rules rather than a Porter stemmer because lessons are short and English,
and a dependency would buy little over forty lines.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable

WORD = re.compile(r"[^\W_]+")

# Question words and glue. Small on purpose: a word that carries meaning in one
# lesson ("control", "power") must not vanish from every lesson.
STOPWORDS = frozenset("""
a about above actually after again against all also am an and any are aren as at came
be because been before being below between both but by can cannot come comes coming could couldn did
didn do does doesn doing don done down during each either else even ever every exactly
explain few for from further get gets getting give go goes going got had happen happened happens has hasn
have haven having he her here hers herself him himself his how i if in into is isn
it its itself just kind know let like ll many me mean meaning means meant might more most
much must my myself need no nor not now of off often on once one only or other our
ours ourselves out over own please quite rather re really s same say says shall she
should so some something sort such t tell than that the their theirs them themselves
then there these they thing things this those through to too under until up upon us
use used uses using ve versus very via vs want was wasn way we were weren what whatever when
where whether which while who whom whose why will with without won would wouldn yet
you your yours yourself yourselves
""".split())

# Whole words the suffix rules would mangle.
EXCEPTIONS = {"bias": "bias", "biases": "bias", "biased": "bias", "news": "news",
              "always": "always", "series": "series", "species": "species", "data": "data",
              "eval": "evalu", "evals": "evalu",
              # "-ic" words whose stem is another word's: "basic" is not "based", "topic" not "top"
              "basic": "basic", "basics": "basic", "topic": "topic", "topics": "topic", "logic": "logic",
              "public": "public", "publicly": "public"}
# Verbs in "-ply" are no adverbs: "applied" is not "app", "complied" not "comp", "supply" not "sup".
EXCEPTIONS.update({verb + ending: verb + "i" for verb in ("appl", "repl", "suppl", "compl", "impl", "multipl")
                   for ending in ("y", "ies", "ied", "ying")})
EXCEPTIONS.update({form: "probe" for form in ("probe", "probes", "probed", "probing")})  # not "probability"

# Irregular forms, to their lemma: a learner asks who "wrote" what the lesson says was "written".
IRREGULAR = {form: lemma for lemma, forms in {
    "write": "wrote written", "teach": "taught", "build": "built", "choose": "chose chosen",
    "think": "thought", "make": "made", "find": "found", "begin": "began begun", "bring": "brought",
    "buy": "bought", "catch": "caught", "hold": "held", "keep": "kept", "lead": "led", "learn": "learnt",
    "run": "ran", "send": "sent", "spend": "spent", "take": "took taken", "understand": "understood",
    "fall": "fell fallen", "feel": "felt", "fight": "fought", "forget": "forgot forgotten",
    "hide": "hid hidden", "drive": "drove driven", "speak": "spoke spoken", "break": "broke broken",
    "grow": "grew grown", "draw": "drew drawn", "see": "saw seen", "show": "shown", "give": "gave given",
    "lose": "lost", "pay": "paid", "sell": "sold", "seek": "sought", "win": "won",
    "bad": "worse worst", "spell": "spelt", "burn": "burnt", "rise": "rose risen", "steal": "stole stolen",
    "wear": "wore worn",
}.items() for form in forms.split()}

# Stems of one family that the suffix rules leave apart.
FAMILIES = {"critiqu": "critic", "criticis": "critic", "crit": "critic", "overse": "oversight",
            "oversee": "oversight", "dec": "decept"}

_IZE = re.compile(r"(?<=[iy])z(?=(e|es|ed|ing|ation|ations|er|ers)$)")
# British "-our" is American "-or": behaviour/behavior, favoured/favored (not hour, four, your).
_OUR = re.compile(r"(?<=[a-z]{3})our(?=(s|ed|ing|able|ably|ite|ites)?$)")
_INFLECTIONS = (("sses", "ss"), ("ies", "y"), ("ied", "y"), ("ing", "e"), ("ed", "e"), ("s", ""))
_DERIVATIONS = tuple(sorted({
    "isation": "is", "iser": "is", "ancy": "ant", "ency": "ent", "ational": "", "fulness": "",
    "iveness": "", "ousness": "", "ability": "", "ibility": "", "ation": "", "ition": "",
    "ional": "", "ement": "", "ment": "", "ness": "", "ence": "", "ance": "", "able": "",
    "ible": "", "ative": "", "ive": "", "ful": "", "ion": "", "ate": "", "ity": "", "ism": "",
    "ist": "", "ic": "", "ly": "",
}.items(), key=lambda rule: len(rule[0]), reverse=True))
_MIN_STEM = 3
# Nouns made into verbs keep their noun's suffix: "questioned", "commented", "persisting" ("noticed" is no -ic).
_NOUN_SUFFIXES = ("ion", "ment", "ist", "ness")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude, consistent stem of a casefolded word."""
    found = _stem(word)
    return FAMILIES.get(found, found)


def _stem(word: str) -> str:
    if word in EXCEPTIONS:
        return EXCEPTIONS[word]
    word = IRREGULAR.get(word, word)
    if len(word) <= 3 or not word.isalpha():
        return word
    word = _OUR.sub("or", _IZE.sub("s", word))
    for suffix, replacement in _INFLECTIONS:
        if word.endswith(suffix):
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            base = word[: -len(suffix)]
            if len(base) >= _MIN_STEM or suffix == "sses" and len(base) > 1:  # "passes": "pass"
                word = base + replacement
                if replacement == "e" and base.endswith(_NOUN_SUFFIXES):  # "questioned" meets "question"
                    word = base
            break
    for suffix, replacement in _DERIVATIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            word = word[: -len(suffix)] + replacement
            break
    if word.endswith("e") and len(word) > _MIN_STEM:
        word = word[:-1]
    # A doubled last consonant goes, whatever came off: "preferred", "modelling" and "spelled"
    # meet "prefer", "model" and "spell" only if "spell" loses its second l too.
    if len(word) > _MIN_STEM and word[-1] == word[-2] and word[-1] not in "saeiou":
        word = word[:-1]
    return word


def fold(text: str) -> str:
    """Casefolded, compatibility-normalised text ("ﬁne-tuning" is "fine-tuning")."""
    return unicodedata.normalize("NFKC", text).casefold()


def words(text: str) -> list[str]:
    """The casefolded words of ``text``: letters and digits, split at anything else."""
    return WORD.findall(fold(text))


def stems(text: str, stemmer: Callable[[str], str] = stem) -> list[str]:
    """The stems of the words that carry meaning, in order (stopwords and single letters dropped).

    ``stemmer`` is ``same_word`` only to measure what the stemmer adds."""
    return [stemmer(word) for word in words(text) if len(word) > 1 and word not in STOPWORDS]


def same_word(word: str) -> str:
    """No stemming: the word as it is written (casefolded)."""
    return word


# --- sentences ---------------------------------------------------------------------

_SENTENCE_END = re.compile(r"([.!?][\"'\u201d\u2019)]*)\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "al", "etc", "vs", "cf", "dr", "mr", "mrs", "ms", "st", "no", "fig"})


def sentences(text: str) -> list[tuple[int, str]]:
    """Split prose into sentences, each with its offset in ``text``."""
    found: list[tuple[int, str]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].split()
        last = before[-1].casefold() if before else ""
        if match.group(1).startswith(".") and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        piece = text[start : match.end(1)].strip()
        if piece:
            found.append((start, piece))
        start = match.end()
    piece = text[start:].strip()
    if piece:
        found.append((start, piece))
    return found


# --- numbered parts: "phase two", "step 3", "the second stage" -----------------------

ORDERED = ("phase", "stage", "step", "level", "part", "round", "tier", "generation", "version", "iteration",
           "section", "chapter")
_CARDINALS = ("one two three four five six seven eight nine ten eleven twelve").split()
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth").split()
_ROMAN = ("I II III IV V VI VII VIII IX X XI XII").split()
_NOUN = r"(?P<noun>" + "|".join(ORDERED) + r")s?"
_COUNT = r"(?:\d{1,2}|" + "|".join(_CARDINALS) + r"|" + "|".join(_ROMAN) + r")"
_NUMBERED = re.compile(r"\b" + _NOUN + r"[ \t]*[-#]?[ \t]*(?P<count>" + _COUNT + r"(?:(?:,|,? and|,? or|\s+to)\s+" + _COUNT
                       + r")*)\b", re.IGNORECASE)
_NTH = re.compile(r"\b(?P<nth>" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))[ \t]+" + _NOUN + r"\b", re.IGNORECASE)


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    folded = word.casefold()
    if folded in _CARDINALS:
        return _CARDINALS.index(folded) + 1
    if folded in _ORDINALS:
        return _ORDINALS.index(folded) + 1
    if word in _ROMAN:  # written in capitals only: "Phase II", not the pronoun
        return _ROMAN.index(word) + 1
    if folded[:-2].isdigit():
        return int(folded[:-2])
    return None


def numbered_parts(text: str, stemmer: Callable[[str], str] = stem) -> list[str]:
    """A token for each numbered part ``text`` names, the same however it is written: "Phase
    two", "phase 2", "the second phase" and "Phase II" are all ``~phas#2``; "Steps 3 and 4"
    are ``~step#3`` and ``~step#4``. Numbers alone are no words (``stems`` drops them), so
    without these "how does phase 2 work?" would ask only about "phase"."""
    found = []
    for match in _NUMBERED.finditer(text):
        noun = stemmer(match.group("noun").casefold())
        for word in re.findall(r"\w+", match.group("count")):
            number = _number(word)
            if number is not None and number > 0 and word.casefold() not in ("and", "or", "to"):
                found.append(f"~{noun}#{number}")
    for match in _NTH.finditer(text):
        number = _number(match.group("nth"))
        if number:
            found.append(f"~{stemmer(match.group('noun').casefold())}#{number}")
    return found
