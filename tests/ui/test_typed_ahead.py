"""Keys typed in one burst with the key that opens a dialog (a fast typist, a paste, an SSH
link that batches keystrokes) go into its box in the order typed, as if typed slowly; none
of them runs a command of the screen underneath or of the dialog on the way.

A burst is keys posted to the app without waiting in between, as a terminal's bytes read in
one go are; ``pilot.press`` waits for each key to be handled, so it never shows the fault.
"""

from __future__ import annotations

import asyncio
import threading

import pytest
from textual import events
from textual.widgets import Input

from alignlearn.ui.app import AlignlearnApp, build_app
from alignlearn.ui.screens.help import HelpScreen
from alignlearn.ui.screens.lesson import LessonScreen
from alignlearn.ui.screens.quiz import QuizScreen
from alignlearn.ui.screens.search import SearchScreen
from alignlearn.ui.screens.tutor import QuestionInput, TutorScreen
from alignlearn.ui.widgets.answer_box import AnswerBox
from pilot import SEED, copy_course, settle

NAMES = {"/": "slash", "?": "question_mark", " ": "space", "-": "minus"}


def burst(app, *keys: str) -> None:
    """Each key (a name such as "enter", or text typed a character at a time) posted at once."""
    for key in keys:
        if key in ("enter", "ctrl+j", "escape", "backspace"):
            app.post_message(events.Key(key, None))
            continue
        for char in key:
            app.post_message(events.Key(NAMES.get(char, char), char))


async def until(pilot, done, seconds: float = 10.0) -> None:
    """Until ``done()``; the keys held for a dialog reach it once it is mounted, later on a
    busy machine (the course being indexed in a thread) than a fixed pause allows."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        await pilot.pause(0.05)
        if done():
            return
    raise AssertionError("never happened")


def typed(app) -> str | None:
    """What the dialog on top has in its text box."""
    box = app.focused
    if isinstance(box, Input):
        return box.value
    return box.text if isinstance(box, AnswerBox) else None


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("words", ["rlhf", "quit?", "reward hacking"])
async def test_words_typed_with_slash_go_into_the_search_box(tmp_path, size, words):
    """q and ? among them are letters of the query: neither closes the search nor opens the help."""
    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        burst(app, "/", words)
        await until(pilot, lambda: typed(app) == words)
        assert isinstance(app.screen, SearchScreen) and app.is_running
        assert app.focused is app.screen.query_one(Input)
        if words.startswith("r"):  # searched for, as typed
            await until(pilot, lambda: app.screen.results)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_question_typed_with_t_goes_into_the_tutor_box_and_its_question_mark_too(tmp_path, size):
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        burst(app, "t", "What is RLHF?")
        await until(pilot, lambda: typed(app) == "What is RLHF?" or isinstance(app.screen, HelpScreen))
        assert not any(isinstance(screen, HelpScreen) for screen in app.screen_stack)
        assert isinstance(app.screen, TutorScreen) and isinstance(app.focused, QuestionInput)


async def test_enter_typed_with_the_question_asks_it(tmp_path):
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t", "What is RLHF?", "enter")
        await until(pilot, lambda: isinstance(app.screen, TutorScreen))
        screen = app.screen
        await until(pilot, lambda: screen.conversation.exchanges and not screen.conversation.waiting)
        [exchange] = screen.conversation.exchanges
        assert exchange.question == "What is RLHF?"
        assert "Reinforcement learning from human feedback" in exchange.answer.text
        assert screen.question_input.value == ""  # asked, ready for the next


async def test_keys_in_two_bursts_stay_in_the_order_typed(tmp_path):
    """The second burst comes in after the search is open but before it is ready: it waits
    behind the first."""
    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/", "rl")
        for _ in range(1000):
            if isinstance(app.screen, SearchScreen):
                break
            await asyncio.sleep(0)
        assert not app.screen.is_mounted
        burst(app, "hf")
        await until(pilot, lambda: len(typed(app) or "") == 4)
        assert typed(app) == "rlhf"


async def test_keys_back_from_the_screen_underneath_go_before_those_typed_since(tmp_path):
    """A key sent on to the lesson screen before the dialog opened comes back to the app after
    that (``came_back``), possibly after keys typed later have been held: it was typed first."""
    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = SearchScreen(app.search_index)
        app.push_screen(screen)
        for key, came_back in (("h", False), ("r", True), ("f", False), ("l", True)):
            assert screen.hold(events.Key(key, key), came_back=came_back)
        await until(pilot, lambda: len(typed(app) or "") == 4)
        assert typed(app) == "rlhf"
        assert not screen.hold(events.Key("s", "s"))  # ready: keys go on as usual


async def test_text_pasted_as_search_opens_goes_into_its_box(tmp_path):
    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/")
        app.post_message(events.Paste("reward hacking"))
        burst(app, "!")
        await until(pilot, lambda: typed(app) == "reward hacking!")
        assert isinstance(app.screen, SearchScreen)


async def test_enter_typed_before_the_course_is_indexed_opens_the_result_once_it_is(tmp_path, monkeypatch):
    indexed = threading.Event()
    search_index = AlignlearnApp.search_index

    def slow_index(self, progress=None):
        indexed.wait(10)
        return search_index(self, progress)

    monkeypatch.setattr(AlignlearnApp, "search_index", slow_index)
    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/", "superposition", "enter")
        await until(pilot, lambda: typed(app) == "superposition")
        await pilot.pause(0.2)
        assert isinstance(app.screen, SearchScreen)  # enter waits for the index
        indexed.set()
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await settle(pilot)
        assert app.lesson_screen.lesson_id == search_index(app).search("superposition")[0].lesson != SEED


async def test_a_question_typed_as_the_reader_starts_is_asked(tmp_path):
    """Enter typed before the reader has the terminal comes as ctrl+j (the terminal's newline)."""
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "t", "What is RLHF?", "ctrl+j")
        await until(pilot, lambda: isinstance(app.screen, TutorScreen))
        screen = app.screen
        await until(pilot, lambda: screen.conversation.exchanges and not screen.conversation.waiting)
        assert [exchange.question for exchange in screen.conversation.exchanges] == ["What is RLHF?"]


