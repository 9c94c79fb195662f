"""A bug in the running reader (issue 14): the learner sees a few plain lines, their
progress is saved, and the traceback goes to a log file in the cache folder."""

from __future__ import annotations

import os
import sys
import tomllib

from pty_run import run_in_pty
from pilot import copy_course

SCRIPT = """
import sys
from alignlearn.ui.app import build_app, run_app
from alignlearn.ui.screens.lesson import LessonScreen

def broken(self):
    raise RuntimeError("a bug in the reader")

LessonScreen.action_about = broken  # `i`: the lesson's details
sys.exit(run_app(build_app(sys.argv[1])))
"""


def test_a_bug_prints_a_short_message_saves_progress_and_logs_the_traceback(tmp_path):
    course = copy_course(tmp_path, quizzes=False)
    cache, data = tmp_path / "cache", tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL_DRIVER")}
    env.update(TERM="xterm-256color", ALIGNLEARN_CACHE_DIR=str(cache), ALIGNLEARN_DATA_DIR=str(data))
    # `n` twice (to section 2: a place to keep), then `i` fails
    output, code = run_in_pty([sys.executable, "-c", SCRIPT, str(course)], env,
                              (b"Technical Problem",), [b"n", b"n", b"i"])
    text = output.decode("utf-8", "replace")
    assert code == 1, text[-800:]
    assert "alignlearn stopped" in text and "Your progress was saved." in text
    assert "Traceback" not in text and "a bug in the reader" not in text
    logs = list(cache.glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in text
    log = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError: a bug in the reader" in log
    progress = tomllib.loads((data / "progress.toml").read_text(encoding="utf-8"))
    assert "alignment-technical-problem" in str(progress), progress
