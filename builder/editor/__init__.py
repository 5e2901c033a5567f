"""Editors' tools on top of the pipeline: scaffolding, status, preview server, schemas."""
