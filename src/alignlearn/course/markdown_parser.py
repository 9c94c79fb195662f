"""markdown-it as the loader (and lint) use it: CommonMark with tables and
strikethrough, HTML read (to be made text), and bounded, because courses come from other people.

- ``block_budget``: past ``MAX_BLOCK_WORK`` blocks and tokens the rest of a lesson is
  not parsed (a ``CUT`` token stands for it);
- ``bounded_table``: a table stops at ``MAX_TABLE_ROWS`` rows, the same way;
- ``bounded_inline``: text dense with brackets, stars or backticks costs markdown-it
  10 to 25 us a character: past a budget of markup characters a paragraph is kept as
  plain text. ``alignlearn.course.markdown`` turns each of these into a note and a
  warning.
"""

from __future__ import annotations

import re
from functools import partial

from alignlearn.course.cancel import checkpoint

MAX_NESTING = 20  # markdown-it's own limit; deeper text is reported, not dropped silently


_parser = None


def parser():
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt

        _parser = (
            # HTML on: books hold <details>, <img> and comments, which
            # ``alignlearn.course.html_text`` makes notes and text (never markup).
            MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
            .enable("table")
            .enable("strikethrough")
        )
        from mdit_py_plugins.footnote import footnote_plugin  # mdBook's footnotes (text[^label])

        footnote_plugin(_parser, inline=False)  # ^[...] is not mdBook's
        bound(_parser)
        _quiet_rule_logs()
    return _parser


class _NoLog:
    @staticmethod
    def debug(*args, **kwargs) -> None:
        pass


def _quiet_rule_logs() -> None:
    """markdown-it's block rules log at debug level each time one is tried, some 2,000
    calls a lesson, each paying for logging's level check; its logs are never shown."""
    import sys

    for name, module in list(sys.modules.items()):
        if name.startswith("markdown_it.rules_block.") and hasattr(module, "LOGGER"):
            module.LOGGER = _NoLog


def bound(md):
    """Put markdown-it ``md`` on the budgets below (the loader's parser, and lint's)."""
    from markdown_it.rules_block import table

    md.core.ruler.at("inline", bounded_inline)
    md.block.ruler.before("table", "alignlearn_budget", block_budget)
    md.block.ruler.at("table", partial(bounded_table, table), {"alt": ["paragraph", "reference"]})
    return md


MAX_LINES = 30_000  # of a lesson's body: markdown-it spends 20 to 30 us on each
MAX_BLOCK_WORK = 60_000  # blocks started + tokens made; a 10,000-line lesson takes about 20,000
MAX_TABLE_ROWS = 1_000
CUT = "alignlearn_cut"  # the token that stands for what was not parsed


def block_budget(state, start: int, end: int, silent: bool) -> bool:
    """Before any other block rule: once the budget is spent, the rest is not parsed.

    Each block costs markdown-it, the tree and the renderer tens of microseconds: a
    1 MiB lesson of 250,000 headings or list items took half a minute to show.
    """
    checkpoint()  # a reader that no longer wants the lesson stops here (course/cancel.py)
    state.env["started"] = started = state.env.get("started", 0) + 1
    if silent or len(state.tokens) + started <= MAX_BLOCK_WORK:
        return False
    token = state.push(CUT, "", 0)
    token.map, token.info = [start, end], "lesson"
    state.line = end
    return True


def bounded_table(table, state, start: int, end: int, silent: bool) -> bool:
    """markdown-it's table rule, for at most ``MAX_TABLE_ROWS`` rows; the rest skipped."""
    limit = start + 2 + MAX_TABLE_ROWS
    if not table(state, start, min(end, limit), silent):
        return False
    if silent or state.line < limit:
        return True
    line = state.line
    while line < end and not state.isEmpty(line) and "|" in state.src[state.bMarks[line]:state.eMarks[line]]:
        line += 1
    token = state.push(CUT, "", 0)
    token.map, token.info = [limit, line], "table"
    state.line = line
    return True


MAX_MARKUP = 2_000  # markup characters in one paragraph, heading or table cell
MAX_MARKUP_IN_LESSON = 20_000  # a 10,000-line lesson of prose, lists and tables has about 500
_MARKUP = re.compile(r"[\[\]*_`<>!&\\~]")


def bounded_inline(state) -> None:
    """markdown-it's own inline rule, on a budget of markup characters.

    Text dense with brackets, stars or backticks costs markdown-it 10 to 25 us a
    character (prose costs 0.4): a 1 MiB lesson of ``![`` took 25 s. Past the budget
    a paragraph is kept as plain text, as written, and the loader warns.
    """
    from markdown_it.token import Token

    spent = 0
    for token in state.tokens:
        if token.type != "inline":
            continue
        checkpoint()
        if token.children is None:
            token.children = []
        markup = len(_MARKUP.findall(token.content))
        if markup > MAX_MARKUP or spent + markup > MAX_MARKUP_IN_LESSON:
            from alignlearn.course.html_text import strip_tags

            text = Token("text", "", 0)
            text.content = strip_tags(token.content)  # as written, but no raw HTML
            token.children.append(text)
            state.env.setdefault("plain", []).append((token.map[0] if token.map else 0, markup > MAX_MARKUP))
        else:
            spent += markup
            state.md.inline.parse(token.content, state.md, state.env, token.children)
