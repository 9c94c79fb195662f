"""``alignlearn preview``: the lesson reloads when its file changes, at the same place;
errors show over the last good rendering; ``a`` shows the answers and the warnings.

Pilot tests run on a copy of the bundled course, built by ``build_preview`` (what the
command line runs), with a short poll so they do not wait; one test keeps the default
poll and checks the half-second promise. Pure tests cover the watch and ``follow``.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from rich.console import Console

from alignlearn import paths
from alignlearn.course import load_lesson, open_course
from alignlearn.cache import parsed_lessons as lesson_cache
from alignlearn.cache import disk as cache
from alignlearn.authoring.watch import LessonWatch, follow, matching_section
from alignlearn.ui.preview_app import PreviewApp, build_preview
from alignlearn.ui.screens.preview import POLL, PreviewScreen, ProblemsPanel
from alignlearn.ui.widgets.lesson_view import MARGIN
from alignlearn.ui.screens.answers import AnswersScreen
from pilot import settle
from preview_pilot import reloaded, reloads  # noqa: F401  (a fixture)

SEED = "alignment-technical-problem"
FAST = 0.02  # seconds between looks in the pilot tests


@pytest.fixture
def lesson_file(tmp_path) -> Path:
    target = tmp_path / "course"
    shutil.copytree(paths.bundled_course(), target)
    return target / f"{SEED}.md"


def shown(app: PreviewApp) -> str:
    view = app.lesson_screen.view
    return "\n".join(view.render_line(y).text for y in range(view.scrollable_content_region.height))


def painted(app: PreviewApp) -> str:
    """Every line of the lesson as painted, scrolling through it (then back where it was)."""
    view = app.lesson_screen.view
    height, was = view.scrollable_content_region.height, view.scroll_y
    lines = []
    for top in range(0, max(1, len(view.page.lines)), height):
        view.scroll_to(y=top, animate=False, immediate=True)
        lines += [view.render_line(y).text[MARGIN:].rstrip() for y in range(height)]
    view.scroll_to(y=was, animate=False, immediate=True)
    return "\n".join(lines)


def panel_text(app: PreviewApp) -> str:
    panel = app.lesson_screen.query_one(ProblemsPanel)
    if not panel.display:
        return ""
    return text_of(panel.query_one("#problems-text").content)


def text_of(renderable) -> str:
    """As a terminal without colour would show it, wide enough not to wrap."""
    console = Console(width=400, color_system=None)
    with console.capture() as capture:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in capture.get().splitlines())


def replace_in(file: Path, old: str, new: str, *, rename: bool = False) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    if rename:  # as most editors save: a new file, renamed over the old one
        temp = file.with_name(file.name + ".swp")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, file)
    else:
        with open(file, "r+", encoding="utf-8") as handle:
            handle.write(text)
            handle.truncate()


async def open_at_section(pilot, number: int) -> None:
    screen = pilot.app.lesson_screen
    for _ in range(number):
        await pilot.press("n")
    await pilot.pause()
    assert screen.section == number


# --- pilot tests ---------------------------------------------------------------------


@pytest.mark.parametrize("rename", [False, True], ids=["in place", "temp file renamed over it"])
async def test_a_save_shows_the_new_text_at_the_same_section(lesson_file, rename, reloads):
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        assert isinstance(screen, PreviewScreen)
        await open_at_section(pilot, 3)  # How alignment is done in practice
        top = screen.view.source_line
        assert "How alignment is done in practice" in shown(app)
        # A paragraph added above, and a change inside the section in view.
        replace_in(lesson_file, "## Why you cannot simply write down the goal\n",
                   "## Why you cannot simply write down the goal\n\nA NEW PARAGRAPH ABOVE.\n", rename=rename)
        replace_in(lesson_file, "## How alignment is done in practice\n",
                   "## How alignment is done in practice\n\nFRESHLY WRITTEN TEXT.\n", rename=rename)
        await reloaded(pilot, reloads, 1)
        assert reloads[-1].lesson is not None
        assert screen.section == 3
        assert screen.view.source_line == top + 2  # the same line, moved down by the paragraph above
        assert "How alignment is done in practice" in shown(app)
        assert "FRESHLY WRITTEN TEXT." in shown(app)
        assert "A NEW PARAGRAPH ABOVE." in painted(app)
        assert not panel_text(app)
        assert app.lesson_screen is screen and app.is_running


async def test_the_line_within_the_section_is_kept(lesson_file, reloads):
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        await open_at_section(pilot, 4)
        await pilot.press("j", "j", "j", "j", "j")
        before = shown(app).splitlines()
        top, y = screen.view.source_line, screen.view.scroll_y
        replace_in(lesson_file, "## Open problems", "## Open problems, still")  # below the view
        await reloaded(pilot, reloads, 1)
        assert (screen.view.source_line, screen.view.scroll_y) == (top, y)
        assert shown(app).splitlines()[:5] == before[:5]


async def test_a_renamed_section_is_followed(lesson_file, reloads):
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        await open_at_section(pilot, 4)  # Constitutional AI
        replace_in(lesson_file, "## Constitutional AI\n", "## Constitutional AI, renamed\n", rename=True)
        await reloaded(pilot, reloads, 1)
        assert screen.section == 4
        assert screen.current_section.title == "Constitutional AI, renamed"
        assert "Constitutional AI, renamed" in shown(app)


async def test_a_removed_section_goes_to_the_nearest(lesson_file, reloads):
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        await open_at_section(pilot, 4)  # Constitutional AI: its heading removed, its text joins section 3
        replace_in(lesson_file, "## Constitutional AI\n", "\n")
        await reloaded(pilot, reloads, 1)
        assert screen.current_section.title == "Open problems"  # what took its place
        assert "Open problems" in shown(app)


async def test_errors_show_over_the_last_good_text_and_go_on_a_good_save(lesson_file, reloads):
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        await open_at_section(pilot, 2)
        good = shown(app)
        top = screen.view.source_line
        replace_in(lesson_file, 'title = "AI Alignment', 'title = = "AI Alignment')  # bad TOML on line 3
        await reloaded(pilot, reloads, 1)
        assert reloads[-1].lesson is None
        errors = panel_text(app)
        assert f"{lesson_file}:3:" in errors and ": error: " in errors
        assert "last good version" in errors
        assert screen.lesson is not None and screen.view.source_line == top
        visible = screen.view.scrollable_content_region.height
        assert shown(app).splitlines()[:visible // 2] == good.splitlines()[:visible // 2]  # still on screen
        replace_in(lesson_file, 'title = = "AI Alignment', 'title = "AI Alignment')
        await reloaded(pilot, reloads, 2)
        assert reloads[-1].lesson is not None
        assert panel_text(app) == ""
        assert screen.section == 2 and screen.view.source_line == top


async def test_a_file_that_fails_at_first_recovers_on_a_good_save(lesson_file, reloads):
    text = lesson_file.read_text(encoding="utf-8")
    lesson_file.write_text(text.replace('id = "', 'id = = "', 1), encoding="utf-8")
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        assert screen.lesson is None
        assert f"{lesson_file.name}:2:" in "".join(line.strip() for line in painted(app).splitlines())  # wraps indented
        lesson_file.write_text(text, encoding="utf-8")
        await reloaded(pilot, reloads, 1)
        assert screen.lesson is not None and screen.lesson_id == SEED
        assert "The core problem in one sentence" in painted(app)
        assert app.course.info(SEED) is not None
        header = screen.query_one("#header").render_line(1).text
        assert "AI Alignment" in header


async def test_a_quiz_change_reloads_and_a_bad_question_is_shown(lesson_file, reloads):
    quiz = lesson_file.with_name(f"{SEED}.quiz.toml")
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        questions = len(app.lesson_screen.lesson.quiz.questions)
        replace_in(quiz, 'kind = "single"', 'kind = "singel"', rename=True)
        await reloaded(pilot, reloads, 1)
        screen = app.lesson_screen
        assert len(screen.lesson.quiz.questions) == questions - 1
        errors = panel_text(app)
        line = quiz.read_text(encoding="utf-8").split("\n").index('kind = "singel"') + 1
        assert f"{quiz}:{line}:" in errors and "unknown kind 'singel'" in errors
        assert "shown as saved, without what has errors" in errors
        replace_in(quiz, '[[questions]]', '[[questions]', rename=True)  # the whole quiz unreadable
        await reloaded(pilot, reloads, 2)
        assert screen.lesson.quiz is None and "without its quiz until the quiz file is fixed" in panel_text(app)
        fixed = quiz.read_text(encoding="utf-8").replace("[[questions]\n", "[[questions]]\n", 1)
        temp = quiz.with_name("quiz.tmp")
        temp.write_text(fixed.replace('kind = "singel"', 'kind = "single"', 1), encoding="utf-8")
        os.replace(temp, quiz)  # both fixed in one save
        await reloaded(pilot, reloads, 3)
        assert len(screen.lesson.quiz.questions) == questions and panel_text(app) == ""


async def test_the_file_gone_for_a_moment_keeps_the_view(lesson_file, reloads):
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        await open_at_section(pilot, 2)
        before = shown(app)
        aside = lesson_file.with_name("backup~")
        os.rename(lesson_file, aside)  # as an editor that moves the old file aside first
        await pilot.pause(0.2)
        assert shown(app) == before and not panel_text(app) and not reloads
        text = aside.read_text(encoding="utf-8").replace("## Why you cannot simply write down the goal\n",
                                                          "## Why you cannot simply write down the goal\n\nBACK AGAIN.\n")
        lesson_file.write_text(text, encoding="utf-8")
        await reloaded(pilot, reloads, 1)
        assert screen.section == 2 and "BACK AGAIN." in shown(app)


async def test_a_file_gone_for_good_is_said_and_its_return_clears_it(lesson_file, reloads, monkeypatch):
    from alignlearn.ui.screens import preview

    monkeypatch.setattr(preview, "GONE", 0.1)
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = shown(app)
        text = lesson_file.read_text(encoding="utf-8")
        lesson_file.unlink()
        for _ in range(100):
            await pilot.pause(0.02)
            if panel_text(app):
                break
        assert "the lesson file is gone" in panel_text(app) and f"{lesson_file}:1:1: error:" in panel_text(app)
        assert shown(app).splitlines()[:3] == before.splitlines()[:3]
        lesson_file.write_text(text, encoding="utf-8")
        await reloaded(pilot, reloads, 1)
        assert panel_text(app) == "" and app.lesson_screen.lesson is not None


def test_preview_needs_a_lesson_file(lesson_file, capsys):
    from alignlearn.ui.preview_app import run_preview

    assert run_preview(str(lesson_file.parent)) == 1
    assert f"{lesson_file.parent} is a folder, not a lesson" in capsys.readouterr().err
    assert run_preview(str(lesson_file.with_name("nothing.md"))) == 1
    assert "no such file" in capsys.readouterr().err


async def test_a_quiz_file_named_previews_its_lesson(lesson_file):
    app = build_preview(str(lesson_file.with_name(f"{SEED}.quiz.toml")), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.lesson_screen.lesson_id == SEED


async def test_a_new_title_shows_in_the_header_and_a_new_id_reopens_the_course(lesson_file, reloads):
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        await open_at_section(pilot, 2)
        replace_in(lesson_file, 'title = "AI Alignment: The Actual', 'title = "Retitled: The Actual')
        await reloaded(pilot, reloads, 1)
        assert "Retitled: The Actual" in screen.query_one("#header").render_line(1).text
        assert app.course.info(SEED).title.startswith("Retitled")
        replace_in(lesson_file, f'id = "{SEED}"', 'id = "a-new-id"')
        await reloaded(pilot, reloads, 2)
        assert screen.lesson_id == "a-new-id" and app.course.info("a-new-id") is not None
        assert screen.section == 2 and "Why you cannot simply write down the goal" in shown(app)


async def test_answers_key_shows_the_quiz_marked_and_the_warnings(lesson_file, reloads):
    text = lesson_file.read_text(encoding="utf-8")
    lesson_file.write_text(text.replace("## Open problems\n", "## An empty section\n\n## Open problems\n"),
                           encoding="utf-8")
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnswersScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        sheet = text_of(app.screen.query_one("#answers").content)
        first = app.lesson_screen.lesson.quiz.questions[0]
        assert first.prompt in sheet
        assert f"\u2713 {first.answer}  \u2190 answer" in sheet
        assert "\u2713 False  \u2190 answer" in sheet  # q2, a true/false question
        wrong = next(c for c in first.choices if c != first.answer)
        assert f"\u2713 {wrong}" not in sheet and wrong in sheet
        warnings = text_of(app.screen.query_one("#warnings").content)
        assert "section 'An empty section' has no text" in warnings and ": warning: " in warnings
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)


async def test_the_default_poll_reloads_within_half_a_second(lesson_file, reloads):
    assert POLL <= 0.25
    app = build_preview(str(lesson_file))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        replace_in(lesson_file, "## Open problems", "## Open problems today")
        saved = time.monotonic()
        await reloaded(pilot, reloads, 1)
        assert time.monotonic() - saved < 0.5 + 0.3  # the promise, and slack for a busy test machine
        assert "Open problems today" in painted(app)


async def test_the_readers_own_reload_keeps_the_section_too(lesson_file):
    from alignlearn.ui.app import build_app

    app = build_app(str(lesson_file))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.lesson_screen
        await open_at_section(pilot, 4)
        replace_in(lesson_file, "## Constitutional AI\n", "## Constitutional AI, renamed\n")
        replace_in(lesson_file, "## The core problem in one sentence\n",
                   "## The core problem in one sentence\n\nOne.\n\nTwo.\n\nThree.\n")
        old = screen.lesson
        screen.reload()
        for _ in range(100):
            await settle(pilot)
            if screen.lesson is not old:
                break
        assert screen.section == 4 and screen.current_section.title == "Constitutional AI, renamed"
        assert "Constitutional AI, renamed" in shown(app).splitlines()[0]


# --- the watch, the place and the cache ----------------------------------------------


def test_the_watch_sees_in_place_writes_renames_and_quiz_changes(tmp_path):
    lesson = tmp_path / "a.md"
    lesson.write_text("one", encoding="utf-8")
    watch = LessonWatch(lesson)
    assert not watch.changed()
    lesson.write_text("two", encoding="utf-8")  # same size, likely the same clock tick: the digest tells
    assert watch.changed() and not watch.changed()
    temp = tmp_path / "a.md.tmp"
    temp.write_text("two", encoding="utf-8")
    os.replace(temp, lesson)  # the same content, a new inode
    assert watch.changed()
    quiz = tmp_path / "a.quiz.toml"
    quiz.write_text("[[questions]]", encoding="utf-8")
    assert watch.changed() and not watch.changed()
    lesson.unlink()
    assert watch.changed() and watch.missing and not watch.changed()
    lesson.write_text("back", encoding="utf-8")
    assert watch.changed() and not watch.missing


def test_the_watch_compares_content_only_while_the_stamp_is_too_recent(tmp_path, monkeypatch):
    from alignlearn.authoring import watch as watch_module

    lesson = tmp_path / "a.md"
    lesson.write_text("one", encoding="utf-8")
    # A file system whose clock did not move between two saves of the same size, in place.
    monkeypatch.setattr(watch_module, "stamp_of", lambda path: (1_000, 3, 7, 1_000) if path == lesson else None)
    now = [1_000 + 5]
    watch = LessonWatch(lesson, clock=lambda: now[0])
    assert watch.seen.digests[0] is not None  # written just now: its stamp alone is not trusted
    lesson.write_text("two", encoding="utf-8")
    assert watch.changed() and not watch.changed()  # the same stamp, but not the same text
    now[0] = 1_000 + cache.RACY_NS + 1  # later: a further save would move the mtime
    assert not watch.changed() and watch.seen.digests[0] is None
    lesson.write_text("six", encoding="utf-8")
    assert not watch.changed()  # the stamp decides now (here it is faked, so nothing is seen)


SECTIONS = "+++\nid = \"x\"\ntitle = \"X\"\n+++\n\nIntro.\n\n## One\n\nA.\n\nB.\n\n## Two\n\nC.\n\nD.\n\n## Three\n\nE.\n"


def lesson_of(tmp_path: Path, text: str, name: str):
    file = tmp_path / name
    file.write_text(text, encoding="utf-8")
    return load_lesson(file)


@pytest.mark.parametrize("change, line, expected", [
    (lambda t: t, 18, 18),  # unchanged: D. of Two
    (lambda t: t.replace("Intro.\n", "Intro.\n\nMore.\n\nAnd more.\n"), 18, 22),  # lines added above
    (lambda t: t.replace("## Two", "## Two, renamed"), 18, 18),  # renamed: the same line of it
    (lambda t: t.replace("## Two\n", "## Zwei\n").replace("## One\n", "## Eins\n"), 18, 18),  # both renamed
    (lambda t: t.replace("## One\n", "## Eins\n") + "\n## Four\n\nF.\n", 12, 12),  # renamed, one added
    (lambda t: t.replace("## Two\n\nC.\n\nD.\n\n", ""), 18, 14),  # removed: the start of the one in its place
    (lambda t: t.replace("## Three\n\nE.\n", ""), 22, 14),  # the last removed: the start of the one before
    (lambda t: t.replace("C.\n\nD.\n", "C.\n"), 18, 17),  # the section got shorter: its last line
    (lambda t: t, 6, 6),  # the introduction
    (lambda t: t.replace("Intro.\n\n", ""), 6, 5),  # the introduction gone: before the first section
])
def test_follow_keeps_the_section_and_the_line(tmp_path, change, line, expected):
    old = lesson_of(tmp_path, SECTIONS, "old.md")
    new = lesson_of(tmp_path, change(SECTIONS), "new.md")
    assert follow(old, new, line) == expected


def test_matching_section_by_key_then_by_place(tmp_path):
    old = lesson_of(tmp_path, SECTIONS, "old.md")
    new = lesson_of(tmp_path, SECTIONS.replace("## One\n\nA.\n\nB.\n\n", "") + "\n## Four\n\nF.\n", "new.md")
    section, same = matching_section(old, new, old.sections[1])
    assert (section.title, same) == ("Two", True)
    section, same = matching_section(old, new, old.sections[0])  # One removed: what is first now
    assert (section.title, same) == ("Two", False)
    renamed = lesson_of(tmp_path, SECTIONS.replace("## One", "## Eins").replace("## Three\n\nE.\n", ""), "r.md")
    section, same = matching_section(old, renamed, old.sections[0])
    assert (section.title, same) == ("Eins", True)  # after no earlier section, with a new title: renamed


def test_a_same_size_edit_at_the_same_mtime_is_not_served_from_the_lesson_cache(lesson_file):
    then = time.time() - 60
    os.utime(lesson_file, (then, then))
    course = open_course(lesson_file.parent)
    lesson_cache.read(course, SEED)
    assert lesson_cache.load(lesson_file) is not None
    stamp = os.stat(lesson_file)
    text = lesson_file.read_text(encoding="utf-8")
    lesson_file.write_text(text.replace("## Open problems", "## Open problemZ"), encoding="utf-8")
    os.utime(lesson_file, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert os.stat(lesson_file).st_size == stamp.st_size and os.stat(lesson_file).st_mtime_ns == stamp.st_mtime_ns
    assert lesson_cache.load(lesson_file) is None  # the ctime moved: parsed again
    assert lesson_cache.read(course, SEED).section("Open problemZ") is not None


def test_the_watch_is_core_and_never_imports_textual():
    import subprocess
    import sys

    code = "import sys, alignlearn.authoring.watch; assert not [m for m in sys.modules if m.startswith('textual')]"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("which", ["quiz", "lesson"])
async def test_a_named_pipe_in_place_of_the_quiz_or_lesson_is_a_problem_and_q_quits(lesson_file, reloads, which):
    """Issue 15: the watch opened a FIFO with a plain open() to compare its content, on
    the app's thread, and waited for a writer for good; ``q`` did nothing."""
    import threading

    target = lesson_file.with_name(f"{SEED}.quiz.toml") if which == "quiz" else lesson_file
    app = build_preview(str(lesson_file), poll=FAST)
    # Were the preview to block on the pipe, this writer would free each open of it
    # after a while, so that the test fails on the time it took rather than hanging.
    rescue = threading.Event()

    def free_it() -> None:
        if rescue.wait(8):
            return
        while not rescue.wait(0.01):
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:  # nobody is opening it to read
                pass

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = shown(app)
        started = time.monotonic()
        target.unlink()
        os.mkfifo(target)
        threading.Thread(target=free_it, daemon=True).start()
        try:
            await reloaded(pilot, reloads, 1, timeout=15)
            assert time.monotonic() - started < 5, "the preview blocked on the named pipe"
            assert f"{target}:1:1: error: not a regular file" in panel_text(app)
            if which == "quiz":
                assert app.lesson_screen.lesson.quiz is None
            assert shown(app).splitlines()[:3] == before.splitlines()[:3]
            await pilot.pause(0.3)  # more looks at the pipe: none may block
            await pilot.press("q")
            await pilot.pause(0.2)
            assert app.return_code == 0
        finally:
            rescue.set()


