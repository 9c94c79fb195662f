"""A lesson's quiz (SPEC section 3): single, multiple and true/false questions.

mdbook-quiz files (SPEC section 1b, ``alignlearn.sources.mdbook_quiz``) add typed
answers: ``short_answer`` and ``tracing`` (does the program compile, then its output
or the line of the error). A tracing answer given by the learner is kept as a list of
texts, ``["compiles", STDOUT]`` or ``["fails", LINE]``, so progress files keep one
shape of answer that every version reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from alignlearn.course.problems import LessonError, Problem, Problems
from alignlearn.course.source import (
    KeyLines, closest, parse_toml, read_text, sanitise, sanitise_value, warn_unknown_keys,
)
from alignlearn.untrusted import UNSAFE

if TYPE_CHECKING:
    from alignlearn.course.lesson import Lesson

KINDS = ("single", "multiple", "true_false", "short_answer", "tracing")
NATIVE_KINDS = KINDS[:4]  # those our own quiz files may hold (SPEC section 3)
MAX_CHOICES = 9  # the keys 1-9 choose them
MAX_QUESTIONS = 500
QUESTION_KEYS = {"id", "kind", "prompt", "choices", "answer", "explanation", "section"}
OPTIONAL_KEYS = {"alternatives"}  # short_answer's other right answers
SECTIONS_LISTED = 8  # a hint for a section no heading has lists this many of the lesson's headings
QUESTION_ID = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")

Answer = str | list[str] | bool
COMPILES, FAILS = "compiles", "fails"  # the first text of a tracing answer


@dataclass(frozen=True)
class Tracing:
    """A tracing question's right answer: whether the program compiles, then what it
    prints or the line of the error (either may be unknown: None)."""

    compiles: bool
    stdout: str | None = None
    line: int | None = None

    def as_dict(self) -> dict:
        return {"compiles": self.compiles, "stdout": self.stdout, "line": self.line}


def tracing_given(compiles: bool, text: str = "") -> list[str]:
    """A learner's tracing answer, in the shape it is kept."""
    return [COMPILES if compiles else FAILS, text]


def read_tracing(given: object) -> tuple[bool, str] | None:
    """(compiles, text) from a kept tracing answer, or None if it is not one."""
    if (isinstance(given, list) and len(given) == 2 and all(isinstance(g, str) for g in given)
            and given[0] in (COMPILES, FAILS)):
        return given[0] == COMPILES, given[1]
    return None


def _output_lines(text: str) -> list[str]:
    """Program output as compared: trailing spaces of each line, and blank lines at the
    start and end, do not count."""
    return [line.rstrip() for line in text.strip("\n").rstrip().split("\n")]

_MISSING_HINTS = {
    "id": 'add id = "q1" (any id not used by another question) to this [[questions]] entry',
    "kind": 'add kind = "single", "multiple", "true_false" or "short_answer" to this [[questions]] entry',
    "explanation": 'add explanation = "..." saying why the answer is right; the learner sees it after answering',
}


@dataclass(eq=False)
class Question:
    id: str
    kind: str
    prompt: str
    explanation: str
    answer: Answer
    choices: list[str] = field(default_factory=list)
    section: str = ""
    line: int = 1
    alternatives: list[str] = field(default_factory=list)  # short_answer: other right answers
    program: str = ""  # tracing: the program to trace
    lead: str = ""  # shown before the prompt: a multipart question's shared context
    keep_order: bool = False  # the choices are shown in the file's order, never shuffled

    def options(self) -> list[str]:
        """What the learner picks from, in order: ``1`` true, ``2`` false for true/false."""
        return ["True", "False"] if self.kind == "true_false" else list(self.choices)

    def is_correct(self, given: Answer | None) -> bool:
        """Check an answer by its text, so shuffled choices are still checked right."""
        if given is None:
            return False
        if self.kind == "true_false":
            return isinstance(given, bool) and given == self.answer
        if self.kind == "multiple":
            return isinstance(given, list) and set(given) == set(self.answer)
        if self.kind == "short_answer":
            right = [self.answer, *self.alternatives]
            return isinstance(given, str) and given.strip().casefold() in {r.strip().casefold() for r in right}
        if self.kind == "tracing":
            return isinstance(self.answer, Tracing) and _tracing_correct(self.answer, read_tracing(given))
        return given == self.answer

    def right_answer(self) -> str:
        """The right answer as a learner would type or pick it, in one line of text."""
        answer = self.answer
        if isinstance(answer, Tracing):
            if answer.compiles:
                shown = "It compiles"
                return shown + (f" and prints: {answer.stdout.strip()}" if answer.stdout is not None else ".")
            return "It does not compile" + (f": the error is at line {answer.line}." if answer.line else ".")
        if isinstance(answer, bool):
            return "True" if answer else "False"
        if isinstance(answer, list):
            return ", ".join(answer)
        return str(answer)


