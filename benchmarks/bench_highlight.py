"""What highlighting code costs the reader's first frame, against the same lesson plain.

    python benchmarks/bench_highlight.py [--repeats N] [--size 80x24]

A code-heavy lesson (40 sections, each a paragraph and Python, Rust and TOML blocks)
is opened in a fresh process, headless, timed from the spawn to the refresh that
first painted lesson text, as ``bench_reader.py`` times it; once with highlighting
(``alignlearn.render.code.HIGHLIGHT``) on and once off, interleaved, with the lesson
cache warm and cold. Target: the first frame within 1.1x of plain. The lexers load
after the first frame (``render.stream.stream_highlighted``), so the time at which
code is first painted in colour is printed too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from _timing import run_child  # noqa: E402

TARGET = 1.1

SECTION = '''## Section {n}: ownership and borrowing

Each value has one owner; borrowing lends it without moving it. Section {n} shows how.

```python
def area_{n}(radius: float) -> float:
    """The area of a circle."""
    return 3.14159 * radius ** 2  # squared


for size in range({n}):
    print(f"{{size}}: {{area_{n}(size):.2f}}")
```

```rust,ignore
fn main() {{
    let s = String::from("hello {n}");
    let len = calculate_length(&s);
    println!("The length of '{{}}' is {{}}.", s, len);
}}
```

```toml
[package]
name = "example-{n}"
version = "0.1.{n}"
```
'''


def write_lesson(folder: Path, sections: int = 40) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.toml").write_text('format_version = 1\nid = "code"\ntitle = "Code"\norder = ["code"]\n',
                                        encoding="utf-8")
    body = "Intro: a lesson that is mostly code.\n\n" + "\n".join(SECTION.format(n=n) for n in range(1, sections + 1))
    file = folder / "code.md"
    file.write_text('+++\nid = "code"\ntitle = "Mostly code"\n+++\n\n' + body, encoding="utf-8")
    then = time.time() - 60
    for path in folder.iterdir():
        os.utime(path, (then, then))
    return file


def child(target: str, size: tuple[int, int], coloured: bool) -> None:
    """One measured run: the first frame that paints lesson text, and (highlighting on)
    the first that paints code in colour."""
    import asyncio
    import json

    t0 = float(os.environ["BENCH_T0"])
    from alignlearn.ui.app import build_app, run_app
    from alignlearn.ui.widgets.lesson_view import LessonView

    marks: dict[str, float] = {}
    done = asyncio.Event()
    paint = LessonView.render_line

    def has_colour(page) -> bool:
        return any(seg.style is not None and seg.style.color is not None and seg.style.color.name != "cyan"
                   and "def area" in "".join(s.text for s in line) for line in page.lines[:200] for seg in line)

    def render_line(self, y):
        page = self.page
        if page is not None:
            if "first" not in marks:
                marks["first"] = -1.0
                self.app.call_after_refresh(lambda: marks.__setitem__("first", time.time() - t0))
            if "coloured" not in marks and (not coloured or has_colour(page)):
                marks["coloured"] = -1.0
                self.app.call_after_refresh(lambda: (marks.__setitem__("coloured", time.time() - t0), done.set()))
        return paint(self, y)

    LessonView.render_line = render_line
    app = build_app(target)

    async def script(pilot) -> None:
        await done.wait()
        app.exit()

    run_app(app, headless=True, size=size, auto_pilot=script)
    print(json.dumps(marks))


def run_once(mode: str, target: str, size: str, folder: Path, cold: bool) -> dict[str, float]:
    if cold:
        shutil.rmtree(folder / "cache", ignore_errors=True)
    return run_child(__file__, [mode, target, size], folder, ROOT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Highlighting's cost to the reader's first frame.")
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "TARGET", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, target, size = args.child
        from alignlearn.render import code

        code.HIGHLIGHT = mode == "on"
        width, height = (int(n) for n in size.split("x"))
        child(target, (width, height), mode == "on")
        return 0

    runs: dict[tuple[str, bool], list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        target = str(write_lesson(folder / "course"))
        plan = [(mode, cold) for cold in (False, True) for mode in ("off", "on")]
        for mode, cold in plan:  # warm up: bytecode, caches
            run_once(mode, target, args.size, folder, cold)
        for _ in range(args.repeats):  # interleaved, so a busy moment hurts both alike
            for mode, cold in plan:
                runs.setdefault((mode, cold), []).append(run_once(mode, target, args.size, folder, cold))
    print(f"terminal {args.size}; a lesson of 40 sections of code; median of {args.repeats} fresh processes")
    ok = True
    for cold in (False, True):
        def median(mode: str, mark: str) -> float:
            return statistics.median(run[mark] for run in runs[(mode, cold)])

        off, on, coloured = median("off", "first"), median("on", "first"), median("on", "coloured")
        ratio = on / off
        ok = ok and ratio <= TARGET
        label = "cold" if cold else "warm"
        print(f"  {label}: first frame highlighting on {on * 1000:5.0f} ms, off {off * 1000:5.0f} ms: "
              f"ratio {ratio:.2f}x (target <= {TARGET}x) {'ok' if ratio <= TARGET else 'MISSED'}")
        print(f"        code in colour at {coloured * 1000:5.0f} ms ({coloured / off:.2f}x the plain first frame; "
              "lexers load after the first frame)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
