"""Course sources: books and folders in formats other than our own, read into the course model."""
