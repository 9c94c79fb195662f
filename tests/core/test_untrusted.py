"""alignlearn.untrusted: printable text, and TOML refused before it costs tomllib seconds.

The bound must refuse what is too complex, wherever it is in the file, and nothing
else: a dotted key of many parts inside a string or a comment is text, not a key.
"""

from __future__ import annotations

import time
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignlearn.untrusted import (
    MAX_KEY_PARTS, MAX_NESTING, UNSAFE, TooComplexError, check_toml, loads_toml, printable,
)


def dotted(parts: int, quoted: bool = False, spaced: bool = False) -> str:
    part = '"k"' if quoted else "k"
    return (" . " if spaced else ".").join([part] * parts)


@pytest.mark.parametrize("quoted", [False, True])
@pytest.mark.parametrize("spaced", [False, True])
def test_a_key_of_max_parts_is_read_and_one_more_is_refused_at_its_place(quoted, spaced):
    assert loads_toml(f"x = 1\n{dotted(MAX_KEY_PARTS, quoted, spaced)} = 1\n")["x"] == 1
    with pytest.raises(TooComplexError) as raised:
        loads_toml(f"x = 1\n  {dotted(MAX_KEY_PARTS + 1, quoted, spaced)} = 1\n")
    assert (raised.value.line, raised.value.col) == (2, 3)
    assert raised.value.message == f"a dotted key of more than {MAX_KEY_PARTS} parts"


@pytest.mark.parametrize("where", [
    "[{key}]\nx = 1\n", "[[{key}]]\nx = 1\n", "t = {{ {key} = 1 }}\n", "a = [{{ {key} = 1 }}]\n",
])
def test_long_keys_are_refused_in_tables_arrays_of_tables_and_inline_tables(where):
    with pytest.raises(TooComplexError):
        loads_toml(where.format(key=dotted(MAX_KEY_PARTS + 1)))


@pytest.mark.parametrize("text", [
    f'x = "{dotted(200)}"\n', f"x = '{dotted(200)}'\n", f'x = """\n{dotted(200)}\n"""\n',
    f"x = '''\n{dotted(200)}\n'''\n", f"# {dotted(200)}\nx = 1\n", f'x = "a\\"{dotted(200)}"\n',
    f'x = """ "" {dotted(200)} """\n', "x = [" + ", ".join(["1.5"] * 200) + "]\n",
    "x = " + ". ".join(["word"] * 200).join('""') + "\n",
])
def test_dots_in_strings_comments_and_floats_are_not_keys(text):
    assert loads_toml(text) == tomllib.loads(text)


def test_nesting_is_refused_at_the_bracket_that_goes_too_deep_when_asked():
    deep = "x = " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1) + "\n"
    assert loads_toml(deep)  # tomllib reads it; a large progress file is spared the scan
    with pytest.raises(TooComplexError) as raised:
        loads_toml("# [[[[\n" + deep, nesting=True)
    assert (raised.value.line, raised.value.col) == (2, 5 + MAX_NESTING)
    shallow = "x = " + "[" * MAX_NESTING + "]" * MAX_NESTING + "\n"
    assert loads_toml(f'y = "{"[" * 100}"\n' + shallow, nesting=True)["y"] == "[" * 100


def test_nesting_deeper_than_tomllib_can_recurse_is_our_error_not_recursion_error():
    with pytest.raises(TooComplexError) as raised:
        loads_toml("x = " + "[" * 5000 + "]" * 5000 + "\n")
    assert (raised.value.line, raised.value.col) == (1, 5 + MAX_NESTING)


@pytest.mark.parametrize("text", [
    "a" + ".a" * 30_000 + " = 1\n",
    "[" + "t." * 60_000 + "t]\n",
    "x = {" + "a." * 60_000 + "a = 1}\n",
    ("a" + ".a" * (MAX_KEY_PARTS - 1) + " ") * 6_000,  # many runs just short of the limit
    "x" * 250_000, '"' * 250_000, "." * 250_000, "[" * 250_000,
])
def test_hostile_inputs_are_answered_in_a_fraction_of_a_second(text):
    started = time.monotonic()
    with pytest.raises((TooComplexError, tomllib.TOMLDecodeError)):
        loads_toml(text, nesting=True)
    assert time.monotonic() - started < 1.0


SAFE_TOML = st.recursive(
    st.one_of(st.integers(), st.booleans(), st.text(max_size=20), st.floats(allow_nan=False, allow_infinity=False)),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=10), SAFE_TOML, max_size=6))
def test_whatever_tomli_w_writes_within_the_bounds_reads_back_the_same(document):
    import tomli_w

    text = tomli_w.dumps(document)
    assert loads_toml(text, nesting=True) == tomllib.loads(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab."\'#=[]{}\n\\ ,1'), max_size=200))
def test_loads_toml_agrees_with_tomllib_or_refuses_with_a_place(text):
    try:
        expected = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        expected = None
    try:
        got = loads_toml(text)
    except tomllib.TOMLDecodeError:
        assert expected is None
    except TooComplexError as error:
        assert 1 <= error.line <= text.count("\n") + 1 and error.col >= 1
        assert text.count(".") >= MAX_KEY_PARTS or text.count("[") + text.count("{") > MAX_NESTING
    else:
        assert got == expected


def test_printable_replaces_every_unsafe_character_and_keeps_the_rest():
    text = "a\x1b[31mb\x07\x00\x7f\x9b\u202e\u200b\ufeff\U000e0041\u2028\u2029 \u00e9\U0001f600\t\n"
    shown = printable(text)
    assert not UNSAFE.search(shown)
    assert shown == "a\u241b[31mb\u2407\u2400\u2421\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd \u00e9\U0001f600\t\n"
    assert len(shown.splitlines()) == 1  # nothing left that splitlines() would break at
    assert printable("line\nbreak\ttab", one_line=True) == "line\u2424break\u2409tab"


@pytest.mark.parametrize("char", ["\u3164", "\u115f", "\u1160", "\uffa0", "\u206a", "\u206f", "\u17b4", "\u17b5",
                                  "\u034f", "\U0001bca0", "\U000e0080"])
def test_default_ignorable_characters_that_draw_as_nothing_or_a_blank_become_a_placeholder(char):
    assert printable(f"Ad{char}min") == "Ad\ufffdmin"


def test_a_soft_hyphen_is_removed_and_a_variation_selector_kept_only_after_what_it_selects():
    assert printable("pay\u00adpal") == "paypal"
    assert printable("\u2764\ufe0f and \u263a\ufe0e") == "\u2764\ufe0f and \u263a\ufe0e"
    assert printable("\ufe0f alone, a \ufe0f, a\ufe0f\ufe0f\ufe0f") == "\ufffd alone, a \ufffd, a\ufe0f\ufffd\ufffd"
