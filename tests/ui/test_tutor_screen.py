"""Pilot tests of the tutor in the reader (``t``): ask, read the answer and its sources,
go to a source; the conversation kept per lesson; hostile and empty questions.

Every app is built by ``build_app``, the factory the command line uses, on a copy of
the bundled course, at 80x24 and 120x40.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from alignlearn.tutor import Tutor
from alignlearn.ui.app import build_app
from alignlearn.ui.screens.help import HelpScreen
from alignlearn.ui.screens.lesson import LessonScreen
from alignlearn.ui.screens.tutor import QuestionInput, TutorScreen
from alignlearn.ui.widgets.conversation import ConversationView, Jump
from alignlearn.ui.widgets.key_bar import KeyBar
from pilot import copy_course, seed_course as one_lesson, settle

SIZES = [(80, 24), (120, 40)]
SEED = "alignment-technical-problem"
GOODHART = "specification-gaming-and-goodhart"


@pytest.fixture
def course_dir(tmp_path) -> Path:
    return copy_course(tmp_path, quizzes=False)


@pytest.fixture
def seed_course(tmp_path) -> Path:
    return one_lesson(tmp_path, name="seed")


async def answered(pilot) -> TutorScreen:
    """Wait until the tutor has read the lesson and answered every question asked."""
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, TutorScreen) and screen.conversation.tutor is not None \
                and not screen.conversation.waiting:
            await pilot.pause()
            return screen
    raise AssertionError("the tutor never answered")


async def open_tutor(pilot) -> TutorScreen:
    await pilot.press("t")
    screen = await answered(pilot)
    assert isinstance(pilot.app.focused, QuestionInput)
    return screen


async def ask(pilot, question: str) -> TutorScreen:
    pilot.app.screen.question_input.value = question
    await pilot.press("enter")
    return await answered(pilot)


def titles(screen: TutorScreen, kind: str | None = None) -> list[str]:
    return [e.title for e in screen.conversation_view.entries if kind is None or e.kind == kind]


def sources(screen: TutorScreen) -> list[str]:
    return [e.title for e in screen.conversation_view.entries if e.selectable]


def help_lines(app) -> set[str]:
    """What the help screen lists (each binding's tooltip, else its description)."""
    assert isinstance(app.screen, HelpScreen)
    return {b.tooltip or b.description for _, bindings in app.screen.groups for b in bindings}


def shown(screen: TutorScreen) -> str:
    """The conversation's lines in view right now."""
    view = screen.conversation_view
    return "\n".join(view.render_line(y).text for y in range(view.scrollable_content_region.height))


def painted(screen: TutorScreen) -> str:
    view = screen.conversation_view
    return "\n".join(view.text_of(entry.id) for entry in view.entries)


@pytest.mark.parametrize("size", SIZES)
async def test_a_covered_question_is_answered_from_the_lesson_with_its_sections(course_dir, size):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = await open_tutor(pilot)
        assert titles(screen) == []
        screen = await ask(pilot, "What is reward hacking?")
        assert titles(screen, "heading") == ["What is reward hacking?"]
        assert any("reward signal" in text for text in titles(screen, "text"))
        assert sources(screen) and all(s.startswith("Section 5: Open problems") for s in sources(screen))
        assert "\u2192 Section 5: Open problems" in painted(screen)
        assert isinstance(app.focused, QuestionInput)  # ready for the next question
        assert screen.conversation_view.highlighted.selectable  # the answer's first source


@pytest.mark.parametrize("size", SIZES)
async def test_enter_on_a_source_closes_the_tutor_and_goes_there(course_dir, size):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_tutor(pilot)
        # Not "What is RLHF?": a definition question now answers from the term's own section.
        screen = await ask(pilot, "Tell me about RLHF")
        answer = screen.conversation.exchanges[-1].answer
        assert [s.section_number for s in answer.sources][:2] == [3, 6]
        await pilot.press("up")  # from the question into the conversation, on the first source
        assert isinstance(app.focused, ConversationView)
        await pilot.press("down")  # the second source
        chosen = screen.conversation_view.highlighted.value
        assert chosen == Jump(SEED, 6, answer.sources[1].source_line)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)
        assert app.lesson_screen.section == 6
        assert app.lesson_screen.view.scroll_y > 0
        await pilot.press("backspace")  # a source is a jump: back to where the question was asked
        await settle(pilot)
        assert app.lesson_screen.view.scroll_y == 0


