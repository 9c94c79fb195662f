"""Footnotes as an mdBook writes them (``text[^label]`` and ``[^label]: the note``): found by
the walkthrough, the Rust Book's "What is Ownership?" showed "structures[^boxed-data-structures]"
and its notes as "[^boxed-data-structures]: These data structures..." raw."""

from __future__ import annotations

from alignlearn.course.body import ListBlock, Paragraph
from alignlearn.course.markdown import parse_blocks

TEXT = """Boxes are used by data structures[^boxed] like `Vec`, and pointers[^pointer] too.

```rust
let a = b[^boxed];
```

[^boxed]: These data structures don't use the literal `Box` type.

[^pointer]: In another sense, ownership is *pointer management*.
"""


def test_a_footnote_is_a_number_in_the_text_and_a_numbered_note_at_the_end():
    blocks = parse_blocks(TEXT)
    shown = "\n".join(block.plain() for block in blocks)
    assert "[^" not in shown.replace("b[^boxed]", "")  # code is left as written
    assert blocks[0].plain() == "Boxes are used by data structures[1] like Vec, and pointers[2] too."
    notes = blocks[-1]
    assert isinstance(notes, ListBlock) and notes.ordered and notes.start == 1
    assert [item[0].plain() for item in notes.items] == [
        "These data structures don't use the literal Box type.",
        "In another sense, ownership is pointer management."]
    assert isinstance(notes.items[0][0], Paragraph)
    assert notes.line == 7  # where the notes begin in the file


def test_a_label_never_defined_is_left_as_written():
    assert parse_blocks("A note[^nowhere] here.")[0].plain() == "A note[^nowhere] here."
