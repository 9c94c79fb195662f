"""Caches: what was read or worked out last time, kept so it need not be again."""
