"""The core: the data model, the one loader, schemas, strict YAML, snippet metadata and typed
benchmark runs. No processes, no HTML; it imports nothing above it."""
