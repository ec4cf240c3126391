// Search by name, alias or description
// Ranked full-text search; ~1 tolerates one typo, * matches a prefix.
// :param words => 'tsmcc~1 OR arizona*'
CALL db.index.fulltext.queryNodes('entity_text', $words) YIELD node, score
RETURN node.id AS id, node.kind AS kind, node.name AS name, score
ORDER BY score DESC
LIMIT 20
