"""The ``*_df`` loaders, their jobs, cache administration, writes and awaitables (http + frames + store)."""
