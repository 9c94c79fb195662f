"""Course formats beyond the native one (``course.toml``): mdBook, and folders of Markdown."""

BOOK = "book.toml"  # an mdBook's manifest: its folder is a book
