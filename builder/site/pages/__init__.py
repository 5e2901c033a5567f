"""Page families: each turns an edition's plan into page specs (template + typed view model)."""
