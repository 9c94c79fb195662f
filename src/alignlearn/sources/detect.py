"""Which source a folder holds: an mdBook (``book.toml``), a native course
(``course.toml``, or only ``+++`` lesson files) or a plain folder of Markdown."""

from __future__ import annotations

from pathlib import Path

from alignlearn.sources import BOOK

MANIFEST = "course.toml"
MAX_UP = 4  # how far above a chapter file its book.toml is looked for


def kind_of(root: Path) -> str:
    """"mdbook", "native" or "folder".

    Without course.toml, a folder is native when every Markdown file in it starts with
    ``+++`` (an author's course), and a plain folder of Markdown otherwise, where a ``+++``
    file is still read as a native lesson (``sources/folder.py``): one such file among a
    learner's notes made every other file an error, and the folder unreadable.
    """
    if (root / BOOK).is_file():
        return "mdbook"
    if (root / MANIFEST).exists():
        return "native"
    from alignlearn.sources.folder import markdown_files

    files = [f for f in markdown_files(root) if f.name.lower() != "readme.md"]
    native = False
    for file in files:
        if file.is_symlink():
            continue  # not opened here: the reader checks where a link leads
        try:
            with open(file, "rb") as handle:
                start = handle.read(6)
        except OSError:
            continue
        if not start.lstrip(b"\xef\xbb\xbf").startswith(b"+++"):
            return "folder"  # a file of plain Markdown (or YAML front matter): a folder of notes
        native = True
    return "native" if native or not files else "folder"


def open_other(root: Path):
    """The course at ``root`` when it is a book or a plain folder; None for a native course."""
    from alignlearn.course.course import Course

    kind = kind_of(root)
    if kind == "mdbook":
        from alignlearn.sources.mdbook import read_book

        course_id, title, description, infos, problems, source = read_book(root)
        course = Course(course_id, title, root, description, infos, problems)
    elif kind == "folder":
        from alignlearn.course.manifest import read_manifest
        from alignlearn.sources.folder import read_folder

        infos, problems, source = read_folder(root)
        course_id, title, description, _, _ = read_manifest(root, problems)
        course = Course(course_id, title, root, description, infos, problems)
        course.unreadable = list(source.unreadable)
    else:
        return None
    course.source = source
    course.format = kind
    return course


def book_root_for(file: Path) -> Path | None:
    """The folder of the book that ``file`` is a chapter (or an included file) of, if any."""
    try:
        folder = file.resolve().parent
    except (OSError, RuntimeError):
        return None
    return book_around(folder)


def book_of_summary(file: Path) -> Path | None:
    """The book whose table of contents ``file`` is (the SUMMARY.md of its src folder), if any:
    it names the book as a whole, as its book.toml does, and is none of its chapters."""
    if file.name != "SUMMARY.md":
        return None
    book = book_root_for(file)
    if book is None:
        return None
    from alignlearn.sources.mdbook import SUMMARY, src_folder

    try:
        return book if file.resolve() == (src_folder(book) / SUMMARY).resolve() else None
    except (OSError, RuntimeError):
        return None


def book_holding(folder: Path) -> Path | None:
    """The book whose src folder is ``folder`` or holds it, if any: an author in a chapter's
    folder is at work on the book. A folder elsewhere in a book (its theme, its listings)
    is not one of its chapters' folders."""
    try:
        folder = folder.resolve()
    except (OSError, RuntimeError):
        return None
    book = book_around(folder)
    if book is None:
        return None
    from alignlearn.sources.mdbook import src_folder

    try:
        folder.relative_to(src_folder(book).resolve())
    except (ValueError, OSError, RuntimeError):
        return None
    return book


def book_around(folder: Path) -> Path | None:
    """The nearest folder holding a ``book.toml``: ``folder`` itself or one of the
    ``MAX_UP`` above it."""
    for _ in range(MAX_UP):
        if (folder / BOOK).is_file():
            return folder
        if folder.parent == folder:
            break
        folder = folder.parent
    return None
