"""How the code is laid out: no import circles, the core never imports Textual, no module
over 400 lines, and the README's map of the folders is true (issue 16)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "alignlearn"
CORE = ("course", "cache", "search", "authoring", "progress", "tutor", "sources")
MAX_LINES = 400


def modules() -> dict[str, Path]:
    found = {}
    for file in PACKAGE.rglob("*.py"):
        parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = file
    return found


def imports(name: str, file: Path, known: dict[str, Path]) -> set[str]:
    """Our modules that ``file`` imports, at any level, except under ``if TYPE_CHECKING``."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    typing_only = {id(node) for branch in ast.walk(tree)
                   if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
                   for node in ast.walk(branch)}
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]

    def ours(dotted: str) -> str | None:
        while dotted and dotted not in known:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(ours(alias.name) for alias in node.names if alias.name.startswith("alignlearn"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source.startswith("alignlearn"):
                for alias in node.names:
                    whole = f"{source}.{alias.name}"
                    found.add(whole if whole in known else ours(source))
    found.discard(None)
    found.discard(name)
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.append(other)
                if other == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, file, known) for name, file in known.items()}


def test_no_import_circle_among_our_modules(graph):
    assert circles(graph) == []


def test_the_circle_finder_finds_one():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_core_never_imports_textual():
    for file in (PACKAGE / folder for folder in CORE):
        for module in sorted(file.rglob("*.py")) if file.exists() else []:
            tree = ast.parse(module.read_text(encoding="utf-8"))
            names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
            names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
            assert not [n for n in names if n.split(".")[0] == "textual"], module


def test_no_module_is_over_400_lines():
    long = {str(file.relative_to(PACKAGE)): n for file in PACKAGE.rglob("*.py")
            if (n := len(file.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def defined_twice(source: str) -> list[str]:
    """Methods or functions a class or module defines twice (a property's setter aside)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.ClassDef, ast.Module)):
            names = [item.name for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                     and not any(isinstance(d, ast.Attribute) and d.attr in ("setter", "deleter")
                                 for d in item.decorator_list)]
            found += sorted({name for name in names if names.count(name) > 1})
    return found


def test_no_class_defines_a_method_twice():
    """Two branches can each add the same method (on_event, for toasts and for keys typed ahead)
    and merge without a conflict; the second then silently replaces the first."""
    twice = {str(file.relative_to(ROOT)): found for file in PACKAGE.rglob("*.py")
             if (found := defined_twice(file.read_text(encoding="utf-8")))}
    assert twice == {}
    assert defined_twice("class A:\n    def f(self): pass\n    async def f(self): pass\n") == ["f"]


def test_the_readme_map_of_the_code_names_folders_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How the code is laid out", 1)[1].split("\n## ", 1)[0]
    named = re.findall(r"^\s*([\w./-]+/)\s", section, re.M)
    assert len(named) >= 10, named
    for folder in named:
        assert (ROOT / folder).is_dir(), folder


def test_the_reader_and_cat_start_without_markdown_it():
    """A lesson from the cache needs no parsing: markdown-it (a good part of a start-up) and
    the book readers load only when a lesson is parsed."""
    import subprocess
    import sys

    code = ("import sys, alignlearn.ui.app, alignlearn.commands.cat, alignlearn.cache.reading, "
            "alignlearn.course.catalog, alignlearn.course.lesson, alignlearn.search.query; "
            "print(sorted(m for m in ('markdown_it', 'yaml', 'alignlearn.sources.mdbook') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_a_lesson_without_html_is_parsed_without_the_html_reader():
    """The HTML reader (its patterns compile at import) loads only for a lesson that holds HTML."""
    import subprocess
    import sys

    code = ("import sys; from alignlearn.course.markdown import parse_blocks; "
            "parse_blocks('# A\\n\\nText *here*.\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |\\n'); "
            "print('alignlearn.course.html_text' in sys.modules); "
            "blocks = parse_blocks('<details><summary>S</summary>\\n\\nInside\\n\\n</details>\\n'); "
            "print(type(blocks[0]).__name__, 'alignlearn.course.html_text' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["False", "Notes", "True"], done.stderr


def test_check_draws_a_table_only_when_it_may_be_too_wide(tmp_path):
    """``check`` of a course whose tables fit needs no renderer: Rich's console and the reader's
    blocks (a third of checking a small course) load only to measure a table that may not fit."""
    import subprocess
    import sys

    narrow = "| a | b |\n|---|---|\n| 1 | 2 |\n"
    wide = "| " + " | ".join("w" * 30 for _ in range(4)) + " |\n|" + "---|" * 4 + "\n| " + " | ".join("x" * 30 for _ in range(4)) + " |\n"
    code = ("import sys; from alignlearn.cli import main; code = main(['check', sys.argv[1]]); "
            "print(code, 'alignlearn.render.measure' in sys.modules, file=sys.stderr)")
    seen = []
    for name, table in (("narrow", narrow), ("wide", wide)):
        lesson = tmp_path / name / "lesson.md"
        lesson.parent.mkdir()
        lesson.write_text(f'+++\nid = "{name}"\ntitle = "Tables"\n+++\nA table:\n\n{table}', encoding="utf-8")
        done = subprocess.run([sys.executable, "-c", code, str(lesson)], capture_output=True, text=True, timeout=60)
        seen.append(done.stderr.split()[-1])
        if name == "wide":
            assert "columns wide when drawn" in done.stdout, done.stdout + done.stderr
    assert seen == ["False", "True"]
