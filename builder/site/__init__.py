"""Stage 4: the linked Library -> pages with finished HTML, one RenderedEdition per edition."""
