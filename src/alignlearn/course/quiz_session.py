"""Taking a quiz: the order of questions and choices, the answers, the grade.

Plain Python, no Textual: the quiz screen shows a :class:`QuizSession` and sends it
the learner's keys, and the tests drive it directly. Answers are kept by the text of
the choices (never their position), so a retake may shuffle both questions and
choices, and a draft saved in one order resumes correctly in another.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from alignlearn.course.quiz import Answer, Question, Quiz, Tracing, read_tracing, tracing_given

__all__ = ["Outcome", "QuizSession", "Regrade", "sitting_rng", "valid_answer"]


@dataclass(frozen=True)
class Outcome:
    """One question answered: what was given, and whether it was right."""

    question: Question
    given: Answer
    correct: bool

    @property
    def right_options(self) -> list[str]:
        """The options that make up the right answer, as shown (``True``/``False`` for true/false)."""
        answer = self.question.answer
        if self.question.kind == "true_false":
            return ["True" if answer else "False"]
        if self.question.kind == "tracing":
            return [YES if isinstance(answer, Tracing) and answer.compiles else NO]
        return list(answer) if isinstance(answer, list) else [str(answer)]


def sitting_rng(learner: str, course_id: str, lesson_id: str, attempt: int) -> random.Random:
    """The random order of one sitting: the same for a learner's same attempt (a quiz
    left and resumed shows its choices where they were), another for the next attempt
    and for another learner."""
    return random.Random(f"{learner}\x00{course_id}\x00{lesson_id}\x00{attempt}")


YES, NO = "It compiles", "It does not compile"  # a tracing question's first step


def valid_answer(question: Question, given: object) -> bool:
    """Whether ``given`` is an answer this question could have been given (a draft may be stale)."""
    if question.kind == "short_answer":
        return isinstance(given, str) and bool(given.strip())
    if question.kind == "tracing":
        return read_tracing(given) is not None
    if question.kind == "true_false":
        return isinstance(given, bool)
    if question.kind == "multiple":
        return (isinstance(given, list) and bool(given)
                and all(isinstance(g, str) and g in question.choices for g in given))
    return isinstance(given, str) and given in question.choices


@dataclass
class QuizSession:
    """One sitting of a quiz, from the first question to the score.

    ``order`` is the question ids in the order they are asked; ``choice_order`` the
    options of each question in the order they are shown. ``answers`` holds every
    answer submitted so far, by question id.
    """

    quiz: Quiz
    order: list[str]
    choice_order: dict[str, list[str]]
    answers: dict[str, Answer] = field(default_factory=dict)
    index: int = 0  # the question being asked (== len(order) when finished)
    selected: list[str] = field(default_factory=list)  # options picked, not yet submitted
    typed: str = ""  # the text typed for a short answer or a tracing question's second step
    shown: Outcome | None = None  # the outcome on screen, until the learner goes on

    @classmethod
    def start(cls, quiz: Quiz, *, shuffle: bool = False, shuffle_choices: bool | None = None,
              rng: random.Random | None = None, answers: dict[str, Answer] | None = None) -> QuizSession:
        """A new sitting: in the file's order, or shuffled (a retake). ``shuffle_choices``
        (by default as ``shuffle``) shuffles only the choices, as a first sitting does:
        the author's order of questions is kept, and where the right choice sits says
        nothing.

        ``answers`` (a draft) are kept where they still fit the quiz, and the sitting
        goes on at the first question without one.
        """
        rng = rng or random.Random()
        if shuffle_choices is None:
            shuffle_choices = shuffle
        questions = list(quiz.questions)
        if shuffle:
            rng.shuffle(questions)
        choice_order: dict[str, list[str]] = {}
        for question in questions:
            options = _options(question)
            if shuffle_choices and question.kind in ("single", "multiple") and not question.keep_order:  # 1 is true, 2 false, always
                rng.shuffle(options)
            choice_order[question.id] = options
        kept = {q.id: _copy(answers[q.id]) for q in questions
                if answers and q.id in answers and valid_answer(q, answers[q.id])}
        # Questions already answered come first, so "3 of 15" counts on from the draft.
        order = [q.id for q in questions if q.id in kept] + [q.id for q in questions if q.id not in kept]
        return cls(quiz, order, choice_order, kept, index=len(kept))

    # --- where the learner is ---------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.order)

    @property
    def finished(self) -> bool:
        return self.index >= self.total and self.shown is None

    @property
    def question(self) -> Question | None:
        """The question being asked or just answered; None when finished."""
        if self.shown is not None:
            return self.shown.question
        if self.index >= self.total:
            return None
        return self.quiz.question(self.order[self.index])

    @property
    def number(self) -> int:
        """The question's number as shown ("3 of 15"), from 1."""
        return min(self.index + 1, self.total) if self.shown is None else self.index

    def options(self) -> list[str]:
        question = self.question
        return list(self.choice_order[question.id]) if question is not None else []

    @property
    def started(self) -> bool:
        return bool(self.answers) or bool(self.selected)

    @property
    def typing(self) -> bool:
        """Whether the answer now wanted is typed: a short answer, or the second step of
        a tracing question (the output, or the line of the error)."""
        question = self.question
        if self.shown is not None or question is None:
            return False
        if question.kind == "short_answer":
            return True
        return question.kind == "tracing" and bool(self.selected) and self._needs_text()

    def _needs_text(self) -> bool:
        """A tracing question's second step is skipped only when the learner says it does
        not compile and the question knows no line (nothing to ask)."""
        answer = self.question.answer
        said_no = self.selected == [NO]
        return not (said_no and isinstance(answer, Tracing) and not answer.compiles and answer.line is None)

    def type_text(self, text: str) -> None:
        """What the learner has typed so far (kept, not graded, until ``submit``)."""
        if self.shown is None:
            self.typed = text

    # --- answering --------------------------------------------------------------

    def choose(self, number: int) -> bool:
        """Key ``number`` (from 1): pick that option (single, true/false) or toggle it
        (multiple). False if there is no such option or the answer is already in."""
        options = self.options()
        if self.shown is not None or not 1 <= number <= len(options):
            return False
        option = options[number - 1]
        if self.question.kind == "multiple":
            if option in self.selected:
                self.selected.remove(option)
            else:
                self.selected.append(option)
        else:
            self.selected = [option]
        return True

    def given(self) -> Answer | None:
        """The answer the current selection makes, or None if nothing is picked."""
        question = self.question
        if question is not None and question.kind == "short_answer":
            return self.typed.strip() or None
        if question is None or not self.selected:
            return None
        if question.kind == "true_false":
            return self.selected[0] == "True"
        if question.kind == "tracing":
            if self._needs_text() and not self.typed.strip():
                return None
            return tracing_given(self.selected[0] == YES, self.typed if self._needs_text() else "")
        if question.kind == "multiple":
            # In the file's order, so the same answer is stored the same way however shown.
            return [c for c in question.choices if c in self.selected]
        return self.selected[0]

    def submit(self) -> Outcome | None:
        """Grade the selection; None if nothing is picked or it was already graded."""
        if self.shown is not None:
            return None
        given = self.given()
        if given is None:
            return None
        question = self.question
        self.answers[question.id] = given
        self.shown = Outcome(question, given, question.is_correct(given))
        self.selected, self.typed = [], ""
        self.index += 1
        return self.shown

    def go_on(self) -> None:
        """Leave the outcome shown and go to the next question (or the score)."""
        self.shown = None

    # --- the grade --------------------------------------------------------------

    def outcomes(self) -> list[Outcome]:
        """Every question answered, in the order asked."""
        found = []
        for question_id in self.order:
            question = self.quiz.question(question_id)
            if question is not None and question_id in self.answers:
                given = self.answers[question_id]
                found.append(Outcome(question, given, question.is_correct(given)))
        return found

    @property
    def score(self) -> int:
        return sum(outcome.correct for outcome in self.outcomes())

    def correct(self) -> dict[str, bool]:
        return {outcome.question.id: outcome.correct for outcome in self.outcomes()}

    def draft(self) -> dict[str, Answer]:
        """The answers so far, to save when the learner leaves half way."""
        return {key: _copy(value) for key, value in self.answers.items()}

    def regrade(self, quiz: Quiz) -> Regrade:
        """This sitting's answers held up against ``quiz`` as its file was saved again
        (``alignlearn preview``): its questions as they read now, in the order asked, each
        choice where it was shown; and what changed under the score."""
        questions = [q for q in (quiz.question(key) for key in self.order) if q is not None]
        answers = {q.id: _copy(self.answers[q.id]) for q in questions
                   if q.id in self.answers and valid_answer(q, self.answers[q.id])}
        choice_order = {}
        for question in questions:
            options, shown = _options(question), self.choice_order.get(question.id, [])
            choice_order[question.id] = list(shown) if sorted(shown) == sorted(options) else options
        after = QuizSession(quiz, [q.id for q in questions], choice_order, answers, index=len(questions))
        was = self.correct()
        changed = sum(q.id not in answers or q.is_correct(answers[q.id]) != was.get(q.id) for q in questions)
        if self.shown is not None and self.shown.question.id in answers and not changed:
            key = self.shown.question.id  # the last answer's verdict was on screen: it stays
            after.shown = Outcome(quiz.question(key), answers[key], was[key])
        return Regrade(self, after, added=len(quiz.questions) - len(questions),
                       removed=len(self.order) - len(questions), changed=changed)


@dataclass(frozen=True)
class Regrade:
    """A sitting already scored, and its quiz saved again: whether the score still stands."""

    before: QuizSession  # the sitting as it was taken and scored
    after: QuizSession  # its answers against the quiz as saved
    added: int  # questions the sitting never asked
    removed: int  # questions it answered that are gone
    changed: int  # answers now graded otherwise (or no longer an answer the question takes)

    @property
    def stands(self) -> bool:
        """The same questions, each answer right or wrong as before: the score is still true."""
        return not (self.added or self.removed or self.changed)


def _options(question: Question) -> list[str]:
    if question.kind == "tracing":
        return [YES, NO]
    return question.options()  # none for a short answer: it is typed


def _copy(answer: Answer) -> Answer:
    return list(answer) if isinstance(answer, list) else answer
