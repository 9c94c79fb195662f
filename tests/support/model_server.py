"""A small OpenAI-compatible chat server for tests, on 127.0.0.1 at an ephemeral port.

``behaviour`` picks what it does with a request: "stream" (server-sent events, one
``data: {...}`` chunk a piece, then ``data: [DONE]``), "json" (one reply, as a server
that ignores ``stream`` would), "hang" (reads the request and never answers), "500".
Every request's JSON body is kept in ``requests``.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ModelServer:
    def __init__(self, behaviour: str = "stream", pieces: list[str] | None = None, delay: float = 0.0):
        self.behaviour = behaviour
        self.pieces = pieces if pieces is not None else ["The lesson says", " it is so [§1]."]
        self.delay = delay  # seconds before each streamed piece
        self.requests: list[dict] = []
        self.paths: list[str] = []
        self.release = threading.Event()  # lets a hanging handler go when the test ends
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                server.paths.append(self.path)
                server.requests.append(json.loads(self.rfile.read(length)))
                getattr(self, "reply_" + server.behaviour)()

            def reply_stream(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                for piece in server.pieces:
                    if server.delay:
                        server.release.wait(server.delay)
                    chunk = {"choices": [{"index": 0, "delta": {"content": piece}}]}
                    self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

            def reply_json(self) -> None:
                body = json.dumps({"choices": [{"message": {"role": "assistant",
                                                            "content": "".join(server.pieces)}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def reply_hang(self) -> None:
                server.release.wait(30)

            def reply_500(self) -> None:
                body = b'{"error": "out of memory"}'
                self.send_response(500)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> "ModelServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def wait_until(condition, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return condition()
