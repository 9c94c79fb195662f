"""Model mode (SPEC section 8): the tutor's retrieved passages, answered over by a local model.

The tutor retrieves as it always does; only the passages it found, each with its
section's number and title, and the question go to an OpenAI-compatible
``/chat/completions`` endpoint (Ollama, llama.cpp's server, vLLM, LM Studio), streamed.
The model is told to answer only from them and to cite them as ``[§N]``; a citation
of a section that was not sent is dropped, and the sources shown are the sections
cited. A question the lesson does not cover is declined without calling the model,
and a slow, failing or cancelled model gives the extractive answer with a note.

Only the standard library speaks HTTP: one request per answer, nothing kept open,
and nothing at all unless an endpoint is configured.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from alignlearn.tutor.answers import INTRODUCTION, Answer, Source, shorten

FIRST_BYTE_SECONDS = 8.0  # a local model loading its weights can take a few seconds to start
STALL_SECONDS = 8.0  # the longest pause between two pieces of a streamed answer
TOTAL_SECONDS = 90.0  # the whole answer
MAX_SENT = 6  # passages sent to the model
MAX_SENT_CHARS = 4000  # their text together: a small local model has a small context
MAX_REPLY_CHARS = 8000  # a model that never stops is cut here

SYSTEM_PROMPT = (
    "You are a tutor helping a learner with one lesson. Answer the learner's question using "
    "only the lesson passages given below, in a few sentences of plain text. After each claim, "
    "cite the passage it comes from by its section, written like [§2]. If the passages do not "
    "answer the question, say that the lesson does not cover it. Do not use outside knowledge."
)

# "[§2]", "[§ 2]", "[§2, §5]", "[§2; 5]"
_CITATION = re.compile(r"\[\s*§\s*(\d{1,4})((?:\s*[,;]\s*§?\s*\d{1,4})*)\s*\]")


class ModelError(Exception):
    """The model could not be asked or did not answer; the message says why, in a few words."""


@dataclass(frozen=True)
class Endpoint:
    """Where the model is: an API's base URL (".../v1") and the model's name there."""

    url: str
    model: str
    first_byte: float = FIRST_BYTE_SECONDS
    stall: float = STALL_SECONDS
    total: float = TOTAL_SECONDS

    def target(self) -> tuple[str, str, int | None, str]:
        """(scheme, host, port, path) of the chat-completions URL."""
        parts = urlsplit(self.url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ModelError(f"the endpoint {self.url!r} is not an http:// or https:// URL")
        path = parts.path.rstrip("/")
        if not path.endswith("/chat/completions"):
            path += "/chat/completions"
        try:
            port = parts.port
        except ValueError:
            raise ModelError(f"the endpoint {self.url!r} has a bad port") from None
        return parts.scheme, parts.hostname, port, path


@dataclass(frozen=True)
class Sent:
    """A passage as the model sees it."""

    section: int
    title: str
    text: str
    line: int
    kind: str

    def label(self) -> str:
        return f"[§{self.section}] {self.title or INTRODUCTION}"


def sent_passages(ranked: list, passages: list, titles: dict[int, str], ratio: float) -> list[Sent]:
    """The passages model mode sends: the best-ranked (``ranked``, the tutor's) scoring at least
    ``ratio`` of the best, read whole (a sentence's paragraph), in reading order, each with its
    section."""
    wholes: list = []
    room = MAX_SENT_CHARS
    for item in ranked:
        if len(wholes) == MAX_SENT or item.score < ratio * ranked[0].score:
            break
        whole = passages[item.passage.whole]
        if whole in wholes or len(whole.text) > room:
            continue
        wholes.append(whole)
        room -= len(whole.text)
    wholes.sort(key=lambda p: (p.section, p.line, p.number))
    return [Sent(p.section, titles.get(p.section, ""), p.text, p.line, p.kind) for p in wholes]


def messages(question: str, passages: list[Sent]) -> list[dict]:
    """The chat: the rules, then the passages and the question as the learner's turn."""
    blocks = [f"{p.label()}\n{p.text}" for p in passages]
    user = "Lesson passages:\n\n" + "\n\n".join(blocks) + f"\n\nQuestion: {question}"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def stream(endpoint: Endpoint, chat: list[dict], cancel: threading.Event | None = None) -> Iterator[str]:
    """The pieces of the model's reply as they arrive; ModelError when it cannot be had in time."""
    scheme, host, port, path = endpoint.target()
    kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    connection = kind(host, port, timeout=endpoint.first_byte)
    deadline = time.monotonic() + endpoint.total
    body = json.dumps({"model": endpoint.model, "messages": chat, "stream": True}).encode("utf-8")
    try:
        connection.request("POST", path, body, {"Content-Type": "application/json",
                                                "Accept": "text/event-stream"})
        sock = connection.sock  # the connection forgets it once a reply says it will close
        response = connection.getresponse()
        if response.status != 200:
            raise ModelError(f"the model's server answered HTTP {response.status} {response.reason}".strip())
        if "text/event-stream" not in (response.getheader("Content-Type") or ""):
            yield _whole_reply(response)  # a server that ignores "stream": one JSON reply
            return
        waited = endpoint.first_byte  # until the first piece; then the longest pause between pieces
        while True:
            if cancel is not None and cancel.is_set():
                return
            left = deadline - time.monotonic()
            if left <= 0:
                raise ModelError(f"the model took longer than {endpoint.total:g} seconds")
            if sock is not None:
                sock.settimeout(min(waited, left))
            line = response.readline(MAX_REPLY_CHARS)
            if not line:
                return
            piece = _event(line)
            if piece is None:
                return
            if piece:
                waited = endpoint.stall
                yield piece
    except ModelError:
        raise
    except (TimeoutError, socket.timeout):
        if time.monotonic() >= deadline:
            raise ModelError(f"the model took longer than {endpoint.total:g} seconds") from None
        raise ModelError("the model did not answer in time") from None
    except (OSError, http.client.HTTPException, ValueError, KeyError, IndexError, TypeError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise ModelError(f"the model could not be reached ({reason})") from None
    finally:
        connection.close()


def _event(line: bytes) -> str | None:
    """The text in one server-sent event line: "" for none, None at ``data: [DONE]``."""
    line = line.strip()
    if not line.startswith(b"data:"):
        return ""
    data = line[5:].strip()
    if data == b"[DONE]":
        return None
    chunk = json.loads(data)
    if "error" in chunk:
        raise ModelError("the model's server reported an error")
    choices = chunk.get("choices") or [{}]
    return (choices[0].get("delta") or {}).get("content") or ""


def _whole_reply(response) -> str:
    reply = json.loads(response.read(1 << 20))
    return reply["choices"][0]["message"]["content"] or ""


def checked(text: str, allowed: set[int]) -> tuple[str, list[int]]:
    """``text`` without the citations of sections not in ``allowed``, and the sections cited."""
    cited: list[int] = []

    def keep(match: re.Match) -> str:
        numbers = [int(match.group(1))] + [int(n) for n in re.findall(r"\d+", match.group(2))]
        good = [n for n in numbers if n in allowed]
        cited.extend(n for n in good if n not in cited)
        return "[" + ", ".join(f"§{n}" for n in dict.fromkeys(good)) + "]" if good else ""

    cleaned = _CITATION.sub(keep, text)
    return re.sub(r"[ \t]+([.,;:])", r"\1", cleaned), cited


def with_note(answer: Answer, note: str) -> Answer:
    return replace(answer, note=note, mode="extractive")


def model_answer(extractive: Answer, sent: list[Sent], question: str, endpoint: Endpoint, lesson_id: str,
                 on_text: Callable[[str], None] | None = None,
                 cancel: threading.Event | None = None) -> Answer:
    """The model's answer over ``sent``; the extractive answer, with a note, when it fails.

    ``on_text`` is called with the answer so far (citations checked) as it streams."""
    allowed = {p.section for p in sent}
    parts: list[str] = []
    try:
        for piece in stream(endpoint, messages(question, sent), cancel):
            parts.append(piece)
            if sum(map(len, parts)) > MAX_REPLY_CHARS:
                break
            if on_text is not None:
                on_text(checked("".join(parts), allowed)[0])
    except ModelError as error:
        return with_note(extractive, f"The model did not answer: {error}. Here is the lesson's own text.")
    if cancel is not None and cancel.is_set():
        return with_note(extractive, "Stopped the model's answer. Here is the lesson's own text.")
    text, cited = checked("".join(parts), allowed)
    text = shorten(text.strip(), MAX_REPLY_CHARS)
    if not text:
        return with_note(extractive, "The model gave an empty answer. Here is the lesson's own text.")
    sources = []
    for section in cited:
        first = next(p for p in sent if p.section == section)
        sources.append(Source(lesson_id, section, first.title, first.text, first.line, first.kind))
    note = None if sources else "The model cited no section of the lesson; check its answer against the text."
    return replace(extractive, text=text, sources=tuple(sources), mode="model", note=note)
