"""Course formats beyond the native one (``course.toml``): mdBook, and folders of Markdown."""
