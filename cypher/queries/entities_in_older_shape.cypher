// Entities stored before their sources' claims were kept (no `attribute_claims`): read
// once, streamed, for the service to write the claims they always meant
// (graph/store/stored_shapes.py, store_entity_claims). Run when the schema is applied to
// an older graph.
MATCH (n:Entity)
WHERE n.attribute_claims IS NULL
RETURN properties(n) AS props
