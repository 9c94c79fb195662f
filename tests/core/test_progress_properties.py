"""Properties of the progress format and merge, over any state hypothesis can draw."""

from __future__ import annotations

from datetime import timedelta, timezone
from pathlib import Path
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignlearn.progress import Progress, ProgressStore, UnreadableProgressError, dumps, loads, merge
from alignlearn.progress.codec import ProgressWriter

from progress_strategies import EDGE_TIMES, out_of_range_times, progress_states

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(progress_states())
def test_any_progress_written_and_read_back_is_equal(progress):
    assert loads(dumps(progress).encode("utf-8")) == progress


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(progress_states())
def test_any_progress_saved_by_the_store_loads_equal_in_another_store(progress):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.toml"
        ProgressStore(path).update(lambda p: setattr(p, "courses", progress.courses))
        assert ProgressStore(path).load() == progress


@SETTINGS
@given(progress_states(small=True), progress_states(small=True))
def test_merge_is_commutative(a, b):
    assert merge(a, b) == merge(b, a)


@SETTINGS
@given(progress_states(small=True), progress_states(small=True), progress_states(small=True))
def test_merge_is_associative(a, b, c):
    assert merge(merge(a, b), c) == merge(a, merge(b, c))


@SETTINGS
@given(progress_states(small=True), progress_states(small=True))
def test_merge_is_idempotent(a, b):
    merged = merge(a, b)
    assert merge(merged, merged) == merged
    assert merge(a, a) == merge(a, Progress())
    assert merge(merged, a) == merged  # merging what we already hold changes nothing


@SETTINGS
@given(progress_states(small=True), progress_states(small=True))
def test_merge_loses_nothing(a, b):
    merged = merge(a, b)
    for side in (a, b):
        for course_id, course in side.courses.items():
            for lesson_id, lesson in course.lessons.items():
                kept = merged.courses[course_id].lessons[lesson_id]
                assert lesson.sections_read <= kept.sections_read
                assert all(attempt in kept.attempts for attempt in lesson.attempts)
                if lesson.position is not None:
                    assert kept.position.updated >= lesson.position.updated
                if lesson.draft is not None:
                    assert kept.draft.updated >= lesson.draft.updated
            if course.last_opened is not None:
                assert merged.courses[course_id].last_opened >= course.last_opened


@SETTINGS
@given(progress_states(small=True), progress_states(small=True))
def test_merge_leaves_its_inputs_alone_and_shares_nothing_with_them(a, b):
    before_a, before_b = loads(dumps(a).encode()), loads(dumps(b).encode())
    merged = merge(a, b)
    for course in merged.courses.values():
        for lesson in course.lessons.values():
            lesson.sections_read.add("changed")
            for attempt in lesson.attempts:
                attempt.answers["changed"] = True
    assert (a, b) == (before_a, before_b)


OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["read", "position", "attempt", "draft", "clear"]),
              st.sampled_from(["c1", "c2"]), st.sampled_from(["l1", "l2", "l3"]),
              st.text(max_size=5)),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(progress_states(), OPERATIONS)
def test_rendering_only_the_changed_lessons_gives_the_same_file(start, operations):
    """The writer's per-lesson cache must never write a stale lesson."""
    from alignlearn.progress import Attempt

    writer = ProgressWriter()
    state = loads(dumps(start).encode())
    writer.render(state)
    for kind, course_id, lesson_id, text in operations:
        lesson = state.course(course_id).lesson(lesson_id)
        if kind == "read":
            lesson.sections_read.add(text)
        elif kind == "position":
            from alignlearn.progress import Position, utc_now
            lesson.position = Position(text, len(text), utc_now())
        elif kind == "attempt":
            lesson.attempts.append(Attempt.now(0, 1, {"q": text}, {"q": False}))
        elif kind == "draft":
            from alignlearn.progress import QuizDraft, utc_now
            lesson.draft = QuizDraft({"q": text}, utc_now())
        else:
            lesson.draft = None
        writer.forget(course_id, lesson_id)
        assert loads(writer.render(state).encode()) == state


# --- times at the ends of the supported range ------------------------------------------

# A time in each place the format has one; {time} is where the drawn time goes and the
# case says on which line of the file that is.
TIME_PLACES = {
    "last_opened": ("format_version = 1\n\n[courses.c]\nlast_opened = {time}\n", 4),
    "attempt": ("format_version = 1\n\n[courses.c.lessons.l]\nsections_read = [\"a\"]\n\n"
                "[[courses.c.lessons.l.attempts]]\nwhen = 2025-01-01T00:00:00Z\nscore = 1\ntotal = 1\n\n"
                "[[courses.c.lessons.l.attempts]]\nwhen = {time}\nscore = 1\ntotal = 1\n", 12),
    "position": ("format_version = 1\n\n[courses.c.lessons.l]\n"
                 "position = {{ section = \"s\", line = 1, updated = {time} }}\n", 4),
    "draft": ("format_version = 1\n\n[courses.c.lessons.l.draft]\nanswers = {{ q = true }}\n"
              "\"updated\" = {time}\n", 5),
}


def _toml_time(moment) -> str:
    return moment.isoformat()


@SETTINGS
@given(st.sampled_from(sorted(TIME_PLACES)), EDGE_TIMES)
def test_a_time_at_either_end_of_the_range_is_read_and_shown_in_any_zone(place, moment):
    template, _ = TIME_PLACES[place]
    progress = loads(template.format(time=_toml_time(moment)).encode())
    assert loads(dumps(progress).encode()) == progress
    for offset in (-(24 * 60 - 1), 24 * 60 - 1):  # what showing it in any local zone does
        moment.astimezone(timezone(timedelta(minutes=offset)))


@SETTINGS
@given(st.sampled_from(sorted(TIME_PLACES)), out_of_range_times())
def test_a_time_out_of_range_is_an_error_at_its_line(place, moment):
    template, line = TIME_PLACES[place]
    try:
        loads(template.format(time=_toml_time(moment)).encode())
    except UnreadableProgressError as error:
        assert error.line == line
        assert "outside the supported range" in str(error)
    else:
        raise AssertionError(f"{moment.isoformat()} was read")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(TIME_PLACES)), out_of_range_times())
def test_a_stored_file_with_a_time_out_of_range_is_moved_aside_and_saving_goes_on(place, moment):
    template, line = TIME_PLACES[place]
    text = template.format(time=_toml_time(moment))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.toml"
        path.write_text(text)
        store = ProgressStore(path)
        assert store.load() == Progress()
        [notice] = store.take_notices()
        assert notice.kind == "moved_aside" and f"{path}:{line}: " in notice.message
        assert notice.backup.read_text() == text
        store.mark_section_read("c", "l", "intro")
        assert store.saving_failed is None
        assert ProgressStore(path).load().courses["c"].lessons["l"].sections_read == {"intro"}