def _tracing_correct(right: Tracing, given: tuple[bool, str] | None) -> bool:
    if given is None or given[0] != right.compiles:
        return False
    text = given[1]
    if right.compiles:
        return right.stdout is None or _output_lines(text) == _output_lines(right.stdout)
    if right.line is None:
        return True
    number = text.strip().removeprefix("line").strip()
    return number.isdigit() and int(number) == right.line


@dataclass(eq=False)
class Quiz:
    file: Path
    questions: list[Question]
    written: int = 0  # the [[questions]] the file holds, those left out for a mistake among them

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


def question_tables(data: dict, keys: KeyLines, problems: Problems, split_hint: str) -> list[dict] | None:
    """The quiz's ``[[questions]]`` tables, at most ``MAX_QUESTIONS``; None (reported) if not tables."""
    raw = data.get("questions", [])
    if not isinstance(raw, list) or not all(isinstance(q, dict) for q in raw):
        problems.error(*keys.find("questions"), "'questions' must be an array of tables: [[questions]]",
                       "start each question with a line [[questions]], then its keys, one per line")
        return None
    if not raw:  # SPEC asks no question of a quiz file, but one without any is surely unfinished
        problems.warning(1, 1, "the quiz file has no questions",
                         "start a question with a line [[questions]], then its keys; or delete the file")
    if len(raw) > MAX_QUESTIONS:
        problems.error(1, 1, f"too many questions ({len(raw)}; the limit is {MAX_QUESTIONS})", split_hint)
        raw = raw[:MAX_QUESTIONS]
    return raw


def quiz_errors(lesson: "Lesson") -> list[Problem]:
    """Errors in the lesson's quiz file (or files: an mdBook chapter's quizzes), the lesson's
    own file aside: when the quiz is None and these are not empty, there is a quiz that
    could not be read, which a learner must be told rather than "no quiz"."""
    return [p for p in lesson.problems if p.is_error and p.file != str(lesson.info.file)]


def quiz_path(lesson_file: Path) -> Path:
    return lesson_file.with_name(lesson_file.name.removesuffix(".md") + ".quiz.toml")


def load_quiz(path: Path, lesson: "Lesson | None" = None) -> tuple[Quiz | None, list[Problem]]:
    """Load the quiz; bad questions are reported and left out, good ones kept."""
    problems = Problems(path)
    try:
        text = sanitise(read_text(path, problems), problems)
        data = parse_toml(text, problems)
    except LessonError as error:
        return None, error.problems
    keys = KeyLines(text)
    for key in data:
        if key != "questions":
            problems.warning(*keys.find(key), f"unknown key '{key}' in quiz",
                             "a quiz holds only [[questions]] entries: move the key under one, or delete it")
    raw = question_tables(data, keys, problems, "split the lesson in two, each with its own quiz")
    if raw is None:
        return None, list(problems)
    questions: list[Question] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw):
        question = _question(entry, index, keys, problems, lesson)
        # A question left out for another mistake still holds its id: a second use is reported
        # in the same run, not once the first mistake is fixed.
        given = question.id if question is not None else entry.get("id") if isinstance(entry, dict) else None
        if isinstance(given, str) and given in seen:
            problems.error(*keys.find("id", "questions", index), f"duplicate question id '{given}'",
                           "each question needs its own id: progress is kept by it, so never reuse one")
            continue
        if isinstance(given, str):
            seen.add(given)
        if question is not None:
            questions.append(question)
    return Quiz(path, questions, len(raw)), list(problems)


