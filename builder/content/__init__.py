"""Stage 1-3: content files -> a validated, cross-linked Library (load, validate, link)."""
