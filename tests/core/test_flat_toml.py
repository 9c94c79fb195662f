"""The quick flat-TOML reader gives tomllib's answer or none: never a different one."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignlearn.course.flat_toml import loads_flat

FRONT = '''id = "reward-hacking"
title = "Reward hacking: An Introduction"
minutes = 12
path = ["Why it matters", "The core idea"]
concepts = [
  "reward hacking",  # the main one
  'proxy',
]
related = []
big_idea = "It's the 'proxy' that breaks, with tabs\tand unicode: caf\u00e9 \u2014 \u4e2d"

[terms]
"Reward model" = "A model of what raters prefer."
proxy = 'A measure that stands in for a goal'
'Goodhart' = "When a measure becomes a target"
'''

QUIZ = '''[[questions]]
id = "q1"
kind = "single"
choices = ["a", "b", "c"]
answer = "b"

# a comment between questions
[[ questions ]]
id = "q2"
kind = "true_false"
answer = false
explanation = ""

[[questions]]
id = "q3"
answer = [ "a" , "b", ]
count = -0
'''


@pytest.mark.parametrize("text", [FRONT, QUIZ, "", "\n\n", "# only a comment", "a = 1", "a = true\nb = false\n",
                                  'format_version = 1\norder = [\n  "a",\n  "b"\n]\n', "x = [1, 'a', true]",
                                  "x = [ # why\n]\n", '"" = 1', "1 = 2", "true = 1"])
def test_flat_toml_is_read_as_tomllib_reads_it(text):
    assert loads_flat(text) == tomllib.loads(text)


@pytest.mark.parametrize("text", [
    'a = "tab\\tescape"', "a = 1.5", "a = 1e3", "a = 0x1F", "a = 1_000", "a = 1979-05-27", "a.b = 1",
    "a = {b = 1}", 'a = """long"""', "a = '''long'''", "a = [[1], [2]]", "[a.b]\nc = 1", 'a = "x" "y"',
    "a = 1\na = 2", "a = 1\n[a]\n", "[a]\n[a]\n", "[[a]]\n[a]\n", "[a]\n[[a]]\n", "a = []\n[[a]]\n",
    "a = 1 b = 2", "a =\n1", "a = [1,,2]", "a = [,]", "a = [1", "[a", "[[a]", "[a]]", "a = 1" + "0" * 30,
    'a = "bell\x07"', "a = 1 # bell\x07", "a = 1\r\n", "a = \u00a01", "a = trueish", "\u00e9 = 1", "a = +1",
])
def test_anything_else_is_left_to_tomllib(text):
    assert loads_flat(text) is None


PIECES = st.sampled_from([
    "a", "b", "terms", "questions", "id", '"q k"', "'lit'", '""', "1", " ", "\t", "=", " = ", "\n", "#", "# c",
    "[", "]", "[[", "]]", "[terms]\n", "[[questions]]\n", '"', "'", '"text"', "'text'", '"a\\"b"', ",", ", ",
    "true", "false", "0", "-0", "12", "-3", "1.5", "+1", "01", "{", "}", ".", "\\", "\u00e9", "\x07", "\x7f",
    '"""', "'''", "[1, 2]", '["x", "y",]', "[\n", "\n]", "x = 1\n", 'y = "s"\n', "z = [\n  1,\n  2,\n]\n",
])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_pieces_read_as_tomllib_reads_them_or_not_at_all(text):
    flat = loads_flat(text)
    try:
        expected = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        assert flat is None
        return
    if flat is not None:
        assert flat == expected and _types(flat) == _types(expected)


KEYS = st.sampled_from(["a", "b-c", "_d", "9", '"e f"', "'g'", '""'])
SCALARS = st.one_of(st.sampled_from(["true", "false", "0", "-0", "42", "-7"]),
                    st.text(st.characters(blacklist_categories=["Cs"]), max_size=8).map(
                        lambda s: '"' + s.replace("\\", "").replace('"', "") + '"'),
                    st.text(st.characters(blacklist_categories=["Cs"]), max_size=8).map(
                        lambda s: "'" + s.replace("'", "") + "'"))
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=4).flatmap(
    lambda items: st.sampled_from([", ", ",", ",\n  ", " ,# c\n"]).map(lambda sep: "[" + sep.join(items) + "]")))
LINES = st.one_of(st.tuples(KEYS, VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}"),
                  st.sampled_from(["[terms]", "[[questions]]", "# note", "", "  ", "[ t ]", "[[ q ]]"]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=12).map("\n".join))
def test_documents_read_as_tomllib_reads_them_or_not_at_all(text):
    flat = loads_flat(text)
    try:
        expected = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        assert flat is None
        return
    if flat is not None:
        assert flat == expected and _types(flat) == _types(expected)


def _types(value):
    """The value's shape with types, so True and 1 (equal in Python) are told apart."""
    if isinstance(value, dict):
        return {key: _types(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_types(item) for item in value]
    return type(value).__name__, value
