"""The search dialog's results: the matched words stand out, in a snippet that holds one."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from alignlearn.ui.app import build_app
from alignlearn.ui.screens.search import SearchScreen
from pilot import copy_course, settle


async def results_for(pilot, query: str):
    app = pilot.app
    await pilot.press("slash")
    await pilot.pause()
    assert isinstance(app.screen, SearchScreen)
    await pilot.press(*query)
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.screen.results:
            break
    return app.screen.results


async def test_search_results_show_and_mark_the_matched_words(tmp_path):
    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        results = await results_for(pilot, "reward hack")
        assert results
        options = app.screen.query_one(OptionList)
        for number, result in enumerate(results):
            prompt = options.get_option_at_index(number).prompt
            marked = [prompt.plain[span.start:span.end].casefold() for span in prompt.spans
                      if "underline" in str(span.style)]
            assert marked, (result.title, result.snippet)
            assert all(word == "reward" or word.startswith("hack") for word in marked), marked
            snippet = result.snippet.casefold()
            assert "reward" in snippet or "hack" in snippet, result.snippet


# Issue 21, item 7: a hit in a lesson's key terms opens the lesson at its key terms.

KEY_TERM_WORD = "labeller"  # only in the definition of RLAIF, a key term of the seed lesson
SEED = "alignment-technical-problem"


async def test_a_key_term_hit_opens_the_lesson_at_its_key_terms(tmp_path):
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson="interpretability")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        results = await results_for(pilot, KEY_TERM_WORD)
        assert len(results) == 1 and results[0].lesson == SEED
        assert results[0].title.endswith("Key terms") and KEY_TERM_WORD in results[0].snippet
        await pilot.press("enter")
        await settle(pilot)
        screen = app.lesson_screen
        assert app.screen is screen and screen.lesson_id == SEED
        view = screen.view
        terms = next(line for line, anchor in view.page.anchors if anchor.kind == "terms")
        assert terms > view.scrollable_content_region.height  # far from the top
        top = round(view.scroll_y)
        assert top <= terms < top + view.scrollable_content_region.height  # the key terms are in view
        shown = [view.render_line(y).text for y in range(view.scrollable_content_region.height)]
        assert any(line.strip() == "Key terms" for line in shown)
        assert any(line.strip().startswith("RLAIF:") for line in shown)
        await pilot.press("backspace")  # back to where the learner was
        await settle(pilot)
        assert screen.lesson_id == "interpretability"


async def test_a_section_hit_still_opens_at_its_section(tmp_path):
    app = build_app(str(copy_course(tmp_path, quizzes=False)), lesson="interpretability")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        results = await results_for(pilot, "coastrunners")
        first = results[0]
        assert first.at is None and first.section
        await pilot.press("enter")
        await settle(pilot)
        assert app.lesson_screen.lesson_id == first.lesson and app.lesson_screen.section == first.section


# New-user walkthrough at 80x24: the hits ran under the dialog's border (the last ones
# could not be seen) and under its scrollbar, and nothing said which keys move and open.

def dialog_text(app) -> str:
    """What the dialog's inside shows, whitespace removed (a hit wraps over lines)."""
    inside = app.screen.query_one(".dialog").content_region
    rows = app.screen._compositor.render_strips()[inside.y:inside.bottom]
    return "".join("".join(row.text[inside.x:inside.right].split()) for row in rows)


@pytest.mark.parametrize("query", ["mesa optimiser", "reward"])
async def test_every_hit_can_be_seen_whole_in_the_search_dialog(tmp_path, query):
    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        results = await results_for(pilot, query)
        assert results
        for number, result in enumerate(results[:6]):
            app.screen.query_one(OptionList).highlighted = number
            await pilot.pause()
            await pilot.pause()
            shown = dialog_text(app)
            assert "".join(result.title.split()) in shown, (number, result.title)
        shown = dialog_text(app)
        assert "enteropen" in shown and "escapeback" in shown and "move" in shown


async def test_letters_typed_in_the_results_go_to_the_words(tmp_path):
    """After Tab to the results, typed letters were dropped without a sign (q closed the dialog)."""
    from textual.widgets import Input

    app = build_app(str(copy_course(tmp_path, quizzes=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert await results_for(pilot, "reward")
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.query_one(OptionList).has_focus
        await pilot.press("space", "h", "a", "c", "k")
        await pilot.pause()
        box = app.screen.query_one(Input)
        assert box.has_focus and box.value == "reward hack"
        await pilot.press("tab", "q")  # q in the results still closes, as in every dialog
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
