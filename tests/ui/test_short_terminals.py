"""Dialogs in a terminal under 20 rows: their key hints stay in view and their list (or
text) takes the room left, still usable from the keyboard; the quiz keeps the choice
picked in view.

Laid out one under another, the lesson list's title, head, list (55vh, at most 16 rows)
and hints did not fit in the dialog's 90% below 18 rows: the hints were the first thing
cut, and the list ran on under the dialog's border, where the highlighted lesson could
be out of sight. The search's hints went the same way at 12 rows."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from alignlearn.ui.app import build_app
from alignlearn.ui.screens import quiz_texts
from alignlearn.ui.screens.lesson_list import LessonListScreen
from alignlearn.ui.screens.quiz import QuizScreen
from alignlearn.ui.screens.search import SearchScreen
from alignlearn.ui.screens.tutor import QuestionInput, TutorScreen
from alignlearn.ui.widgets.entry_list import EntryList
from pilot import SEED, copy_course, inside_dialog, settle

SHORT = [(80, 18), (80, 16), (80, 12), (60, 14)]


def squeezed(rows: list[str]) -> str:
    """The rows with no whitespace: a title wraps over lines."""
    return "".join("".join(row.split()) for row in rows)


def entry_in_sight(app, listing: EntryList, entry_id: str) -> bool:
    """Whether every line of the entry, as the list paints it, is on the screen."""
    rows = inside_dialog(app)
    return all(any(line.strip() in row for row in rows) for line in listing.text_of(entry_id).splitlines())


def dialog_holds(app, widget) -> bool:
    """Whether the widget lies inside the dialog's border, none of it cut off."""
    return bool(widget.region.height) and app.screen.query_one(".dialog").content_region.contains_region(widget.region)


def hints_in_view(app) -> str:
    """The dialog's key hints as painted, having checked they lie inside its border."""
    dialog, hint = app.screen.query_one(".dialog"), app.screen.query_one(".dialog-hint")
    assert dialog_holds(app, hint), (hint.region, dialog.region)
    return "\n".join(inside_dialog(app)[hint.content_region.y - dialog.content_region.y:])