async def test_a_quiz_saved_while_it_is_taken_opens_again_as_saved(lesson_file, reloads):
    """An author taking the quiz in the preview edits it: the open quiz is the saved one, never
    the old one, which could score a question the file no longer has; answers to the questions
    still asked are offered back."""
    from alignlearn.ui.screens.quiz import QuizScreen

    quiz = lesson_file.with_name(f"{SEED}.quiz.toml")
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x", "1", "enter", "enter")  # q1 answered, on to q2
        await settle(pilot)
        old = app.screen
        assert isinstance(old, QuizScreen) and list(old.session.answers) == ["q1"]
        replace_in(quiz, 'prompt = "If a model passes', 'prompt = "Suppose a model passes', rename=True)
        await reloaded(pilot, reloads, 1)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen is not old
        assert screen.quiz is app.lesson_screen.lesson.quiz
        assert screen.offer is not None and list(screen.offer) == ["q1"]  # offered back
        await pilot.press("enter")  # resume
        await settle(pilot)
        assert screen.session.question.prompt.startswith("Suppose a model passes")
        replace_in(quiz, 'id = "q1"', 'id = "q1-renamed"', rename=True)  # the answered question gone
        await reloaded(pilot, reloads, 2)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.offer is None
        assert "q1" not in screen.session.order and "q1-renamed" in screen.session.order
        assert len(app.screen_stack) == 2  # the preview and one quiz


