// Ranked full-text search over names, aliases and descriptions, optionally by kind.
// The service builds the Lucene query from the user's words (each also fuzzy and as a prefix).
// :param query => 'tsmc~1 OR tsmc*'
// :param kinds => null
// :param skip => 0
// :param limit => 20
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN node {.id, .kind, .name, .aliases, .description} AS entity, score
ORDER BY score DESC, node.id
SKIP $skip
LIMIT $limit
