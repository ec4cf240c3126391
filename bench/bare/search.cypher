// Bare baseline of GET /search: the full-text index's best 20.
// :param q => 'TSMC'
CALL db.index.fulltext.queryNodes('entity_text', $q) YIELD node, score
RETURN node {.id, .kind, .name, .aliases, .description} AS entity, score
LIMIT 20
