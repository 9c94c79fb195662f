"""The parts of the tutor that meet a learner's words where the lesson uses others.

All are on in use. Each can be switched off, one at a time, only to measure what it
adds (tests/support/tutor_eval.py --parts SETFILE):

- ``stems``: morphology: "optimising" meets "optimisation", "wrote" meets "written";
- ``terms``: the lesson's key terms: a term meets its definition's head ("RLHF",
  "reinforcement learning from human feedback"), and a question in a definition's
  words meets the term;
- ``synonyms``: the acronyms the lesson spells out in its prose ("reward model (RM)"),
  the shorter acronyms inside them ("RL"), a question's acronym of a name the lesson
  writes in full ("DPO" for "Direct Preference Optimization"), the field's common
  acronyms where the lesson writes their long form ("RL", "LLM"), and "year"/"when"
  for a passage with a date;
- ``spelling``: a slip in a long word read as the lesson's word ("superpositon"), and
  chat shorthand read as words ("whats the diff").
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Parts:
    stems: bool = True
    terms: bool = True
    synonyms: bool = True
    spelling: bool = True

    @classmethod
    def names(cls) -> list[str]:
        return [field.name for field in fields(cls)]

    def without(self, name: str) -> "Parts":
        return replace(self, **{name: False})


ALL = Parts()
