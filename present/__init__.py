"""Presentation: what the domain and the graph look like to people (sentences, styles, guides, tables)."""
