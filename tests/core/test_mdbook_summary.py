"""SUMMARY.md: prefix, numbered and suffix chapters, parts, nesting, separators, drafts."""

from hypothesis import given, settings, strategies as st

from alignlearn.sources.summary import parse_summary
from mdbook_support import SUMMARY


def test_every_kind_of_entry():
    summary = parse_summary(SUMMARY)
    assert summary.title == "Summary"
    got = [(c.title, c.path, c.depth, c.part, c.kind, c.parents) for c in summary.chapters]
    assert got == [
        ("Preface", "preface.md", 0, "", "prefix", ()),
        ("Basics", "basics.md", 0, "Part One", "numbered", ()),
        ("Details", "basics/details.md", 1, "Part One", "numbered", ("Basics",)),
        ("Draft", None, 1, "Part One", "numbered", ("Basics",)),
        ("Links", "links.md", 0, "Part One", "numbered", ()),
        ("Quizzes", "quizzes.md", 0, "Part Two", "numbered", ()),
        ("Afterword", "afterword.md", 0, "", "suffix", ()),
    ]
    assert summary.chapters[2].line == 8 and summary.chapters[2].col > 1


def test_deep_nesting_titles_and_odd_links():
    text = ("- [A `code` title](a.md)\n    - [B](<b c.md>)\n        - [C](c%20d.md \"tip\")\n"
            "    - [D [x]](d.md)\n* [E](e.md)\n<!-- - [Hidden](h.md) -->\n")
    chapters = parse_summary(text).chapters
    assert [(c.title, c.path, c.depth) for c in chapters] == [
        ("A code title", "a.md", 0), ("B", "b c.md", 1), ("C", "c d.md", 2), ("D [x]", "d.md", 1), ("E", "e.md", 0)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#-*[]()<>` \t\n.mdab1\\!_")) | st.characters(), max_size=400))
def test_never_raises(text):
    summary = parse_summary(text)
    for chapter in summary.chapters:
        assert chapter.depth >= 0 and chapter.line >= 1
