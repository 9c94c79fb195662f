"""Model mode (SPEC section 8): the tutor's passages sent to an OpenAI-compatible server
run inside the test, streamed back, citations checked; declines, timeouts, errors and
cancelling; and no connection at all when no endpoint is set."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest

from alignlearn import settings
from alignlearn.cli import main
from alignlearn.course import load_lesson
from alignlearn.tutor import Endpoint, Tutor
from alignlearn.tutor.model import checked, messages
from model_server import ModelServer
from tutor_lessons import FRONT, KITES, LAUNCH, NoNetwork, write_lesson



@pytest.fixture
def tutor(tmp_path) -> Tutor:
    return Tutor(load_lesson(write_lesson(tmp_path, KITES, FRONT)))


def endpoint(server: ModelServer, **timeouts) -> Endpoint:
    return Endpoint(server.url, "tiny", **timeouts)


def test_streams_the_answer_and_keeps_only_citations_of_passages_sent(tutor):
    pieces = ["Stand with your back", " to the wind [§2],", " and keep away from power lines [§9]."]
    seen: list[str] = []
    with ModelServer(pieces=pieces) as server:
        answer = tutor.ask_model(LAUNCH, endpoint(server), on_text=seen.append)
    assert answer.mode == "model" and answer.covered and answer.note is None
    assert answer.text == "Stand with your back to the wind [§2], and keep away from power lines."
    assert [s.section_number for s in answer.sources] == [2]
    assert answer.as_dict()["mode"] == "model"
    assert seen[0] == "Stand with your back" and seen[-1] == answer.text  # streamed, piece by piece
    request = server.requests[0]
    assert server.paths == ["/v1/chat/completions"]
    assert request["stream"] is True and request["model"] == "tiny"
    prompt = request["messages"][-1]["content"]
    assert "[§2] Launching" in prompt and LAUNCH in prompt
    assert "thunderstorm" not in prompt  # only the passages retrieved, not the lesson
    assert "[§N]" in request["messages"][0]["content"].replace("§2", "§N")


def test_a_server_that_ignores_stream_still_answers(tutor):
    with ModelServer("json", pieces=["Back to the wind [§2]."]) as server:
        answer = tutor.ask_model(LAUNCH, endpoint(server))
    assert answer.mode == "model" and answer.text == "Back to the wind [§2]."


def test_a_question_the_lesson_does_not_cover_is_declined_without_the_model(tutor):
    with ModelServer() as server:
        answer = tutor.ask_model("What is the capital of France?", endpoint(server))
    assert not answer.covered and answer.mode == "extractive"
    assert server.requests == []


def test_a_server_that_hangs_falls_back_in_time(tutor):
    with ModelServer("hang") as server:
        start = time.monotonic()
        answer = tutor.ask_model(LAUNCH, endpoint(server, first_byte=0.5))
        took = time.monotonic() - start
    assert took < 3
    assert answer.mode == "extractive" and answer.covered
    assert answer.sources and answer.sources[0].section_number == 2  # the extractive answer
    assert "in time" in answer.note


def test_a_stream_that_stalls_or_runs_too_long_falls_back(tutor):
    with ModelServer(pieces=["Stand", " back", " to the wind"], delay=1.0) as server:
        answer = tutor.ask_model(LAUNCH, endpoint(server, first_byte=3, stall=0.3))
    assert answer.mode == "extractive" and "in time" in answer.note
    with ModelServer(pieces=["a"] * 20, delay=0.1) as server:
        start = time.monotonic()
        answer = tutor.ask_model(LAUNCH, endpoint(server, first_byte=3, total=0.5))
    assert time.monotonic() - start < 2 and answer.mode == "extractive" and "longer than" in answer.note


def test_an_http_error_or_no_server_falls_back_with_a_note(tutor):
    with ModelServer("500") as server:
        answer = tutor.ask_model(LAUNCH, endpoint(server))
    assert answer.mode == "extractive" and answer.covered and "HTTP 500" in answer.note
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    answer = tutor.ask_model(LAUNCH, Endpoint(f"http://127.0.0.1:{port}/v1", "tiny"))
    assert answer.mode == "extractive" and "could not be reached" in answer.note
    answer = tutor.ask_model(LAUNCH, Endpoint("ftp://example.invalid/v1", "tiny"))
    assert answer.mode == "extractive" and "not an http" in answer.note


def test_cancelling_stops_the_stream(tutor):
    cancel = threading.Event()
    with ModelServer(pieces=["Stand", " back"] * 50, delay=0.05) as server:
        answer = tutor.ask_model(LAUNCH, endpoint(server), on_text=lambda text: cancel.set(), cancel=cancel)
    assert answer.mode == "extractive" and answer.note.startswith("Stopped")


@pytest.mark.parametrize("text, allowed, expected, cited", [
    ("A [§1] and B [§2].", {1, 2}, "A [§1] and B [§2].", [1, 2]),
    ("A [§7].", {1}, "A.", []),
    ("A [§1, §7; 2].", {1, 2}, "A [§1, §2].", [1, 2]),
    ("A [ § 3 ] and [§3]", {3}, "A [§3] and [§3]", [3]),
    ("No citation at all", {1}, "No citation at all", []),
    ("Half a citation [§", {1}, "Half a citation [§", []),
])
def test_citations_are_checked_against_the_sections_sent(text, allowed, expected, cited):
    assert checked(text, allowed) == (expected, cited)


def test_the_prompt_labels_each_passage_with_its_section(tutor):
    chat = messages("Why?", tutor.sent(LAUNCH))
    assert chat[0]["role"] == "system" and "only" in chat[0]["content"]
    assert chat[1]["content"].startswith("Lesson passages:\n\n[§2] Launching\n")


# --- settings and the command line ------------------------------------------------------


def test_settings_read_the_tutor_table_and_the_environment_wins(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[tutor]\nendpoint = "http://127.0.0.1:11434/v1"\nmodel = "llama3.2"\n')
    loaded, warnings = settings.load(config)
    assert warnings == [] and settings.tutor_model(loaded) == ("http://127.0.0.1:11434/v1", "llama3.2")
    monkeypatch.setenv("ALIGNLEARN_TUTOR_MODEL", "qwen")
    assert settings.tutor_model(loaded) == ("http://127.0.0.1:11434/v1", "qwen")
    assert settings.tutor_model(settings.Settings()) is None  # a model alone is not enough
    config.write_text('[tutor]\nendpoint = 3\n')
    loaded, warnings = settings.load(config)
    assert loaded.tutor_endpoint is None and "tutor.endpoint" in warnings[0]


def test_ask_json_says_model_mode(tmp_path, monkeypatch, capsys):
    lesson = write_lesson(tmp_path, KITES, FRONT)
    with ModelServer(pieces=["Back to the wind [§2]."]) as server:
        monkeypatch.setenv("ALIGNLEARN_TUTOR_ENDPOINT", server.url)
        monkeypatch.setenv("ALIGNLEARN_TUTOR_MODEL", "tiny")
        assert main(["ask", str(lesson), LAUNCH, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["mode"] == "model" and document["answer"] == "Back to the wind [§2]."
    assert [s["section"] for s in document["sources"]] == [2]


def test_without_an_endpoint_nothing_is_sent(tmp_path, monkeypatch, capsys):
    lesson = write_lesson(tmp_path, KITES, FRONT)
    network = NoNetwork(monkeypatch)
    assert main(["ask", str(lesson), LAUNCH, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["mode"] == "extractive"
    assert network.attempts == []
