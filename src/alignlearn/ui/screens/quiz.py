"""The quiz (``x``): one question at a time, right or wrong after each, the score at the end.

The sitting itself (order, shuffling, grading, the draft) is a ``QuizSession`` from
the core; this screen shows it and sends it keys. After each answer the draft is
saved, so leaving half way (or a crash) keeps the answers, and the quiz offers to
resume. A wrong answer names the section that teaches it: ``s`` goes there and
``x`` comes back to the quiz where it was (the sitting waits in ``_waiting``).

Everything from the quiz file is content: it is built into ``Text``, never markup.
"""

from __future__ import annotations

from pathlib import Path
from weakref import WeakKeyDictionary

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from alignlearn.course import Lesson, Quiz, Section
from alignlearn.course.quiz import quiz_errors
from alignlearn.course.quiz_session import NO, Outcome, QuizSession, Regrade, sitting_rng, valid_answer
from alignlearn.progress import Attempt, LessonProgress
from alignlearn.progress.learner import learner_name
from alignlearn.ui.screens import quiz_scroll, quiz_texts
from alignlearn.ui.screens.dialog import Dialog
from alignlearn.ui.widgets.answer_box import AnswerBox
from alignlearn.ui.widgets.key_bar import KeyBar

_waiting: WeakKeyDictionary[App, dict[str, QuizSession]] = WeakKeyDictionary()


def take_quiz(screen) -> None:
    """The lesson screen's ``x``: the lesson's quiz, or back to it where it was left."""
    lesson: Lesson | None = screen.lesson
    if screen.said_no_lessons():
        return
    if lesson is None:
        screen.notify("The quiz opens once the lesson is open.", timeout=3, markup=False)
        return
    quiz = lesson.quiz
    if quiz is None:
        errors = quiz_errors(lesson)
        if errors:
            first = errors[0]
            screen.notify(f"This lesson's quiz could not be read: {Path(first.file).name} line {first.line}: "
                          f"{first.message}. alignlearn check {Path(first.file).name} says more.",
                          title="Quiz", severity="warning", timeout=10, markup=False)
        else:
            screen.notify("This lesson has no quiz.", timeout=4, markup=False)
        return
    if not quiz.questions:
        screen.notify("This lesson's quiz has no question that could be read "
                      "(alignlearn check shows why).", timeout=6, markup=False)
        return
    session = _waiting.get(screen.app, {}).pop(lesson.id, None)
    screen.app.push_screen(QuizScreen(lesson, quiz, session))


def quiz_changed(app: App, lesson: Lesson) -> None:
    """The preview read ``lesson``'s quiz again, and it changed: no sitting of the old quiz is
    scored against it. A sitting left to read a section, or open now, keeps its answers as a
    draft (offered again for the questions still asked), and an open quiz opens again."""
    waiting = _waiting.get(app, {}).pop(lesson.id, None)
    if waiting is not None and waiting.answers and waiting.index < waiting.total:
        app.progress.save_draft(lesson.id, waiting.draft())
    screen = app.screen
    if isinstance(screen, QuizScreen) and screen.lesson.id == lesson.id:
        screen.read_again(lesson)