@pytest.mark.parametrize("size", SHORT, ids=lambda size: "x".join(map(str, size)))
async def test_the_lesson_list_keeps_its_hints_and_enter_opens_the_lesson_highlighted(tmp_path, size):
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonListScreen)
        hints = hints_in_view(app)
        assert "enter  open" in hints and "escape  back" in hints, hints
        listing = screen.query_one("#lessons", EntryList)
        hint = screen.query_one(".dialog-hint")
        assert app.focused is listing
        # the list has rows of its own, all above the hints: none under them or the border
        assert listing.region.height >= 4 and listing.region.bottom <= hint.region.y, (listing.region, hint.region)
        await pilot.press("down", "down", "down")
        await pilot.pause()
        chosen = listing.highlighted
        assert chosen is not None and chosen.id == screen.lessons[3].id
        assert entry_in_sight(app, listing, chosen.id), inside_dialog(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.lesson_screen
        assert app.lesson_screen.lesson_id == chosen.id


@pytest.mark.parametrize("size", [(80, 12), (60, 14)], ids=lambda size: "x".join(map(str, size)))
async def test_the_last_lesson_can_be_reached_and_seen_whole_and_escape_goes_back(tmp_path, size):
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        listing = app.screen.query_one("#lessons", EntryList)
        await pilot.press("end")
        await pilot.pause()
        last = app.screen.lessons[-1]
        assert listing.highlighted is not None and listing.highlighted.id == last.id
        assert entry_in_sight(app, listing, last.id), inside_dialog(app)
        assert "escape  back" in hints_in_view(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.lesson_screen and app.lesson_screen.lesson_id == SEED


async def test_at_12_rows_the_note_of_lessons_left_out_leaves_the_list_and_the_hints_room(tmp_path):
    course = copy_course(tmp_path)
    (course / "broken.md").write_text('+++\nid = "broken\ntitle = "B"\n+++\n\nText.\n', encoding="utf-8")
    app = build_app(str(course), lesson=SEED)
    async with app.run_test(size=(80, 12)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        note, listing = screen.query_one("#lessons-note"), screen.query_one("#lessons", EntryList)
        assert "escape  back" in hints_in_view(app)
        assert "1 lesson file could not be read" in "\n".join(inside_dialog(app))
        assert listing.region.height >= 2 and listing.region.bottom <= note.region.y
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.lesson_screen.lesson_id == screen.lessons[1].id


@pytest.mark.parametrize("size", SHORT, ids=lambda size: "x".join(map(str, size)))
async def test_the_search_keeps_its_hints_and_a_result_in_view(tmp_path, size):
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"reward")
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.screen.results:
                break
        results = app.screen.results
        assert results
        hints = hints_in_view(app)
        assert "enter  open" in hints and "escape  back" in hints, hints
        assert app.focused is app.screen.query_one("#query")
        await pilot.press("down", "down")
        await pilot.pause()
        highlighted = app.screen.query_one(OptionList).highlighted
        assert highlighted is not None and highlighted > 0
        chosen = results[highlighted]
        assert squeezed(chosen.title)[:20] in squeezed(inside_dialog(app)), inside_dialog(app)  # in sight
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.lesson_screen and app.lesson_screen.lesson_id == chosen.lesson


@pytest.mark.parametrize("size", [(80, 12), (60, 14)], ids=lambda size: "x".join(map(str, size)))
async def test_the_about_dialog_keeps_its_hint(tmp_path, size):
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert "escape  back" in hints_in_view(app)


async def test_at_12_rows_the_tutor_gives_the_answer_the_room_and_keeps_its_keys(tmp_path):
    """The tutor's keys were in view, but its answer had 2 rows at 80x12: a blank line over
    the conversation and the question box's border took the rest."""
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson=SEED)
    async with app.run_test(size=(80, 12)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TutorScreen)
        await pilot.press(*"what is RLHF?", "enter")
        for _ in range(200):
            await app.workers.wait_for_complete()
            await pilot.pause()
            conversation = screen.conversation
            if conversation.tutor is not None and not conversation.waiting and screen.conversation_view.entries:
                break
        view, keys = screen.conversation_view, screen.query_one("#tutor-keys")
        assert view.scrollable_content_region.height >= 5, view.region
        rows = inside_dialog(app)
        assert "\u203a what is RLHF?" in "\n".join(rows)  # the question and its answer under it
        assert dialog_holds(app, keys) and "Ask" in rows[keys.region.y - screen.query_one(".dialog").content_region.y]
        assert isinstance(app.focused, QuestionInput)


@pytest.mark.parametrize("size", [(80, 12), (60, 14)], ids=lambda size: "x".join(map(str, size)))
async def test_in_the_quiz_the_choice_picked_is_in_view_and_the_keys_stay(tmp_path, size):
    """The quiz's keys were in view at every size, but picking a choice took the page back to
    the top: below the prompt, the choice just picked (or scrolled down to) was out of sight."""
    app = build_app(str(copy_course(tmp_path)), lesson=SEED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        body, choices = screen.query_one("#quiz-body"), screen.query_one("#quiz-choices")
        assert body.max_scroll_y > 0  # the choices do not all fit: the case in question
        count = len(screen.session.options())

        def picked_in_view(number: int) -> bool:
            lines = [choices.render_line(y).text for y in range(choices.size.height)]
            first, height = quiz_texts.choice_rows(lines, number)
            assert lines[first].startswith(("(\u2022)", "[x]")), lines[first]  # marked as picked
            rows = inside_dialog(app)
            return all(any(line.strip() in row for row in rows) for line in lines[first:first + height])

        for number in (count, 1, count - 1):
            await pilot.press(str(number))
            await pilot.pause()
            await pilot.pause()
            assert picked_in_view(number), inside_dialog(app)
            keys = screen.query_one("#quiz-keys")
            assert dialog_holds(app, keys) and "Submit" in inside_dialog(app)[-1]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.shown is not None  # graded: the verdict is shown


def test_choice_rows_finds_a_choice_and_the_lines_it_wraps_over():
    lines = ["( ) 1   One", "(\u2022) 2   Two, wrapped", "        over two lines", "( ) 3   (x) 4 is", "        text", ""]
    assert quiz_texts.choice_rows(lines, 1) == (0, 1)
    assert quiz_texts.choice_rows(lines, 2) == (1, 2)
    assert quiz_texts.choice_rows(lines, 3) == (3, 2)
    assert quiz_texts.choice_rows(lines, 4) is None
    assert quiz_texts.choice_rows(["[x] 1   A", "[ ] 2   B"], 2) == (1, 1)
