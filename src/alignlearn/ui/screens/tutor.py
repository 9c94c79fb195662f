"""The tutor (``t``): ask about the lesson being read; the answers come from its own text,
each with the section it comes from, and enter on a source goes there.

With a model configured (``[tutor]`` in config.toml, SPEC section 8) the model's answer
over the tutor's passages streams into the conversation as it comes; escape stops it
(the lesson's own text is shown instead), and a second escape closes the tutor.

The conversation is kept per lesson while the app runs (``conversation_for``), with
the lesson's tutor, so reopening the tutor finds both as they were. The tutor indexes
the lesson and answers in a worker thread: a key press never waits for it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from alignlearn.course import Course, Lesson
from alignlearn.settings import tutor_model
from alignlearn.tutor import Answer, Endpoint, Tutor, clean_question
from alignlearn.tutor.follow_ups import ask_after
from alignlearn.ui.screens.dialog import Dialog
from alignlearn.ui.widgets.conversation import ConversationView, Exchange, Jump
from alignlearn.ui.widgets.key_bar import KeyBar


@dataclass
class Conversation:
    """What the learner asked about one lesson and what the tutor said, and the tutor itself."""

    exchanges: list[Exchange] = field(default_factory=list)
    tutor: Tutor | None = None  # built (in a worker) when the tutor is first opened on the lesson
    lock: threading.Lock = field(default_factory=threading.Lock)  # one worker at a time uses ``tutor``
    cancel: threading.Event = field(default_factory=threading.Event)  # set: stop the model's answer
    streaming: bool = False  # a model's answer is coming in

    @property
    def waiting(self) -> bool:
        return any(exchange.answer is None for exchange in self.exchanges)


_kept: WeakKeyDictionary[App, dict[str, Conversation]] = WeakKeyDictionary()


def conversation_for(app: App, lesson_id: str) -> Conversation:
    """The conversation about ``lesson_id`` in this run of the app (a new one at first)."""
    return _kept.setdefault(app, {}).setdefault(lesson_id, Conversation())


STREAM_REFRESH = 0.1  # seconds between redraws of a model's answer coming in


class QuestionInput(Input):
    """Where the learner types a question; every printable key is typed, ``q`` and ``?`` too."""

    HELP_GROUP = "The question"
    BINDINGS = [
        Binding("enter", "submit", "Ask", id="tutor.ask", tooltip="Ask the question"),
        # Enter typed before the reader has the terminal (as it starts) comes as ctrl+j.
        Binding("ctrl+j", "submit", show=False, id="tutor.ask_newline"),
        Binding("up", "screen.to_sources", "Sources", key_display="\u2191", id="tutor.sources",
                tooltip="Move up into the conversation, to the sources of the answers"),
    ]


class TutorScreen(Dialog[None]):
    """The conversation about one lesson over the lesson, and the question being typed below it."""

    CSS_PATH = ["dialog.tcss", "tutor.tcss"]
    HELP_GROUP = "Tutor"
    BINDINGS = [
        Binding("tab", "switch_focus", "Question/sources", show=False, id="tutor.focus",
                tooltip="Move between the question and the conversation"),
        # While a question is typed too: a long answer's end was reachable only through the sources.
        Binding("pageup", "page(-1)", "Scroll up", show=False, id="tutor.page_up",
                tooltip="Scroll the conversation up a page"),
        Binding("pagedown", "page(1)", "Scroll down", show=False, id="tutor.page_down",
                tooltip="Scroll the conversation down a page"),
    ]

    def action_page(self, direction: int) -> None:
        if direction > 0:
            self.conversation_view.scroll_page_down(animate=False)
        else:
            self.conversation_view.scroll_page_up(animate=False)

    class _Ready(Message, bubble=False):
        """The tutor has read the lesson."""

    class _Answered(Message, bubble=False):
        """Every question asked so far has its answer."""

    class _Streamed(Message, bubble=False):
        """More of a model's answer has come in."""

    def __init__(self, lesson: Lesson, course: Course) -> None:
        super().__init__()
        self.lesson = lesson
        self.course = course

    @property
    def conversation(self) -> Conversation:
        return conversation_for(self.app, self.lesson.id)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tutor"):
            title = Text("Ask the tutor", style="bold", end="")
            title.append(" \u00b7 " + self.lesson.title, style="dim")
            yield Static(title, classes="dialog-title")
            yield ConversationView(id="conversation")
            yield Static(id="tutor-status")
            yield QuestionInput(placeholder="Ask a question about this lesson", id="question")
            yield KeyBar(id="tutor-keys")

    @property
    def question_input(self) -> Input:
        return self.query_one("#question", Input)

    @property
    def conversation_view(self) -> ConversationView:
        return self.query_one(ConversationView)

    def on_mount(self) -> None:
        self.question_input.focus()
        self._show()
        tutor = self.conversation.tutor
        if tutor is None or tutor.lesson is not self.lesson or self.conversation.waiting:
            self._answer()

    # --- asking -------------------------------------------------------------------

    @on(Input.Submitted, "#question")
    def _asked(self, event: Input.Submitted) -> None:
        event.stop()
        question = clean_question(event.value)
        if not question:
            self._status(self._empty_hint())
            return
        event.input.clear()
        self.conversation.exchanges.append(Exchange(question))
        self._show()
        self._answer()

    @work(thread=True, group="tutor", description="answer the learner's questions")
    def _answer(self) -> None:
        """Read the lesson (the first time), then answer every question still waiting.

        The answers go into the conversation itself, so one asked just before the
        tutor was closed is there when it is opened again."""
        conversation = self.conversation
        configured = tutor_model(getattr(self.app, "saved_settings", None))
        endpoint = Endpoint(*configured) if configured is not None else None
        with conversation.lock:
            if conversation.tutor is None or conversation.tutor.lesson is not self.lesson:
                conversation.tutor = Tutor(self.lesson, self.course)
                conversation.tutor.index_related()
                self.post_message(self._Ready())
            for at, exchange in enumerate(list(conversation.exchanges)):
                if exchange.answer is None:
                    before = conversation.exchanges[at - 1] if at else None
                    exchange.answer = self._ask_one(conversation, exchange, endpoint,
                                                    before and before.answer and (before.read or before.question, before.answer))
        self.post_message(self._Answered())

    def _ask_one(self, conversation: Conversation, exchange: Exchange, endpoint: Endpoint | None,
                 before: tuple[str, Answer] | None) -> Answer:
        """The answer, read after the exchange ``before`` it ("why does it happen?": ``follow_ups``)."""
        if endpoint is None:  # no model: nothing leaves the machine
            return _ask(conversation.tutor, exchange, before)
        shown = 0.0

        def streamed(text: str) -> None:
            nonlocal shown
            exchange.partial = text
            if time.monotonic() - shown >= STREAM_REFRESH:  # not a new layout for every word
                shown = time.monotonic()
                self.post_message(self._Streamed())

        conversation.cancel.clear()
        conversation.streaming = True
        try:
            return _ask(conversation.tutor, exchange, before, endpoint, streamed, conversation.cancel)
        finally:
            conversation.streaming = False
            exchange.partial = ""

    @on(_Ready)
    def _ready(self) -> None:
        self._status(self._state())

    @on(_Answered)
    def _answered(self) -> None:
        self._show()

    @on(_Streamed)
    def _streamed(self) -> None:
        if self.conversation.streaming:
            self._show()

    def action_close(self) -> None:
        """Escape stops a model's answer coming in; else it closes the tutor."""
        if self.conversation.streaming and not self.conversation.cancel.is_set():
            self.conversation.cancel.set()
            self._status("Stopping the model\u2026")
            return
        self.dismiss(None)

    def _show(self) -> None:
        self.conversation_view.show(self.conversation.exchanges, self.lesson, self.course)
        self._status(self._state())

    def _state(self) -> str:
        conversation = self.conversation
        if conversation.tutor is None or conversation.tutor.lesson is not self.lesson:
            return "Reading the lesson\u2026"
        if conversation.streaming:
            return "The model is answering\u2026 (escape stops it)"
        if conversation.waiting:
            return "Thinking\u2026"
        if not conversation.exchanges:
            return "Ask about anything in this lesson: answers quote its text and name their sections."  # 2 lines at 60x20
        return ""

    def _empty_hint(self) -> str:
        tutor = self.conversation.tutor
        if tutor is not None and tutor.lesson is self.lesson:
            return tutor.ask("").text  # "Ask a question about ..., for example: ..."
        return "Type a question about the lesson first."

    def _status(self, words: str) -> None:
        status = self.query_one("#tutor-status", Static)
        status.update(Text(words, style="dim", end=""))
        status.display = bool(words)

    # --- moving and going to a source ---------------------------------------------

    def action_to_sources(self) -> None:
        view = self.conversation_view
        if view.entries:
            view.focus()

    def action_switch_focus(self) -> None:
        if self.question_input.has_focus:
            self.action_to_sources()
        else:
            self.question_input.focus()

    @on(ConversationView.BottomPassed)
    def _back_to_question(self) -> None:
        self.question_input.focus()

    @on(ConversationView.EntryChosen)
    def _go(self, event: ConversationView.EntryChosen) -> None:
        event.stop()
        jump = event.entry.value
        if not isinstance(jump, Jump):
            return
        self.dismiss(None)
        screen = self.app.lesson_screen
        if jump.lesson_id != screen.lesson_id:
            self.app.open_lesson(jump.lesson_id, jump.section)
        else:
            screen.jump_to(jump.section, jump.source_line)


def _ask(tutor: Tutor, exchange: Exchange, before: tuple[str, Answer] | None, endpoint: Endpoint | None = None,
         streamed=None, cancel=None) -> Answer:
    """The tutor's answer (its question as read kept in ``exchange``); should it ever fail, an
    answer that says so rather than a dead reader."""
    question = exchange.question
    try:
        if endpoint is not None:
            exchange.read, answer = ask_after(tutor, question, before,
                                              lambda read: tutor.ask_model(read, endpoint, streamed, cancel))
        else:
            exchange.read, answer = ask_after(tutor, question, before)
        return answer
    except Exception as error:  # noqa: BLE001 - the reader stays up, and says what went wrong
        return Answer(question=question, covered=False,
                      text=f"The tutor could not answer that ({type(error).__name__}: {error}).")