class QuizScreen(quiz_scroll.AnswerKeptInView, Dialog[None]):
    """A lesson's quiz, over the lesson."""

    CSS_PATH = ["dialog.tcss", "quiz.tcss"]
    HELP_GROUP = "Quiz"
    MOVING_KEYS = frozenset({"enter", "r", "backspace"})  # the keys typed after one reach the box they open
    BINDINGS = [
        *[Binding(str(n), f"choose({n})", "Choose or toggle that choice", show=False, id=f"quiz.choose{n}")
          for n in range(1, 10)],
        Binding("enter", "submit", "Submit", id="quiz.submit", tooltip="Submit the answer, then go on"),
        Binding("enter", "next", "Next", id="quiz.next", tooltip="Go on to the next question"),
        Binding("enter", "resume", "Resume", id="quiz.resume", tooltip="Go on where you left the quiz"),
        Binding("s", "read_section", "Read the section", id="quiz.section",
                tooltip="Read the section that teaches this (x comes back here)"),
        Binding("r", "retake", "Retake", id="quiz.retake",
                tooltip="Take the quiz again, shuffled (or, offered to resume, start it again)"),
        Binding("r", "restart", "Start again", id="quiz.restart", tooltip="Start the quiz again, from the first question"),
        # Before the answer box's own backspace (it deletes), but only while the box is
        # empty: a program's second step goes back to whether it compiles.
        Binding("backspace", "back_step", "Back to step 1", id="quiz.back", priority=True,
                tooltip="On a program's second step, with nothing typed: back to whether it compiles"),
        # The body scrolls with up, down and the page keys itself (while it has the focus, not the
        # answer box); j and k as in the lesson, and help says so.
        *[Binding(key, f"scroll_body({rows})", "Scroll", show=False, id=f"quiz.{key}", tooltip=f"Scroll the quiz {way}")
          for key, rows, way in (("j", 1, "down"), ("down", 1, "down"), ("k", -1, "up"), ("up", -1, "up"))],
        # A modal screen hides the app's bindings, and help is wanted here too.
        Binding("question_mark", "app.help", "Help", key_display="?", id="quiz.help",
                tooltip="Show every key of this screen"),
    ]

    def __init__(self, lesson: Lesson, quiz: Quiz, session: QuizSession | None = None,
                 saved_meanwhile: bool = False, stale: Regrade | None = None) -> None:
        super().__init__()
        self.lesson = lesson
        self.quiz = quiz
        self.session = session
        self.saved_meanwhile = saved_meanwhile  # opened again as its file was saved (read_again)
        self.offer: dict | None = None  # a draft's answers, offered to resume
        self.dropped = 0  # a draft's answers to questions the quiz file no longer asks as they were
        self.stale = stale  # a score the quiz file was saved under, no longer true of it (read_again)
        # a tracing question's step: 1 does it compile, 2 its output or line (a sitting left with its output begun)
        question = session.question if session is not None and session.shown is None else None
        self.step = 2 if question is not None and question.kind == "tracing" and session.typed else 1
        self.best_before: Attempt | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog quiz"):
            with Horizontal(id="quiz-top"):
                yield Static(Text(f"Quiz \u00b7 {self.lesson.title}", style="bold", no_wrap=True,
                                  overflow="ellipsis", end=""), id="quiz-title")
                yield Static("", id="quiz-count")
            with VerticalScroll(id="quiz-body"):
                yield Static(id="quiz-prompt")
                yield Static(id="quiz-choices")
                yield Static(id="quiz-feedback")
            box = AnswerBox(id="quiz-answer")
            box.display = False  # shown while an answer is typed
            yield box
            note = Static(id="quiz-note")  # "Choose an answer first": said in the dialog (say)
            note.display = False
            yield note
            yield KeyBar(id="quiz-keys")

    @property
    def progress(self) -> LessonProgress:
        return self.app.progress.saver.lesson(self.lesson.id)

    def on_mount(self) -> None:
        if self.session is None and self.stale is None:
            draft = self.progress.draft
            kept = {key: value for key, value in (draft.answers.items() if draft else ())
                    if (q := self.quiz.question(key)) is not None and valid_answer(q, value)}
            self.dropped = len(draft.answers) - len(kept) if draft else 0
            self.offer = kept or None
            if not kept:
                self._begin()
                if self.dropped:  # nothing left to offer: said, not lost without a word
                    said = f"{quiz_texts.dropped_answers(self.dropped)} The quiz starts again from its first question."
                    self.app.notify(said, title="Quiz", severity="warning", timeout=8, markup=False, screen=self)
        self._show()

    def _begin(self, answers: dict | None = None) -> None:
        """A new sitting (shuffled if the learner has taken the quiz before)."""
        self.offer = self.stale = None
        attempts = len(self.progress.attempts)
        rng = sitting_rng(learner_name(), self.app.course.id, self.lesson.id, attempts)
        # The choices always (where the right one sits must say nothing), the questions
        # from the second sitting on (the first keeps the author's order).
        self.session = QuizSession.start(self.quiz, shuffle=attempts > 0, shuffle_choices=True, rng=rng,
                                         answers=answers)
        if self.session.finished:  # a draft that answered everything: it counts
            self._finish()

    # --- keys ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if action == "resume" or action == "restart":
            return self.offer is not None
        if action == "retake":
            return self.stale is not None or session is not None and session.finished
        if session is None:
            return action not in ("submit", "next", "read_section", "retake", "choose", "back_step")
        if action == "submit":
            return session.shown is None and not session.finished
        if action == "next":
            return session.shown is not None
        if action == "read_section":
            return session.shown is not None and not session.shown.correct and self._section(session.shown) is not None
        if action == "back_step":
            return (self.step == 2 and session.shown is None and not session.finished
                    and not self.query_one(AnswerBox).text)
        return True

    def action_choose(self, number: int) -> None:
        if self.session is not None and self.session.choose(number):
            # Not back to the top: in a short terminal the choices lie below the prompt; the
            # one picked is brought into view, the page otherwise left where it was.
            self._show(home=False)
            self.call_after_refresh(quiz_scroll.choice_in_view, self, number)

    def action_scroll_body(self, rows: int) -> None:
        quiz_scroll.scroll(self, rows)

    def action_submit(self) -> None:
        session = self.session
        if session is None:
            return
        question = session.question
        kind = question.kind if question is not None and session.shown is None else ""
        if kind in ("short_answer", "tracing") and (self.step == 2 or kind == "short_answer"):
            session.type_text(self.query_one(AnswerBox).text)
        if kind == "tracing" and self.step == 1 and session.selected:
            self.step = 2
            if session.typing:  # else nothing to type: it is graded now
                self._show()
                return
        if session.submit() is None:
            message = ("Type an answer first." if kind == "short_answer" or self.step == 2
                       else "Choose an answer first, with its number.")
            self.say(message)
            return
        self.step = 1
        if session.index >= session.total:
            self._finish()
        else:
            self.app.progress.save_draft(self.lesson.id, session.draft())
        self._show()

    def on_text_area_changed(self, event: AnswerBox.Changed) -> None:
        self.say("")  # "Type an answer first": being typed
        if self.step == 2:  # backspace goes back a step only from an empty box
            self.refresh_bindings()

    def action_back_step(self) -> None:
        """A tracing question's second step back to its first, the choice kept."""
        if self.session is not None and self.step == 2 and self.session.shown is None:
            self.session.type_text("")
            self.step = 1
            self._show()

    def action_next(self) -> None:
        if self.session is not None:
            self.session.go_on()
            self._show()

    def action_resume(self) -> None:
        if self.offer is not None:
            self._begin(self.offer)
            self._show()

    def action_restart(self) -> None:
        if self.offer is not None:
            self.app.progress.save_draft(self.lesson.id, {})
            self._begin()
            self._show()

    def action_retake(self) -> None:
        self._begin()
        self._show()

    def action_read_section(self) -> None:
        session = self.session
        section = self._section(session.shown) if session is not None and session.shown else None
        if section is None:
            return
        _waiting.setdefault(self.app, {})[self.lesson.id] = session
        self.dismiss(None)
        self.app.lesson_screen.jump_to_section(section.number)
        self.app.notify(f"Section {section.number}: {section.title}. Press x to go back to the quiz.",
                        title="Quiz", timeout=8, markup=False, screen=self.app.lesson_screen)

    def action_close(self) -> None:
        session = self.session
        box = self.query_one(AnswerBox)
        if session is not None and box.display:
            session.type_text(box.text)  # typed, not submitted: kept with the sitting
        if session is not None and session.shown is None and (session.selected or session.typed):
            # A choice made or an answer typed, not submitted: x comes back to it as left (answers given are a draft too)
            _waiting.setdefault(self.app, {})[self.lesson.id] = session
            self.app.notify("Your answer so far is kept until you quit: x goes back to it.",
                            title="Quiz", timeout=5, markup=False, screen=self.app.lesson_screen)
            if session.answers:
                self.app.progress.save_draft(self.lesson.id, session.draft())
        elif session is not None and session.answers and session.index < session.total:
            self.app.progress.save_draft(self.lesson.id, session.draft())
            kept = "Your answer is" if len(session.answers) == 1 else f"Your {len(session.answers)} answers are"
            self.app.notify(f"{kept} kept: x offers to resume the quiz.",
                            title="Quiz", timeout=5, markup=False, screen=self.app.lesson_screen)
        self.dismiss(None)

    def read_again(self, lesson: Lesson) -> None:
        """The quiz file changed under this sitting (``alignlearn preview``): open the quiz as saved.
        A sitting already scored stays scored (its attempt is kept as it was): its score, or
        the last verdict, is shown again against the quiz as saved if every answer is graded
        as before, and otherwise a note that the score was for the quiz as it was."""
        session = self.session
        kept = session is not None and bool(session.answers) and session.index < session.total
        if kept:
            self.app.progress.save_draft(self.lesson.id, session.draft())
        self.dismiss(None)
        # The learner did not leave a sitting that answers were kept from (nor one offered so).
        saved_meanwhile = kept or session is None and self.saved_meanwhile
        quiz = lesson.quiz
        if quiz is None or not quiz.questions:
            self.app.notify("The quiz file changed and has no question that can be read now: the quiz is closed.",
                            title="Quiz", severity="warning", timeout=6, markup=False)
            return
        scored = session if session is not None and session.index >= session.total else None
        sitting = scored or (self.stale.before if self.stale else None)  # a score already given
        regrade = sitting.regrade(quiz) if sitting is not None else None
        stands = regrade is not None and regrade.stands
        screen = QuizScreen(lesson, quiz, regrade.after if stands else None, saved_meanwhile=saved_meanwhile,
                            stale=regrade if regrade is not None and not stands else None)
        screen.best_before = self.best_before
        self.app.push_screen(screen)
        said = "the quiz is shown as saved"
        if stands:
            said = "your score still stands" if regrade.after.finished else "your answers are graded as before"
        self.app.notify(f"The quiz file changed: {said}.", title="Quiz", timeout=4, markup=False,
                        until_key=True)  # said unasked: seen once the learner acts

    # --- the sitting ------------------------------------------------------------------

    def _finish(self) -> None:
        session = self.session
        self.best_before = self.progress.best_attempt()
        attempt = Attempt.now(session.score, session.total, session.draft(), session.correct())
        self.app.progress.add_attempt(self.lesson.id, attempt)

    def _section(self, outcome: Outcome) -> Section | None:
        name = outcome.question.section
        return self.lesson.section(name) if name else None

    # --- what is shown ------------------------------------------------------------------

    def _width(self) -> int:
        width = self.query_one("#quiz-body").content_size.width or min(self.app.size.width, 100) - 4
        return max(width - 1, 20)

    def say(self, message: str) -> None:
        """A note over the key hints until the quiz next changes ("" hides it). A toast lay over
        the choices at 80x16, the ones the note asks to choose from."""
        note = self.query_one("#quiz-note", Static)
        note.update(Text(message, end=""))
        note.display = bool(message)

    def _show(self, home: bool = True) -> None:
        self.say("")
        prompt, choices, feedback = self._texts()
        self.query_one("#quiz-prompt", Static).update(prompt)
        self.query_one("#quiz-choices", Static).update(choices)
        self.query_one("#quiz-feedback", Static).update(feedback)
        session = self.session
        count = "" if session is None or session.finished else f"{session.number} of {session.total}"
        self.query_one("#quiz-count", Static).update(Text(count, end=""))
        body = self.query_one("#quiz-body", VerticalScroll)
        if home:
            body.scroll_home(animate=False)
        if session is not None and session.shown is not None and not session.finished:
            # The choice and the verdict; after the scroll home, itself waiting in the body's queue.
            body.call_after_refresh(quiz_scroll.answer_in_view, self)
        self._show_box()
        self.refresh_bindings()

    def _show_box(self) -> None:
        """The answer box, while an answer is typed; focus back on the quiz otherwise."""
        session = self.session
        box = self.query_one(AnswerBox)
        typing = session is not None and session.typing and (self.step == 2 or session.question.kind == "short_answer")
        if typing and not box.display:
            box.lines = session.question.kind == "tracing" and session.selected != [NO]
            box.border_title = quiz_texts.box_label(session)
            box.text = session.typed
            box.move_cursor(box.document.end)  # an answer left half typed goes on where it ended
            box.display = True
            self.set_focus(box)  # now, not later: the keys held after a moving key come next
        elif not typing and box.display:
            box.display = False
            box.text = ""
            self.set_focus(self.query_one("#quiz-body"))

    def _texts(self) -> tuple:
        session = self.session
        if session is None and self.stale is not None:
            return quiz_texts.stale(self.stale, quiz_texts.scored(self.stale.before.score, self.stale.before.total))
        if session is None:
            return self._offer_texts()
        if session.finished:
            return self._score_texts()
        question, width = session.question, self._width()
        section = self._section(session.shown) if session.shown is not None else None
        return (quiz_texts.prompt(session, question, width, self.step), quiz_texts.choices(session, question, width),
                quiz_texts.outcome(session.shown, section, width))

    def _score_texts(self) -> tuple:
        return quiz_texts.score(self.session, self.progress.best_attempt(), self.best_before)

    def _offer_texts(self) -> tuple:
        draft = self.progress.draft
        when = f" on {quiz_texts.day(draft.updated)}" if draft is not None else ""
        return quiz_texts.offer(len(self.offer or {}), len(self.quiz.questions), when, self.saved_meanwhile,
                                self.dropped)


__all__ = ["QuizScreen", "take_quiz"]
