"""The Atlas: data, checks and tools behind the site (loader, schema, refresh, exports)."""