def _question(entry: dict, index: int, keys: KeyLines, problems: Problems, lesson) -> Question | None:
    def where(key: str | None = None) -> tuple[int, int]:
        return keys.find(key, "questions", index)

    before = len(problems)
    warn_unknown_keys(entry, QUESTION_KEYS | OPTIONAL_KEYS, where, problems, f"question {index + 1}")

    def text(key: str, required: bool = True) -> str:
        value = entry.get(key)
        if value is None:
            if required:
                problems.error(*where(), f"question {index + 1} has no '{key}'",
                               _MISSING_HINTS.get(key, f'add {key} = "..." to this [[questions]] entry'))
            return ""
        if not isinstance(value, str):
            problems.error(*where(key), f"'{key}' must be a string", f'put the text in double quotes: {key} = "..."')
            return ""
        return value if not UNSAFE.search(value) else sanitise_value(value, problems, keys, where(key))

    question_id = text("id")
    if question_id and not QUESTION_ID.match(question_id):
        problems.error(*where("id"), f"bad question id '{question_id}': use letters, digits, '-' and '_'",
                       'for example: id = "q' + str(index + 1) + '"')
    kind = text("kind")
    if kind and kind not in NATIVE_KINDS:
        guess = closest(kind, NATIVE_KINDS, cutoff=0.5)
        problems.error(*where("kind"), f"unknown kind '{kind}'",
                       (f"did you mean '{guess}'? " if guess else "") + "kind is one of: " + ", ".join(NATIVE_KINDS))
    prompt = text("prompt")
    explanation = text("explanation")
    section = text("section", required=False)
    if section and lesson is not None and lesson.section(section) is None:
        close = closest(section, [s.title for s in lesson.sections])
        titles = [s.title for s in lesson.sections]
        listed = ("; the lesson's are: " + ", ".join(f"'{t}'" for t in titles[:SECTIONS_LISTED])
                  + (", ..." if len(titles) > SECTIONS_LISTED else "")) if titles else "; the lesson has none"
        problems.error(*where("section"), f"section '{section}' names no section of the lesson",
                       f"did you mean '{close}'?" if close else "use the text of one of the lesson's '## ' headings" + listed)

    choices: list[str] = []
    alternatives: list[str] = []
    answer = entry.get("answer")
    # Choices are sanitised, so answers must be too, or an answer naming a choice
    # with an invisible character could never match it. (Reported once, at choices.)
    if isinstance(answer, str):
        answer = sanitise(answer)
    elif isinstance(answer, list):
        answer = [sanitise(item) if isinstance(item, str) else item for item in answer]
    if kind in ("single", "multiple"):
        raw_choices = entry.get("choices")
        if not isinstance(raw_choices, list) or not all(isinstance(c, str) for c in raw_choices) or len(raw_choices) < 2:
            problems.error(*where("choices"), "'choices' must be a list of at least two strings",
                           'for example: choices = ["First", "Second", "Third"]')
        elif len(raw_choices) > MAX_CHOICES:
            problems.error(*where("choices"), f"at most {MAX_CHOICES} choices (the keys 1-9 pick them)",
                           "drop the weakest choices, or split the question in two")
        elif len(set(raw_choices)) != len(raw_choices):
            twin = next(c for n, c in enumerate(raw_choices) if c in raw_choices[:n])
            problems.error(*where("choices"), "two choices have the same text",
                           f"'{twin}' is there twice: the answer names choices by their text, so each must differ")
        else:
            choices = [c if not UNSAFE.search(c) else sanitise_value(c, problems, keys, where("choices"))
                       for c in raw_choices]
    if answer is None and kind in ("single", "multiple", "true_false"):
        problems.error(*where(), f"question {index + 1} has no 'answer'", _missing_answer(kind))
    elif kind == "single":
        if not isinstance(answer, str):
            problems.error(*where("answer"), "'answer' of a single-choice question must be the text of one choice",
                           _example_answer(choices, many=False, given=answer))
        elif choices and answer not in choices:
            problems.error(*where("answer"), f"answer '{answer}' is not one of the choices", _did_you_mean(answer, choices))
    elif kind == "multiple":
        if not isinstance(answer, list) or not answer or not all(isinstance(a, str) for a in answer):
            problems.error(*where("answer"), "'answer' of a multiple-choice question must be a list of choices' texts",
                           _example_answer(choices, many=True, given=answer))
        elif choices:
            for item in answer:
                if item not in choices:
                    problems.error(*where("answer"), f"answer '{item}' is not one of the choices",
                                   _did_you_mean(item, [choice for choice in choices if choice not in answer]))
    elif kind == "short_answer":
        alternatives = _short_answer(entry, answer, where, problems)
    elif kind == "true_false":
        if not isinstance(answer, bool):
            problems.error(*where("answer"), "'answer' of a true/false question must be true or false",
                           "write answer = true or answer = false, without quotes")
        if "choices" in entry:
            problems.warning(*where("choices"), "a true/false question has no choices; they are ignored",
                             "delete the choices line: the learner answers with 1 for true or 2 for false")
    if any(p.is_error for p in problems[before:]):
        return None
    return Question(question_id, kind, prompt, explanation, answer, choices, section, where()[0],
                    alternatives=alternatives)


