"""``alignlearn serve``: the reader in a browser, one reader process per session, guarded."""