async def test_a_quiz_left_to_read_a_section_comes_back_as_saved(lesson_file, reloads):
    from alignlearn.ui.screens.quiz import QuizScreen

    quiz = lesson_file.with_name(f"{SEED}.quiz.toml")
    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x", "1", "enter", "enter", "1", "enter")  # q2 (false) answered True: wrong
        await settle(pilot)
        assert app.screen.session.shown is not None and not app.screen.session.shown.correct
        await pilot.press("s")  # read the section; the sitting waits
        await settle(pilot)
        assert app.screen is app.lesson_screen
        replace_in(quiz, 'id = "q2"', 'id = "q2-renamed"', rename=True)
        await reloaded(pilot, reloads, 1)
        await pilot.press("x")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.quiz is app.lesson_screen.lesson.quiz
        assert screen.offer is not None and list(screen.offer) == ["q1"]  # q2's answer went with q2


async def test_a_lesson_saved_while_its_quiz_is_taken_leaves_the_quiz_alone(lesson_file, reloads):
    from alignlearn.ui.screens.quiz import QuizScreen

    app = build_preview(str(lesson_file), poll=FAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x", "1", "enter")
        await settle(pilot)
        open_quiz = app.screen
        assert isinstance(open_quiz, QuizScreen)
        replace_in(lesson_file, "The core problem in one sentence", "The core problem, in one sentence", rename=True)
        await reloaded(pilot, reloads, 1)
        assert app.screen is open_quiz and list(open_quiz.session.answers) == ["q1"]
