// Candidates for a search, optionally by kind: the best full-text hits for the user's words
// (each also fuzzy and as a prefix), and every name or alias holding the words as a phrase,
// so an exact match is never lost among many partial ones. The service ranks them
// (graph/names.py): exact, prefix, token, fuzzy, then degree, then id.
// :param query => '(tsmcc^3 OR tsmcc*^2 OR tsmcc~1)'
// :param phrase => 'name:"tsmcc" OR aliases:"tsmcc"'
// :param kinds => null
// :param candidates => 500
CALL () {
  CALL db.index.fulltext.queryNodes('entity_text', $query) YIELD node, score
  WHERE ($kinds IS NULL OR node.kind IN $kinds) AND node.retracted_at IS NULL
  RETURN node, score
  ORDER BY score DESC, node.id
  LIMIT $candidates
  UNION
  UNWIND CASE WHEN $phrase = '' THEN [] ELSE [$phrase] END AS phrase
  CALL db.index.fulltext.queryNodes('entity_text', phrase) YIELD node, score
  WHERE ($kinds IS NULL OR node.kind IN $kinds) AND node.retracted_at IS NULL
  RETURN node, score
  ORDER BY score DESC, node.id
  LIMIT $candidates
}
WITH node, max(score) AS score
RETURN node {.id, .kind, .name, .aliases, .description} AS entity,
       score,
       // every relationship joins two entities, so the stored degree counts them, unread
       COUNT { (node)--() } AS degree
