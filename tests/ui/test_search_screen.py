"""The search dialog's results: the matched words stand out, in a snippet that holds one."""

from __future__ import annotations

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
