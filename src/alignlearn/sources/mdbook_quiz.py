"""mdbook-quiz files (SPEC section 1b) read into our quiz model.

The format is mdbook-quiz's (``crates/mdbook-quiz-schema``): ``[[questions]]`` of
``type`` MultipleChoice, ShortAnswer or Tracing, each with a ``prompt`` and an
``answer`` table, ``context`` shown after answering, and an optional ``multipart``
key naming a shared prompt in the ``[multipart]`` table. A question that cannot be
read is reported at its line and left out; the others load. Nothing here raises for
bad input: the book is someone else's.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
from pathlib import Path

from alignlearn.course.problems import LessonError, Problem, Problems
from alignlearn.course.quiz import MAX_CHOICES, QUESTION_ID, Question, Quiz, Tracing, question_tables
from alignlearn.course.source import KeyLines, closest, parse_toml, read_text, sanitise
from alignlearn.sources.rust_code import FENCE, hide_rust_lines, permission_letters

__all__ = ["read_quiz", "TYPES", "TRACING_PROMPT", "as_shown", "unmark"]

TYPES = {"MultipleChoice": None, "ShortAnswer": "short_answer", "Tracing": "tracing"}
QUESTION_KEYS = {"id", "type", "prompt", "answer", "context", "multipart", "promptExplanation"}
# What mdbook-quiz itself shows above a program to trace.
TRACING_PROMPT = ("Determine whether the program will pass the compiler. If it passes, "
                  "write the expected output of the program if it were executed.")


def read_quiz(path: Path, root: Path) -> tuple[Quiz | None, list[Problem]]:
    """The quiz in ``path``, which must lie inside ``root`` (the book's folder), and
    the problems found; None when the file cannot be read at all."""
    problems = Problems(path)
    if not _inside(path, root):
        problems.error(1, 1, f"a quiz outside the book's folder ({root})",
                       "keep quiz files inside the book's folder; '..' or a link may not leave it")
        return None, list(problems)
    try:
        text = sanitise(read_text(path, problems), problems)
        data = parse_toml(text, problems)
    except LessonError as error:
        return None, error.problems
    except Exception as error:  # noqa: BLE001 - a book is someone else's: never a traceback
        problems.error(1, 1, f"cannot read quiz: {type(error).__name__}", "check the file is mdbook-quiz TOML")
        return None, list(problems)
    keys = KeyLines(text)
    raw = question_tables(data, keys, problems, "split the quiz in two")
    if raw is None:
        return None, list(problems)
    shared = data.get("multipart", {})
    if not isinstance(shared, dict):
        problems.error(*keys.find("multipart"), "'multipart' must be a table of shared prompts",
                       'write [multipart] then one line per part: a = """..."""')
        shared = {}
    questions: list[Question] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw):
        reader = _Reader(entry, index, keys, problems)
        try:
            question = reader.question(shared)
        except Exception as error:  # noqa: BLE001 - a shape we did not foresee: that question only
            problems.error(*reader.where(), f"question {index + 1} cannot be read ({type(error).__name__})",
                           "compare it with mdbook-quiz's examples")
            question = None
        if question is None:
            continue
        if question.id in seen:  # a repeated or derived id would mix two questions' progress
            question.id = _unique(question.id, seen)
        seen.add(question.id)
        questions.append(question)
    return Quiz(path, questions), list(problems)


def unmark(code: str) -> str:
    """A snippet without mdbook-quiz's highlight marks: it shows a backtick and ``[``,
    text, ``]`` and a backtick as that text highlighted (and an empty pair as nothing),
    so only the text inside is kept."""
    return code.replace("`[", "").replace("]`", "")


def as_shown(text: str) -> str:
    """A quiz's Markdown with its code blocks as mdbook-quiz shows them to a learner:
    highlight marks dropped, an ``ide`` block (its Rust editor) as Rust, then the hidden
    lines of Rust and Aquascope blocks left out, and its permissions as letters, as in a chapter."""
    if "```" not in text and "~~~" not in text:
        return permission_letters(text)
    lines = text.split("\n")
    fence, aquascope = "", False
    for number, line in enumerate(lines):
        fenced = FENCE.match(line)
        if fenced and not fence:
            fence = fenced.group(1)
            first = fenced.group(2).strip().split(",")[0].strip()
            aquascope = first == "aquascope"  # its own marks: hide_rust_lines drops them whole
            if first == "ide":
                lines[number] = line[: fenced.start(2)] + "rust" + fenced.group(2).strip()[3:]
        elif fenced and fenced.group(1).startswith(fence) and not fenced.group(2).strip():
            fence, aquascope = "", False
        elif fence and not aquascope:
            lines[number] = unmark(line)
    shown, _ = hide_rust_lines(lines, list(range(len(lines))))
    return "\n".join(shown)


def _inside(path: Path, root: Path) -> bool:
    try:
        target, folder = os.path.realpath(path), os.path.realpath(root)
        return os.path.commonpath([target, folder]) == folder
    except (ValueError, OSError):
        return False


def _unique(question_id: str, seen: set[str]) -> str:
    number = 2
    while f"{question_id[:60]}-{number}" in seen:
        number += 1
    return f"{question_id[:60]}-{number}"


class _Reader:
    """One ``[[questions]]`` entry, with where each of its keys is written."""

    def __init__(self, entry: dict, index: int, keys: KeyLines, problems: Problems) -> None:
        self.entry, self.index, self.keys, self.problems = entry, index, keys, problems
        self.failed = False

    def where(self, key: str | None = None) -> tuple[int, int]:
        return self.keys.find(key, "questions", self.index)

    def error(self, key: str | None, message: str, hint: str = "") -> None:
        self.failed = True
        self.problems.error(*self.where(key), f"question {self.index + 1}: {message}", hint)

    def table(self, key: str) -> dict:
        value = self.entry.get(key)
        if not isinstance(value, dict):
            self.error(key, f"'{key}' must be a table", f"write {key}.KEY = ... lines, as mdbook-quiz does")
            return {}
        return value

    def text(self, table: dict, key: str, name: str, required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.error(name.split(".")[0], f"no '{name}'", f'add {name} = "..."')
            return ""
        if not isinstance(value, str):
            self.error(name.split(".")[0], f"'{name}' must be a string", f'put the text in quotes: {name} = "..."')
            return ""
        return sanitise(value)

    def texts(self, table: dict, key: str, name: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(name.split(".")[0], f"'{name}' must be a list of strings", f'for example: {name} = ["a", "b"]')
            return []
        return [sanitise(v) for v in value]

    def question(self, shared: dict) -> Question | None:
        entry = self.entry
        for key in entry:
            if key not in QUESTION_KEYS:
                guess = closest(key, QUESTION_KEYS)
                self.problems.warning(*self.where(key), f"unknown key '{key}' in question {self.index + 1}",
                                      f"did you mean '{guess}'?" if guess else "it is ignored")
        kind_name = entry.get("type")
        if kind_name not in TYPES:
            shown = kind_name if isinstance(kind_name, str) else "(none)"
            guess = closest(shown, TYPES, cutoff=0.5) if isinstance(kind_name, str) else None
            self.problems.error(*self.where("type"), f"question {self.index + 1}: unknown type '{shown}'; "
                                "the question is left out",
                                (f"did you mean '{guess}'? " if guess else "") + "type is one of: " + ", ".join(TYPES))
            return None
        prompt, answer = self.table("prompt"), self.table("answer")
        if self.failed:
            return None
        explanation = as_shown(self.text(entry, "context", "context", required=False))
        lead = self._lead(shared)
        if kind_name == "MultipleChoice":
            made = self._multiple_choice(prompt, answer)
        elif kind_name == "ShortAnswer":
            made = self._short_answer(prompt, answer)
        else:
            made = self._tracing(prompt, answer)
        question_id = self._id(kind_name, prompt)
        if made is None or self.failed:
            return None
        made.id, made.explanation, made.lead, made.line = question_id, explanation, lead, self.where()[0]
        return made

    def _lead(self, shared: dict) -> str:
        name = self.entry.get("multipart")
        if name is None:
            return ""
        if not isinstance(name, str) or not isinstance(shared.get(name), str):
            shown = name if isinstance(name, str) else "?"
            self.error("multipart", f"multipart '{shown}' is not in the [multipart] table",
                       f'add it: [multipart] then {shown} = """..."""')
            return ""
        return as_shown(sanitise(shared[name]))

    def _id(self, kind_name: str, prompt: dict) -> str:
        """mdbook-quiz's id (a UUID) when it is a usable one; otherwise one made from the
        question's content, so it stays the same when questions are added or moved."""
        given = self.entry.get("id")
        if isinstance(given, str) and QUESTION_ID.match(given):
            return given
        content = "\x00".join([kind_name, str(prompt.get("prompt", "")), str(prompt.get("program", ""))])
        return "q-" + hashlib.sha1(content.encode("utf-8", "replace")).hexdigest()[:12]

    def _multiple_choice(self, prompt: dict, answer: dict) -> Question | None:
        text = as_shown(self.text(prompt, "prompt", "prompt.prompt"))
        distractors = [as_shown(d) for d in self.texts(prompt, "distractors", "prompt.distractors")]
        right = answer.get("answer")
        if isinstance(right, str):
            answers, kind = [as_shown(sanitise(right))], "single"
        elif isinstance(right, list) and right and all(isinstance(a, str) for a in right):
            answers, kind = [as_shown(sanitise(a)) for a in right], "multiple"
        else:
            self.error("answer", "'answer.answer' must be a string or a non-empty list of strings",
                       'for example: answer.answer = "2" (one right choice) or ["1", "2"] (several)')
            return None
        index, sort = prompt.get("answerIndex"), prompt.get("sortAnswers")
        if index is not None and (type(index) is not int or index < 0):
            self.error("prompt", "'prompt.answerIndex' must be a whole number from 0", "for example: prompt.answerIndex = 1")
            return None
        if index is not None and index > len(distractors):  # mdbook-quiz puts it last too, but the author meant a place
            place = self.keys.locate(re.compile(r"\banswerIndex\b"), *self.where()) or self.where("prompt")
            self.problems.warning(*place, f"question {self.index + 1}: 'prompt.answerIndex' is {index}, "
                                  f"past the last of its {len(distractors) + len(answers)} choices; the answer goes last",
                                  f"use a place from 0 to {len(distractors)}")
        keep = False
        if index is not None:  # as mdbook-quiz: the answers go in at that place, nothing shuffled
            choices = list(distractors)
            choices[index:index] = answers
            keep = True
        elif sort is True:
            choices, keep = sorted(answers + distractors), True
        else:
            # Answers first would give them away in `alignlearn quiz`: a fixed shuffle
            # by the question's content (the reader shuffles again as it does for any quiz).
            choices = answers + distractors
            random.Random("\x00".join(choices)).shuffle(choices)
        if len(choices) < 2:
            self.error("prompt", "a multiple-choice question needs at least two choices",
                       'add prompt.distractors = ["...", "..."]')
        elif len(choices) > MAX_CHOICES:
            self.error("prompt", f"at most {MAX_CHOICES} choices (the keys 1-9 pick them)", "drop some distractors")
        elif len(set(choices)) != len(choices):
            self.error("prompt", "two choices have the same text", "each choice and distractor must differ")
        if self.failed:
            return None
        return Question("", kind, text, "", answers[0] if kind == "single" else answers, choices, keep_order=keep)

    def _short_answer(self, prompt: dict, answer: dict) -> Question | None:
        text = as_shown(self.text(prompt, "prompt", "prompt.prompt"))
        right = self.text(answer, "answer", "answer.answer")
        alternatives = self.texts(answer, "alternatives", "answer.alternatives")
        if not self.failed and not right.strip():
            self.error("answer", "'answer.answer' is empty", "write the text the learner should type")
        return None if self.failed else Question("", "short_answer", text, "", right, alternatives=alternatives)

    def _tracing(self, prompt: dict, answer: dict) -> Question | None:
        program = self.text(prompt, "program", "prompt.program")
        compiles = answer.get("doesCompile")
        if not isinstance(compiles, bool):
            self.error("answer", "'answer.doesCompile' must be true or false", "write answer.doesCompile = true")
            return None
        stdout = answer.get("stdout")
        if stdout is not None and not isinstance(stdout, str):
            self.error("answer", "'answer.stdout' must be a string", 'for example: answer.stdout = "1 2"')
        line = answer.get("lineNumber")
        if line is not None and (type(line) is not int or line < 1):
            self.error("answer", "'answer.lineNumber' must be a line number from 1", "answer.lineNumber = 4")
        if self.failed:
            return None
        tracing = Tracing(compiles, sanitise(stdout) if compiles and stdout is not None else None,
                          line if not compiles else None)
        # Shown as mdbook-quiz shows it, line for line: the learner may name a line.
        return Question("", "tracing", TRACING_PROMPT, "", tracing, program=unmark(program).strip("\n"))
