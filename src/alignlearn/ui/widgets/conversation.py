"""The tutor's conversation: each question, its answer, and where in the course the answer comes from.

An ``EntryList``: the questions and answers are text to read, the sources are the
entries to move between (up/down) and choose (enter), so the keys and the speed are
the lesson list's. Everything shown is ``Text`` built from the learner's and the
lesson's words, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message

from alignlearn.course import Course, Lesson
from alignlearn.tutor import Answer
from alignlearn.tutor.answers import INTRODUCTION, shorten
from alignlearn.ui.widgets.entry_list import Entry, EntryList

QUESTION_SHOWN = 400  # characters of a question shown back; the tutor reads all of it
INDENT = "  "
MODEL_LEAD = "The model's answer, from the lesson's passages:"


@dataclass(frozen=True)
class Jump:
    """A place to go to: a line or a section of a lesson, or just the lesson."""

    lesson_id: str
    section: int | None = None
    source_line: int | None = None


@dataclass
class Exchange:
    """One question and the tutor's answer (None while it is being worked out)."""

    question: str
    answer: Answer | None = None
    read: str = ""  # the question as the tutor read it: "why does it happen?" with the subject before in it
    partial: str = ""  # a model's answer so far, while it streams


class ConversationView(EntryList):
    """The questions asked about a lesson, each answer, and its sources to go to."""

    HELP_GROUP = "Conversation"
    BINDINGS = [
        Binding("down,j", "move(1)", "Next source", show=False, id="conversation.next",
                tooltip="The next source (past the last: back to the question)"),
        Binding("up,k", "move(-1)", "Previous source", show=False, id="conversation.previous",
                tooltip="The previous source (past the first: further back in the conversation)"),
        Binding("enter", "select", "Go there", id="conversation.go",
                tooltip="Close the tutor and go to the highlighted source"),
        Binding("question_mark", "app.help", "Help", key_display="?", show=False, id="conversation.help",
                tooltip="Show every key of the tutor (in the question, ? is typed)"),
    ]
    COMPONENT_CLASSES = EntryList.COMPONENT_CLASSES | {"conversation--source", "conversation--declined"}
    KIND_STYLES = {**EntryList.KIND_STYLES, "item": "conversation--source", "declined": "conversation--declined"}

    class BottomPassed(Message):
        """Down was pressed on the last source: the learner is done with the conversation."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._last_question = -1  # the index of the newest question's entry
        self._reveal_pending = False
        # The newest answer is shown from its question; the highlighted source below it is
        # not scrolled to until the learner moves (at 40x15 the view is 3 lines, and
        # following the highlight showed the source line alone, the answer above it).
        self._hold = False

    def show(self, exchanges: list[Exchange], lesson: Lesson, course: Course) -> None:
        """Show the whole conversation, the newest exchange in view and its first source highlighted."""
        entries: list[Entry] = []
        first_source = -1
        for number, exchange in enumerate(exchanges):
            if entries:
                entries.append(Entry(f"{number}.gap", "", "", kind="text"))
            self._last_question = len(entries)
            entries.append(Entry(f"{number}.q", "\u203a ", shorten(exchange.question, QUESTION_SHOWN),
                                 kind="heading"))
            start = len(entries)
            entries.extend(answer_entries(number, exchange.answer, lesson, course, exchange.partial))
            first_source = next((i for i in range(start, len(entries)) if entries[i].selectable), -1)
        if first_source < 0:  # the newest answer has no source: the last one before it
            first_source = max((i for i, entry in enumerate(entries) if entry.selectable), default=-1)
        self._hold = bool(entries)
        self.set_entries(entries, first_source)
        self._reveal_pending = bool(entries)
        self.call_after_refresh(self.reveal_newest)

    def reveal_newest(self) -> None:
        """Scroll to the newest exchange: all of it when it fits, else from its question."""
        height = self.scrollable_content_region.height
        if not self._reveal_pending or height <= 0 or not (0 <= self._last_question < len(self._starts)):
            return  # nothing new, or not laid out yet: then on the first resize
        self._reveal_pending = False
        top = self._starts[self._last_question]
        bottom = self.virtual_size.height
        # force: before its first full layout the view does not yet know it can scroll.
        self.scroll_to(y=top if bottom - top > height else max(0, bottom - height),
                       animate=False, immediate=True, force=True)

    def on_resize(self) -> None:
        super().on_resize()
        self.reveal_newest()

    def _scroll_to_cursor(self) -> None:
        if not self._hold:
            super()._scroll_to_cursor()

    def on_focus(self) -> None:
        """The learner came to the sources (↑ from the question): show the highlighted one."""
        self._hold = False
        self.call_after_refresh(self._scroll_to_cursor)

    def action_move(self, step: int) -> None:
        """Between the sources; past the first, scroll back through older text; past the last,
        back to the question."""
        held, self._hold = self._hold, False
        if held and step > 0 and 0 <= self.cursor < len(self._starts) and \
                self._starts[self.cursor] >= self.scroll_y + self.scrollable_content_region.height:
            self._scroll_to_cursor()  # the first down shows the highlighted source, out of view till now
            return
        choices = self._selectable()
        at = choices.index(self.cursor) + step if self.cursor in choices else None
        if step > 0 and (not choices or at is not None and at >= len(choices)):
            self.post_message(self.BottomPassed())
        elif step < 0 and (not choices or at is not None and at < 0):
            self.scroll_relative(y=step, animate=False)
        else:
            super().action_move(step)


def answer_entries(number: int, answer: Answer | None, lesson: Lesson, course: Course,
                   partial: str = "") -> list[Entry]:
    """The entries of one answer: its words, and after each quote the section it comes from."""
    if answer is None and partial:
        return [Entry(f"{number}.model", INDENT, MODEL_LEAD, kind="label"),
                Entry(f"{number}.partial", INDENT, partial + " \u2026", kind="text")]
    if answer is None:
        return [Entry(f"{number}.wait", INDENT, "Thinking\u2026", kind="label")]
    entries = []
    if answer.note:
        entries.append(Entry(f"{number}.note", INDENT, answer.note, kind="declined"))
    if answer.covered and answer.mode == "model":
        entries.append(Entry(f"{number}.model", INDENT, MODEL_LEAD, kind="label"))
    if answer.covered:
        quotes = [source.text for source in answer.sources]
        lead, _, rest = answer.text.partition("\n\n")
        if rest != "\n\n".join(quotes):  # not the lead-in and the quotes: the text as it is
            lead, quotes = answer.text, []
        entries.append(Entry(f"{number}.lead", INDENT, lead, kind="label" if quotes else "text"))
        for at, source in enumerate(answer.sources):
            if quotes:
                entries.append(Entry(f"{number}.{at}", INDENT, source.text, kind="text"))
            entries.append(Entry(f"{number}.s{at}", INDENT + "\u2192 ", source.label, kind="item",
                                 value=Jump(source.lesson_id, source.section_number, source.source_line)))
        if answer.suggested_lesson is not None:  # "What is Cargo?" in chapter 1: the lesson about it
            entries.append(_lesson_entry(f"{number}.lesson", answer.suggested_lesson, course, "More in the lesson"))
        return entries
    entries.append(Entry(f"{number}.no", INDENT, answer.text, kind="declined"))
    if answer.suggested_lesson is not None:
        entries.append(_lesson_entry(f"{number}.lesson", answer.suggested_lesson, course, "Open the lesson"))
    elif answer.suggested_section is not None:
        section = answer.suggested_section
        title = next((s.title for s in lesson.sections if s.number == section), "")
        label = INTRODUCTION if section == 0 else f"Section {section}: {title}"
        entries.append(Entry(f"{number}.section", INDENT + "\u2192 ", label, kind="item",
                             value=Jump(lesson.id, section)))
    return entries


def _lesson_entry(key: str, lesson_id: str, course, said: str) -> Entry:
    """An item that opens another lesson of the course: "Open the lesson “Hello, Cargo!”"."""
    info = course.info(lesson_id)
    title = info.title if info is not None else lesson_id
    return Entry(key, INDENT + "\u2192 ", f"{said} \u201c{title}\u201d", kind="item", value=Jump(lesson_id))
