"""Presentation: what the domain and the graph look like to people (the schema document,
Neo4j Browser's style and guide, the README's tables); the sentences facts are read as are
the domain's (:mod:`graph.domain.sentences`)."""
