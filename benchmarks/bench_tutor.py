"""The tutor, in process, on the seed lesson: building its index and answering a question.

Run: python benchmarks/bench_tutor.py
Targets (issue 5): the median answer under 30 ms and the index built under 50 ms.

Absolute times depend on the machine, so each figure is also given as a ratio to a
baseline measured in the same run, interleaved with it: tokenising the lesson's plain
text once (``words()``: casefold and split into words), the least any index must do.
The index is timed cold (the stemmer's cache emptied before every build, as in a
fresh process) and warm (a second lesson opened in the same session).
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path

from alignlearn.course import load_lesson, open_course
from alignlearn.tutor import Tutor
from alignlearn.tutor.words import stem, words

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "lessons" / "alignment-technical-problem.md"
ANSWER_TARGET_MS = 30.0
BUILD_TARGET_MS = 50.0
REPEATS = 41

QUESTIONS = [
    "What is RLHF?",
    "What is RL from AI feedback?",
    "Why can't developers just spell out exactly what the AI should aim for?",
    "How does the model criticise and rewrite its own answers in constitutional AI?",
    "Why would a chatbot just tell me what I want to hear?",
    "What are the downsides of relying on human raters?",
    "Which organisation evaluates models for scheming?",
    "How do I bake sourdough bread?",
    "What does MIRI work on?",
    "sycophancy",
    "What is RLHF? " + "and also " * 1100,  # a 10,000-character question
]


def lesson_text(lesson) -> str:
    blocks = list(lesson.intro) + [block for section in lesson.sections for block in section.blocks]
    return "\n".join(block.plain() for block in blocks)


def clock(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def interleaved(baseline, subject, repeats: int = REPEATS) -> tuple[float, float]:
    """Median milliseconds of ``subject`` and of ``baseline``, run turn about."""
    gc.collect()
    base, times = [], []
    for _ in range(repeats):
        base.append(clock(baseline))
        times.append(clock(subject))
    return statistics.median(times), statistics.median(base)


def line(name: str, ms: float, base: float, target: float | None) -> tuple[str, bool]:
    ok = target is None or ms <= target
    verdict = "" if target is None else ("  ok" if ok else f"  OVER {target:.0f} ms")
    return f"  {name:<46} {ms:8.2f} ms  baseline {base:6.3f} ms  ratio {ms / base:7.1f}x{verdict}", ok


def main() -> int:
    lesson = load_lesson(SEED)
    text = lesson_text(lesson)

    def tokenise() -> None:
        words(text)

    def build_cold() -> None:
        stem.cache_clear()
        Tutor(lesson)

    def build_warm() -> None:
        Tutor(lesson)

    tutor = Tutor(lesson)
    answers = {question: interleaved(tokenise, lambda q=question: tutor.ask(q), 15) for question in QUESTIONS}
    course = open_course(ROOT / "lessons")
    with_course = Tutor(course.lesson(lesson.id), course)
    first_decline = clock(lambda: with_course.ask("What is a sparse autoencoder?"))
    load = statistics.median(clock(lambda: load_lesson(SEED)) for _ in range(15))
    assert with_course.ask("How does Direct Preference Optimization work?").suggested_lesson
    later_decline, base_decline = interleaved(
        tokenise, lambda: with_course.ask("How does Direct Preference Optimization work?"), 15)

    cold, base_cold = interleaved(tokenise, build_cold)
    warm, base_warm = interleaved(tokenise, build_warm)
    median_answer = statistics.median(ms for ms, _ in answers.values())
    base_answer = statistics.median(base for _, base in answers.values())

    print(f"Tutor on {SEED.name} ({len(text):,} characters of text, {len(tutor.passages)} passages), "
          f"median of {REPEATS} (answers: 15 per question), baseline: tokenising the lesson's text once")
    rows = [
        line("index build, cold (stem cache emptied)", cold, base_cold, BUILD_TARGET_MS),
        line("index build, warm", warm, base_warm, None),
        line(f"answer, median over {len(QUESTIONS)} questions", median_answer, base_answer, ANSWER_TARGET_MS),
        line("answer, slowest question's median", max(ms for ms, _ in answers.values()), base_answer,
             ANSWER_TARGET_MS),
        line("decline pointing to a related lesson (indexed)", later_decline, base_decline, ANSWER_TARGET_MS),
    ]
    for row, _ in rows:
        print(row)
    print(f"  {'first decline with the course (indexes 3 related)':<46} {first_decline:8.2f} ms  "
          "(once per tutor; the reader can call index_related() in its worker)")
    print(f"  {'for scale: load_lesson (parse the file)':<46} {load:8.2f} ms")
    for question, (ms, _) in answers.items():
        shown = question if len(question) < 60 else question[:40] + f"... ({len(question):,} chars)"
        print(f"    {ms:7.2f} ms  {shown}")
    return 0 if all(ok for _, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