def _short_answer(entry: dict, answer, where, problems: Problems) -> list[str]:
    """Check a short answer's ``answer`` and ``alternatives``; the alternatives."""
    if not isinstance(answer, str) or not answer.strip():
        problems.error(*where("answer"), "'answer' of a short-answer question must be the text to type",
                       'for example: answer = "mut" (matched ignoring case and the spaces around it)')
    if "choices" in entry:
        problems.warning(*where("choices"), "a short-answer question has no choices; they are ignored",
                         "delete the choices line: the learner types the answer")
    alternatives = entry.get("alternatives", [])
    if not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives):
        problems.error(*where("alternatives"), "'alternatives' must be a list of texts",
                       'for example: alternatives = ["mut", "let mut"]')
        return []
    return [sanitise(a) for a in alternatives]


def _missing_answer(kind: str) -> str:
    """No example choice here: an author who pasted one would ship a wrong answer key."""
    if kind == "true_false":
        return "add answer = true or answer = false"
    if kind == "multiple":
        return 'add the right choices, copied from choices: answer = ["...", "..."]'
    return 'add the right choice, copied from choices, in quotes: answer = "..."'


def _example_answer(choices: list[str], many: bool, given: object = None) -> str:
    """The form the answer takes; a choice's text only where the author's own value names it
    (``answer = 2`` for the second choice), never a guess."""
    if isinstance(given, int) and not isinstance(given, bool) and 1 <= given <= len(choices):
        chosen = choices[given - 1].replace('"', '\\"')
        return f'the text of the choice, not its number: for choice {given}, answer = "{chosen}"'
    if many:
        return 'a list of the right choices\' texts, even of one: answer = ["..."]'
    return 'the text of the right choice, copied from choices, in quotes: answer = "..."'


def _did_you_mean(given: str, choices: list[str]) -> str:
    """The hint for an answer that is no choice: the closest of ``choices``, which for a
    multiple-choice answer are those it does not already give ("did you mean 'Tables'?"
    of an answer that holds 'Tables' sent the author looking for a typo that is not there)."""
    import difflib

    close = difflib.get_close_matches(given, choices, n=1, cutoff=0.4)
    if close:
        return f"`answer` must be the text of one of the choices: did you mean '{close[0]}'?"
    return "`answer` must be the exact text of one of the choices"
