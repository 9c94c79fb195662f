"""Search across a course: the index on disk, building it, and asking it."""
