"""Pilot tests of model mode in the reader: the model's answer streams into the tutor pane
from a server run inside the test, the reader stays responsive, escape stops the model
(the lesson's own text then) and a second escape closes the tutor."""

from __future__ import annotations

import asyncio

import pytest

from alignlearn.ui.app import build_app
from alignlearn.ui.screens.tutor import TutorScreen
from model_server import ModelServer
from tutor_lessons import FRONT, KITES, LAUNCH, NoNetwork, write_lesson


@pytest.fixture
def course_dir(tmp_path):
    folder = tmp_path / "kites"
    folder.mkdir()
    write_lesson(folder, KITES, FRONT, name="kites.md")
    (folder / "course.toml").write_text('format_version = 1\nid = "kites"\ntitle = "Kites"\norder = ["kites"]\n')
    return folder


@pytest.fixture
def model(monkeypatch):
    def serve(**kwargs) -> ModelServer:
        server = ModelServer(**kwargs)
        monkeypatch.setenv("ALIGNLEARN_TUTOR_ENDPOINT", server.url)
        monkeypatch.setenv("ALIGNLEARN_TUTOR_MODEL", "tiny")
        return server
    return serve


async def until(pilot, condition, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
        await pilot.pause()
    raise AssertionError("it never happened")


def texts(screen: TutorScreen) -> str:
    return "\n".join(entry.title for entry in screen.conversation_view.entries)


async def ask(pilot, question: str) -> TutorScreen:
    await pilot.press("t")
    screen = pilot.app.screen
    assert isinstance(screen, TutorScreen)
    await until(pilot, lambda: screen.conversation.tutor is not None)
    screen.question_input.value = question
    await pilot.press("enter")
    return screen


async def test_the_models_answer_streams_into_the_tutor_pane(course_dir, model):
    pieces = ["Stand with", " your back", " to the wind", " and let the line out [§2]."]
    with model(pieces=pieces, delay=0.3) as server:
        app = build_app(str(course_dir))
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await ask(pilot, LAUNCH)
            exchange = screen.conversation.exchanges[-1]
            await until(pilot, lambda: "Stand with" in texts(screen))
            assert exchange.answer is None  # shown while it is still coming
            await pilot.press("x", "y")  # the reader takes keys meanwhile
            assert screen.question_input.value == "xy"
            await until(pilot, lambda: exchange.answer is not None and not screen.conversation.waiting)
            await pilot.pause()
            assert exchange.answer.mode == "model"
            shown = texts(screen)
            assert "Stand with your back to the wind and let the line out [§2]." in shown
            assert "Section 2: Launching" in shown and "\u2026" not in shown.split("\n")[-2]
    assert len(server.requests) == 1


async def test_escape_stops_the_model_and_a_second_escape_closes(course_dir, model):
    with model(pieces=["Stand"] + [" and stand"] * 100, delay=0.2) as server:
        app = build_app(str(course_dir))
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await ask(pilot, LAUNCH)
            exchange = screen.conversation.exchanges[-1]
            await until(pilot, lambda: "Stand" in texts(screen))
            await pilot.press("escape")
            assert app.screen is screen
            await until(pilot, lambda: exchange.answer is not None, seconds=3)
            assert exchange.answer.mode == "extractive" and exchange.answer.note.startswith("Stopped")
            await until(pilot, lambda: not screen.conversation.waiting)
            assert "Section 2: Launching" in texts(screen)  # the lesson's own text instead
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, TutorScreen)
    assert server.requests


async def test_a_failing_model_falls_back_in_the_pane_with_a_note(course_dir, model):
    with model() as server:
        server.behaviour = "500"
        app = build_app(str(course_dir))
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await ask(pilot, LAUNCH)
            exchange = screen.conversation.exchanges[-1]
            await until(pilot, lambda: exchange.answer is not None and not screen.conversation.waiting)
            await pilot.pause()
            assert "HTTP 500" in texts(screen) and "Section 2: Launching" in texts(screen)


async def test_without_an_endpoint_the_reader_opens_no_connection(course_dir, monkeypatch):
    network = NoNetwork(monkeypatch)
    app = build_app(str(course_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ask(pilot, LAUNCH)
        exchange = screen.conversation.exchanges[-1]
        await until(pilot, lambda: exchange.answer is not None)
        assert exchange.answer.mode == "extractive" and exchange.answer.covered
    assert network.attempts == []