@pytest.mark.parametrize("enter", ["enter", "ctrl+j"])
async def test_a_search_typed_as_the_reader_starts_opens_its_lesson_with_either_enter(tmp_path, enter):
    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        first = app.course.lessons[0].id
        burst(app, "/", "superposition", enter)
        await until(pilot, lambda: app.screen is app.lesson_screen and app.lesson_screen.lesson_id != first)
        await settle(pilot)
        assert app.lesson_screen.lesson_id == app.search_index().search("superposition")[0].lesson


QUIZ = '''
[[questions]]
id = "q1"
kind = "short_answer"
prompt = "Which word names a model that games its reward?"
answer = "hacking"
explanation = "Reward hacking."
'''


async def test_an_answer_typed_with_x_goes_into_the_quiz_answer_box(tmp_path):
    """Its letters are not the quiz's keys (r: retake, s: read the section)."""
    course = copy_course(tmp_path)
    (course / f"{SEED}.quiz.toml").write_text(QUIZ, encoding="utf-8")
    app = build_app(str(course), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "x", "reward hacks")
        await until(pilot, lambda: typed(app) == "reward hacks")
        assert isinstance(app.screen, QuizScreen) and app.screen.session.number == 1


async def test_keys_typed_while_a_lesson_opens_wait_for_it(tmp_path, monkeypatch):
    """A lesson resumed at start is read in a thread: "/quiz" typed at once (a slow SSH link)
    lost its "/" and quit on its "q". Held until the lesson shows, it searches for "quiz"."""
    from alignlearn.cache import reading

    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        read, started = reading.read, threading.Event()

        def slow(course, lesson_id):
            started.set()
            threading.Event().wait(0.4)
            return read(course, lesson_id)

        monkeypatch.setattr(reading, "read", slow)
        monkeypatch.setattr(reading, "kept", lambda info: None)
        other = app.course.lessons[-1].id
        app.lesson_screen.open_lesson(other)
        burst(app, "/", "quiz")
        await until(pilot, lambda: typed(app) == "quiz")
        assert app.is_running and isinstance(app.screen, SearchScreen) and started.is_set()
        assert app.lesson_screen.lesson_id == other and app.lesson_screen.lesson is not None