async def test_tab_moves_into_the_conversation_and_down_past_the_last_source_back(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_tutor(pilot)
        screen = await ask(pilot, "What is reward hacking?")
        await pilot.press("tab")
        assert app.focused is screen.conversation_view
        for _ in sources(screen):
            await pilot.press("down")
        assert isinstance(app.focused, QuestionInput)
        await pilot.press("up", "enter")  # the first source of the answer
        await settle(pilot)
        assert app.lesson_screen.section == 5
        await pilot.press("t", "tab", "q")  # from the conversation, q goes back rather than quitting
        assert isinstance(app.screen, LessonScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_an_uncovered_question_says_so_and_suggests_a_place(course_dir, size):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_tutor(pilot)
        screen = await ask(pilot, "How do I bake sourdough bread?")
        declined = titles(screen, "declined")
        assert len(declined) == 1 and "does not cover" in declined[0]
        assert sources(screen) == []
        screen = await ask(pilot, "What is Goodhart's law?")
        assert "does not seem to cover" in titles(screen, "declined")[-1]
        suggestion = sources(screen)[-1]
        assert suggestion.startswith("Open the lesson \u201cSpecification Gaming")
        await pilot.press("up", "enter")  # the suggested lesson opens
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)
        assert app.lesson_screen.lesson_id == GOODHART


async def test_the_conversation_is_kept_per_lesson_while_the_app_runs(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_tutor(pilot)
        await ask(pilot, "What is reward hacking?")
        await ask(pilot, "What is the capital of France?")
        await ask(pilot, "What is Goodhart's law?")
        await pilot.press("escape")
        assert isinstance(app.screen, LessonScreen)
        screen = await open_tutor(pilot)
        assert titles(screen, "heading") == ["What is reward hacking?", "What is the capital of France?",
                                             "What is Goodhart's law?"]
        assert "What is Goodhart's law?" in shown(screen)  # the newest exchange in view
        assert "What is reward hacking?" not in shown(screen)
        await pilot.press("escape", "right_square_bracket")  # the next lesson: its own conversation
        await settle(pilot)
        other = app.lesson_screen.lesson_id
        assert other != SEED
        screen = await open_tutor(pilot)
        assert titles(screen) == []
        await ask(pilot, "What is the main idea?")
        await pilot.press("escape", "left_square_bracket")
        await settle(pilot)
        screen = await open_tutor(pilot)
        assert titles(screen, "heading")[0] == "What is reward hacking?"
        await pilot.press("escape", "right_square_bracket")
        await settle(pilot)
        screen = await open_tutor(pilot)
        assert titles(screen, "heading") == ["What is the main idea?"]


@pytest.mark.parametrize("size", SIZES)
async def test_markup_and_control_characters_are_shown_literally(course_dir, size):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_tutor(pilot)
        screen = await ask(pilot, "[bold]x[/] \x1b[31mred\x07 [link=http://example.com]reward hacking[/link]?")
        (question,) = titles(screen, "heading")
        assert question.startswith("[bold]x[/]") and "[/link]" in question
        assert "\x1b" not in question and "\x07" not in question
        assert "[bold]x[/]" in painted(screen)
        screen = await ask(pilot, "[red")  # unbalanced markup: no MarkupError either
        assert titles(screen, "heading")[-1] == "[red"
        screen = await ask(pilot, "why is reward hacking hard " * 400)  # 10,800 characters
        assert titles(screen, "heading")[-1].endswith("\u2026") and len(titles(screen, "heading")[-1]) <= 400
        assert screen.conversation.exchanges[-1].answer.question.startswith("why is reward hacking hard")


async def test_an_empty_question_asks_for_one_and_q_is_typed(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_tutor(pilot)
        for blank in ("", "   ", "\x1b\x07"):
            screen.question_input.value = blank
            await pilot.press("enter")
            await pilot.pause()
            assert screen.conversation.exchanges == []
            assert "Ask a question about" in str(screen.query_one("#tutor-status").render())
        await pilot.press("q", "question_mark")  # typed, not bound: the tutor stays open
        assert isinstance(app.screen, TutorScreen)
        assert screen.question_input.value.endswith("q?")
        await pilot.press("escape")
        assert isinstance(app.screen, LessonScreen)


async def test_the_tutor_reads_the_lesson_in_a_thread(course_dir, monkeypatch):
    built_in: list[threading.Thread] = []
    original = Tutor.__init__

    def recording(self, *args, **kwargs):
        built_in.append(threading.current_thread())
        original(self, *args, **kwargs)

    monkeypatch.setattr(Tutor, "__init__", recording)
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_tutor(pilot)
        await ask(pilot, "What is reward hacking?")
        assert built_in and threading.main_thread() not in built_in


async def test_a_question_asked_before_the_tutor_has_read_the_lesson_is_answered(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        app.screen.question_input.value = "What is reward hacking?"
        await pilot.press("enter")  # no waiting for the tutor to be ready
        screen = await answered(pilot)
        assert titles(screen, "heading") == ["What is reward hacking?"]
        assert sources(screen)


async def test_an_answer_worked_out_after_the_tutor_closed_is_there_on_reopening(course_dir, monkeypatch):
    started, release = threading.Event(), threading.Event()
    original = Tutor.ask

    def slow(self, question):
        started.set()
        release.wait(timeout=5)
        return original(self, question)

    monkeypatch.setattr(Tutor, "ask", slow)
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_tutor(pilot)
        screen.question_input.value = "What is reward hacking?"
        await pilot.press("enter")
        assert started.wait(timeout=5)
        await pilot.pause()
        assert titles(screen, "label")[-1] == "Thinking\u2026"
        await pilot.press("escape")  # the key is not held up by the answer being worked out
        assert isinstance(app.screen, LessonScreen)
        release.set()
        await app.workers.wait_for_complete()
        screen = await open_tutor(pilot)
        assert sources(screen) and "Thinking\u2026" not in titles(screen)


async def test_keys_are_generated_from_the_bindings(course_dir):
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Ask the tutor about this lesson" in help_lines(app)
        await pilot.press("escape")
        screen = await open_tutor(pilot)
        hints = {does: keys for keys, does in screen.query_one(KeyBar).hints()}
        assert hints["Sources"] == "\u2191" and hints["Ask"] and hints["Back"] == "esc"
        await ask(pilot, "What is reward hacking?")
        await pilot.press("up", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = help_lines(app)
        assert "Ask the question" in keys and "Close the tutor and go to the highlighted source" in keys


def test_tutor_screen_with_an_answer_80x24(snap_compare, seed_course):
    async def asked(pilot) -> None:
        await settle(pilot)
        await open_tutor(pilot)
        await ask(pilot, "What is reward hacking?")

    assert snap_compare(build_app(str(seed_course)), terminal_size=(80, 24), run_before=asked)


@pytest.mark.parametrize("size", [(40, 15), (80, 24)])
async def test_a_new_answer_is_shown_from_its_question_and_up_shows_its_source(course_dir, size):
    """At 40x15 the conversation is three lines: following the highlighted source scrolled the
    answer away, and the learner saw "→ Section 3: ..." alone."""
    app = build_app(str(course_dir), lesson="interpretability")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_tutor(pilot)
        screen = await ask(pilot, "what is superposition?")
        await pilot.pause()
        view = screen.conversation_view
        shown = [view.render_line(y).text for y in range(view.scrollable_content_region.height)]
        assert any("\u203a what is superposition" in line for line in shown), shown
        await pilot.press("up")  # to the sources
        await pilot.pause()
        shown = [view.render_line(y).text for y in range(view.scrollable_content_region.height)]
        assert any("\u2192" in line and "Section" in line for line in shown), shown


async def test_follow_ups_lean_on_the_question_before(course_dir):
    """ "why does it happen?" after "What is sycophancy?" is about sycophancy (alone it named
    nothing: "I could not find a question in that"), and "tell me more" goes on where the
    last answer stopped, as a walkthrough expected of a tutor that keeps the conversation."""
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_tutor(pilot)
        screen = await ask(pilot, "What is sycophancy?")
        screen = await ask(pilot, "why does it happen?")
        exchange = screen.conversation.exchanges[-1]
        assert exchange.read == "why does sycophancy happen?"
        assert exchange.answer.covered and "could not find a question" not in exchange.answer.text
        assert titles(screen, "heading")[-1] == "why does it happen?"  # shown in the learner's words
        first = {s.source_line for s in exchange.answer.sources}
        screen = await ask(pilot, "tell me more")
        more = screen.conversation.exchanges[-1].answer
        assert more.covered and more.text.startswith("The lesson goes on")
        assert {s.source_line for s in more.sources}.isdisjoint(first)


async def test_page_keys_scroll_the_conversation_while_a_question_is_typed(course_dir):
    """At 60x20 a long answer runs past the pane; PageDown/PageUp did nothing while the
    question had focus (a walkthrough reached the rest only through the sources)."""
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await open_tutor(pilot)
        screen = await ask(pilot, "What are the stages of training a chatbot?")
        screen = await ask(pilot, "What is reward hacking?")
        view = screen.conversation_view
        assert isinstance(app.focused, QuestionInput) and view.max_scroll_y > 0
        view.scroll_home(animate=False)
        await pilot.pause()
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.scroll_y > 0 and isinstance(app.focused, QuestionInput)
        await pilot.press("pageup")
        await pilot.pause()
        assert view.scroll_y == 0


async def test_an_answer_given_in_passing_names_the_lesson_about_it(course_dir):
    """The seed mentions interpretability in passing; the course has a lesson about it, which the
    answer names after its sources, and enter opens."""
    app = build_app(str(course_dir), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_tutor(pilot)
        screen = await ask(pilot, "What is interpretability?")
        items = sources(screen)
        assert items[-1].startswith("More in the lesson \u201cInterpretability")
        assert any(item.startswith("Section") for item in items[:-1])  # the answer's own sources first
        await pilot.press("up", *["down"] * (len(items) - 1), "enter")  # up: the answer's first source
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen) and app.lesson_screen.lesson_id == "interpretability"
