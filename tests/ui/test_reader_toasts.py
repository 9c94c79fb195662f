"""Toasts: one for a message however often it is said; gone with the screen they were for (issue 21)."""

from __future__ import annotations

import pytest

from alignlearn.ui.app import build_app
from pilot import SEED, copy_course, settle
from quiz_pilot import wrong_keys


def toasts(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_same_message_three_times_is_one_toast(tmp_path):
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("n", "n", "n")
        await pilot.pause()
        last = [m for m in toasts(app) if "last section" in m]
        assert len(last) == 1, toasts(app)


async def test_a_lesson_s_toast_goes_when_the_quiz_opens_and_the_quiz_s_own_stays(tmp_path):
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert any("last section" in m for m in toasts(app))
        await pilot.press("x")
        await pilot.pause()
        assert not any("last section" in m for m in toasts(app))
        quiz = app.screen
        await pilot.press(*wrong_keys(quiz.session), "enter")
        await pilot.pause()
        await pilot.press("s")  # read the section: its toast says how to go back
        await settle(pilot)
        assert any("Press x to go back to the quiz" in m for m in toasts(app)), toasts(app)


async def test_a_warning_outlasts_a_screen_change(tmp_path):
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.notify("The progress file could not be read.", severity="warning", timeout=30)
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "The progress file could not be read." in toasts(app)


async def test_the_quiz_s_closing_toast_is_the_lesson_s_and_goes_when_the_tutor_opens(tmp_path):
    """Said as the quiz closes, it reaches the screen after the change: it must still go
    with the lesson screen, not sit over the tutor's question box (seen in a walkthrough)."""
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(*wrong_keys(app.screen.session), "enter")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.lesson_screen
        assert any("x offers to resume the quiz" in m for m in toasts(app)), toasts(app)
        await pilot.press("t")
        await settle(pilot)
        assert type(app.screen).__name__ == "TutorScreen"
        assert not any("x offers to resume the quiz" in m for m in toasts(app)), toasts(app)


def with_a_broken_lesson(tmp_path):
    course = copy_course(tmp_path)
    (course / "broken.md").write_text('+++\nid = "broken\ntitle = "B"\n+++\n\nText.\n', encoding="utf-8")
    return course


async def test_the_course_s_errors_go_with_the_next_key_and_never_cover_the_quiz(tmp_path):
    """Said as the reader opened, for 12 s wherever the learner went: at 80x24 it lay over
    the quiz's last choices. It goes with the learner's next key; a toast that key brings stays."""
    app = build_app(str(with_a_broken_lesson(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        said = [m for m in toasts(app) if "could not be read" in m]
        assert len(said) == 1 and "broken.md line 2" in said[0], toasts(app)
        await pilot.press("x")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuizScreen"
        assert toasts(app) == []
        await pilot.pause(0.1)
        assert not app.screen.query("Toast")  # none drawn over the choices
        await pilot.press("escape")
        await settle(pilot)
        assert not any("could not be read" in m for m in toasts(app)), toasts(app)  # not said again


async def test_the_key_that_takes_the_course_s_errors_away_still_does_its_work(tmp_path):
    app = build_app(str(with_a_broken_lesson(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        assert app.lesson_screen.view.scroll_y > 0
        assert not any("could not be read" in m for m in toasts(app)), toasts(app)
        app.notify("1 lesson file could not be read", title="Course", severity="warning", until_key=True)
        await pilot.press("n")  # on the last section: its own toast comes, the other goes
        await pilot.pause()
        assert [m for m in toasts(app) if "last section" in m or "could not be read" in m] == \
            ["This is the last section. ] opens the next lesson."], toasts(app)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_lesson_list_says_which_lessons_were_left_out_with_its_keys_in_view(tmp_path, size):
    """At 60x20 the note pushed the key hints out of the dialog (the list kept 40vh, the
    hints wrapped to two lines): now the list gives up more room there."""
    app = build_app(str(with_a_broken_lesson(tmp_path)), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        note = app.screen.query_one("#lessons-note")
        said = str(note.render())
        assert "1 lesson file could not be read and is left out: broken.md line 2." in said
        assert f"alignlearn check {tmp_path / 'course'}" in said
        dialog, hint = app.screen.query_one(".dialog"), app.screen.query_one(".dialog-hint")
        assert note.region.bottom <= hint.region.y and hint.region.bottom <= dialog.region.bottom - 1
        assert "escape" in str(hint.render())
        shown = [hint.render_line(y).text for y in range(hint.size.height)]
        assert any("escape" in line and "back" in line for line in shown), shown  # painted, not cut off
        lines = [note.render_line(y).text.rstrip() for y in range(note.size.height)]
        assert lines[-1].endswith("lists every problem."), lines  # the note whole


async def test_a_course_that_reads_whole_has_no_note_under_its_lessons(tmp_path):
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert not app.screen.query("#lessons-note")


async def test_a_folder_lesson_shown_with_errors_is_not_counted_as_left_out(tmp_path):
    """A folder of Markdown with a file that is not UTF-8 (left out) and one whose YAML front
    matter has a bad key (listed, its bad key dropped): the reader said "2 lesson files could
    not be read and are left out" while the second was there in the list."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    (folder / "b.md").write_text("---\ntitle: B\nminutes: five\n---\n\n# B\n\nText.\n", encoding="utf-8")
    (folder / "c.md").write_bytes(b"# C\n\nCaf\xe9.\n")
    app = build_app(str(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert [info.id for info in app.course.lessons] == ["a", "b"]
        said = [m for m in toasts(app) if "lesson file" in m]
        assert len(said) == 1 and said[0].startswith("1 lesson file could not be read and is left out: c.md line 3:"), said
        await pilot.press("l")
        await pilot.pause()
        note = str(app.screen.query_one("#lessons-note").render())
        assert "1 lesson file could not be read and is left out: c.md line 3." in note, note

    (folder / "c.md").write_text("# C\n\nCafe.\n", encoding="utf-8")  # only the listed lesson's error now
    app = build_app(str(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        said = [m for m in toasts(app) if "lesson file" in m]
        assert said == [f"1 lesson file has errors: b.md line 3: 'minutes' must be a whole number of minutes, "
                        f"not a string. alignlearn check {folder} lists every problem."], said
