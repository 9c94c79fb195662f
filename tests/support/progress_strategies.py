"""Hypothesis strategies for progress states, shared by the progress tests.

Two flavours: ``progress_states()`` draws anything the format can hold (any text as an
id, any offset), for round-trips; ``progress_states(small=True)`` draws from a few ids
and a few instants, so that merged copies overlap and tie, which is where a merge
stops being commutative if it ever does.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import assume
from hypothesis import strategies as st

from alignlearn.progress import (
    Attempt,
    CourseProgress,
    LessonProgress,
    Position,
    Progress,
    QuizDraft,
)
from alignlearn.progress.model import EARLIEST, LATEST, in_range

ZONES = st.sampled_from([timezone.utc, timezone(timedelta(hours=5, minutes=30)),
                         timezone(timedelta(hours=-8))])
# Any offset TOML can write: whole minutes, strictly within a day either way.
ANY_OFFSET = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
EDGE = timedelta(days=2)


@st.composite
def _near(draw, start: datetime, end: datetime) -> datetime:
    """An instant from ``start`` to ``end`` (UTC), written in any offset."""
    moment = draw(st.datetimes(min_value=start.replace(tzinfo=None),
                               max_value=end.replace(tzinfo=None)))
    return moment.replace(tzinfo=timezone.utc).astimezone(draw(ANY_OFFSET))


EDGE_TIMES = st.one_of(_near(EARLIEST, EARLIEST + EDGE), _near(LATEST - EDGE, LATEST))
"""Times at both ends of the supported range, in any offset."""


@st.composite
def out_of_range_times(draw) -> datetime:
    """Times ``datetime`` holds but outside the supported range: a wall time on the first
    or last two days of what it holds, with an offset that takes it out in UTC."""
    late = draw(st.booleans())
    offset = draw(ANY_OFFSET)
    edge = (datetime.max if late else datetime.min)
    wall = draw(st.datetimes(min_value=edge - EDGE if late else edge,
                             max_value=edge if late else edge + EDGE))
    moment = wall.replace(tzinfo=offset)
    assume(not in_range(moment))
    return moment


ANY_TIME = st.one_of(
    st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1), timezones=ZONES),
    EDGE_TIMES,
)
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
