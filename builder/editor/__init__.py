"""Editors' tools on top of the pipeline: scaffolding, status, preview server, schemas."""

# Here rather than in serve.py, so that the command line can show it without loading the server.
DEFAULT_PORT = 8000
