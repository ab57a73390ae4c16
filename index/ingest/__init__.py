"""Raw edition files → clean, enriched articles."""
