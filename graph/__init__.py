"""The domain model and Neo4j access: everything the HTTP layer and the commands share.

Its rooms, lowest first; each imports only rooms before it (and :mod:`graph.errors`, the
one error family), and everything outside a room imports only its door, the package:

- :mod:`graph.domain`: the declaration (``domain/domain.yaml``) and all derived from it
  without a database: models, rules, values, names, sentences;
- :mod:`graph.store`: settings, the driver, Cypher files by name, the moment, the schema;
- :mod:`graph.records`: items as stored properties and as shown, and claims ranked;
- :mod:`graph.history`: revisions, and items' states as recorded at a moment;
- :mod:`graph.reads`: lookups, search, walks and the questions asked of the graph;
- :mod:`graph.writes`: the write path (snapshot, check, plan, apply) and bulk tables;
- :mod:`graph.items`: entities, facts and sources one at a time, retraction and restore;
- :mod:`graph.interop`: exports, FollowTheMoney, reconciliation and seed files;
- :mod:`graph.ingest`: a new text read against the graph (mentions, unknown names,
  candidate facts) and a person's review of its candidates.
"""

#: graph's rooms, lowest first (tests/api/test_layers.py holds them to it)
ROOMS = (
    "domain", "store", "records", "history", "reads", "writes", "items", "interop", "ingest",
)  # fmt: skip
