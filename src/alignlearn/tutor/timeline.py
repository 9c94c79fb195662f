"""When a question asks about time: a plan, what came after or before, how things stand now.

"Does OpenAI still have a superalignment team?" is not answered by the sentence that says the
team was formed, nor "What did Redwood publish after the 2023 paper?" by the paper itself: each
shape of question here has the words a sentence must use to tell it ("still", "now", "since"
for how things stand; "later", "went on", "renamed" for what came after). Used by
``alignlearn.tutor.focus``, which holds the passage to them.
"""

from __future__ import annotations

import re

AUX = r"(?:is|are|was|were|does|do|did|has|have|had|can|could|would|should|will|may|might|must)"

_PLAN_ASKED = re.compile(r"\bplan(?:s|ning|ned)?\s+to\b|\bintend\w*\s+to\b|\bin\s+the\s+future\b|\bupcoming\b|"
                         r"\bwhat(?:'s|\s+is)\s+next\b|\bgoing\s+to\b|"
                         r"\bwhen\s+will\b|\bwill\b.*\b(?:end\s+up|eventually|ever\s+be|one\s+day|someday)\b|"
                         r"\b(?:do|does)\s+(?:you|anyone|people)\s+(?:think|expect)\b.*\bwill\b")  # the future
_PLAN = re.compile(r"\b(?:will|plan|plans|planned|intend\w*|future|upcoming|next|later|expect\w*|aims?\s+to|going to)\b",
                   re.IGNORECASE)
# "What happened to X after the paper came out?": what came after, which a passage must tell.
_LATER_ASKED = re.compile(r"\bwhat\s+(?:happened|became)\s+(?:to|of|with)\b.*\b(?:after|since|later)\b|^\s*after\s+(?:the|that|this|"
                          r"its|their)\b|^\s*since\s+\d{4}\b|\bnow\s+that\b|\bafter\b.*\b(?:came|come)\s+out\b|"
                          r"\b(?:last|latest|most\s+recently)\s+(?:revis|updat|chang|amend)\w*")
# "What did Ajeya Cotra work on before she proposed sandwiching?": what someone did earlier, which a
# passage must tell (not the proposal itself).
_DEED = r"^\s*(?:what|where)\s+did\s+.+?\s+(?:do|work|worked|publish|study|build|write|lead|research|release|change)\b"
_EARLIER_ASKED = re.compile(_DEED + r".*\bbefore\s+(?:she|he|they|it|the|that|this|its|their|joining|founding|starting)\b")
_LATER_DEED = re.compile(_DEED + r".*\bafter\s+(?:she|he|they|it|the|that|this|its|their)\b|^\s*(?:did|has|have)\s+.+?\s+(?:chang|revis|updat|stop|drop|abandon|replac)\w*\b.*\bafter\b")  # "... after the 2023 paper?"
_EARLIER = re.compile(r"\b(?:before|earlier|previously|prior|formerly|had\s+(?:been|worked|led|run|written|published)|"
                      r"used\s+to|until|at\s+the\s+time|first)\b", re.IGNORECASE)
# "Does OpenAI still have ...?", "Did Anthropic ever ...?": how things stand, which a passage must say.
_STATUS_ASKED = re.compile(r"^\s*(?:" + AUX + r")\b.*\b(?:still|ever|anymore|any\s+longer|nowadays|currently|these\s+days|"
                           r"today(?!'s)|right\s+now|in\s+practice|in\s+production|deploy\w*|since(?=\s+(?:been|then|changed|fixed|confirmed|replicated|done|it|they|its|their|the|that|this)\b)|again|held\s+up|holds?\s+up|through\s+20\d\d|"
                           r"publicly|open[- ]sourc\w*)\b")  # not "today's methods"
_STATUS_WORDS = (r"still|ever|never|now|today|currently|no longer|any more|anymore|"
                 r"since(?=\s+(?:then|\d|the|its|their|that|this|his|her)\b)|remains?|remained|not yet|"
                 r"so far|to date|disband\w*|dissolv\w*|in practice|eventually|ended up")
_STATUS = re.compile(r"\b(?:" + _STATUS_WORDS + r")\b", re.IGNORECASE)
# Words that tell how a thing stands only when the question asks about that: a sentence on "deployment
# requirements" says nothing of whether Anthropic has ever paused.
_PUT_OUT_ASKED = re.compile(r"\b(?:deploy\w*|production|releas\w*|ship\w*|launch\w*|publicly|publish\w*|open[- ]sourc\w*)\b")
_PUT_OUT_WORDS = ("released", "shipped", "launched", r"deploy\w*", "in production", "production", "publicly", "published",
                  r"open[- ]sourc\w*")
_LATER_WORDS = ("after", "afterwards", "later", "since", r"subsequent\w*", "went on", r"disband\w*", r"dissolv\w*", "became",
                "renamed", "spun out", "merged", "left", "joined")


def _unsaid(words: tuple[str, ...], plain: str) -> list[str]:
    """``words`` less those the question's premise ("since ...", "after ...") says: "after the keepers left"
    is not told by "the keepers left", nor "revised since it was published" by "published in 2026"."""
    premise = re.search(r"\b(?:since|after|once)\b(.*)", plain)
    return [word for word in words if premise is None or not re.search(r"\b" + word + r"\b", premise.group(1))]


def _later(plain: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(["after", *_unsaid(_LATER_WORDS[1:], plain)]) + r")\b", re.IGNORECASE)


def _put_out(plain: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join([_STATUS_WORDS, *_unsaid(_PUT_OUT_WORDS, plain)]) + r")\b", re.IGNORECASE)


def times_asked(plain: str) -> list[tuple[str, str, re.Pattern]]:
    """For a question (casefolded), each time it asks about: its kind, what a decline says the
    lesson does not give, and the pattern a sentence that tells it matches."""
    found = []
    if _PLAN_ASKED.search(plain):
        found.append(("plan", "any plans", _PLAN))
    if _LATER_ASKED.search(plain) or _LATER_DEED.search(plain):
        found.append(("later", "what happened later", _later(plain)))
    if _EARLIER_ASKED.search(plain):
        found.append(("earlier", "what came before", _EARLIER))
    if _STATUS_ASKED.search(plain):
        found.append(("status", "how that stands", _put_out(plain) if _PUT_OUT_ASKED.search(plain) else _STATUS))
    return found
