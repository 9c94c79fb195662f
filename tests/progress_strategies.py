"""Hypothesis strategies for progress states, shared by the progress tests.

Two flavours: ``progress_states()`` draws anything the format can hold (any text as an
id, any offset), for round-trips; ``progress_states(small=True)`` draws from a few ids
and a few instants, so that merged copies overlap and tie, which is where a merge
stops being commutative if it ever does.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from alignlearn.progress import (
    Attempt,
    CourseProgress,
    LessonProgress,
    Position,
    Progress,
    QuizDraft,
)

ZONES = st.sampled_from([timezone.utc, timezone(timedelta(hours=5, minutes=30)),
                         timezone(timedelta(hours=-8))])
ANY_TIME = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1),
                        timezones=ZONES)
FEW_TIMES = st.sampled_from([datetime(2025, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=m)
                             for m in (0, 1, 2)])
ANY_TEXT = st.text(max_size=12)
FEW_TEXT = st.sampled_from(["a", "b", "c"])


def progress_states(small: bool = False) -> st.SearchStrategy[Progress]:
    text = FEW_TEXT if small else ANY_TEXT
    times = FEW_TIMES if small else ANY_TIME
    answer = st.one_of(text, st.lists(text, max_size=3), st.booleans())
    answers = st.dictionaries(text, answer, max_size=3)

    @st.composite
    def attempts(draw):
        total = draw(st.integers(0, 3 if small else 60))
        score = draw(st.integers(0, total))
        return Attempt(draw(times), score, total, draw(answers),
                       draw(st.dictionaries(text, st.booleans(), max_size=3)))

    positions = st.builds(Position, text, st.integers(0, 3 if small else 10**9), times)
    drafts = st.builds(QuizDraft, answers, times)
    # Small states share their course and lesson ids, so merges meet on the same lesson.
    course_ids = st.just("c") if small else text
    lesson_ids = st.sampled_from(["l1", "l2"]) if small else text
    lessons = st.builds(
        LessonProgress,
        sections_read=st.sets(text, max_size=4),
        position=st.none() | positions,
        attempts=st.lists(attempts(), max_size=3),
        draft=st.none() | drafts,
    )
    courses = st.builds(
        CourseProgress,
        last_lesson=st.none() | text,
        last_opened=st.none() | times,
        lessons=st.dictionaries(lesson_ids, lessons, min_size=int(small), max_size=3),
    )
    return st.builds(Progress, courses=st.dictionaries(course_ids, courses, min_size=int(small),
                                                       max_size=3))
