"""Stage 5: rendered pages -> site/ (the mkdocs seam, search, PDF, link check, swap)."""
