// Entities whose name or an alias may equal this text: those holding its words as a phrase
// in a name or alias (accents folded), those with a name or alias whose folded key is the
// text's (the keyword index on `name_keys`: a name the full-text index splits otherwise,
// as it splits some scripts and symbols, is found whole), and those named exactly so. The
// service decides equality, ignoring case and accents (graph/domain/names.py).
// :param phrase => 'name:"taiwan" OR aliases:"taiwan"'
// :param key => 'name_keys:taiwan'
// :param name => 'Taiwan'
// :param kinds => null
// :param candidates => 200
CALL () {
  UNWIND CASE WHEN $phrase = '' THEN [] ELSE [$phrase] END AS phrase
  CALL db.index.fulltext.queryNodes('entity_text', phrase) YIELD node, score
  WHERE ($kinds IS NULL OR node.kind IN $kinds)
    AND node.retracted_at IS NULL
  RETURN node
  ORDER BY score DESC, node.id
  LIMIT $candidates
  UNION
  UNWIND CASE WHEN $key = '' THEN [] ELSE [$key] END AS key
  CALL db.index.fulltext.queryNodes('entity_keys', key) YIELD node
  WHERE ($kinds IS NULL OR node.kind IN $kinds)
    AND node.retracted_at IS NULL
  RETURN node
  ORDER BY node.id
  LIMIT $candidates
  UNION
  MATCH (node:Entity {name: $name})
  WHERE ($kinds IS NULL OR node.kind IN $kinds) AND node.retracted_at IS NULL
  RETURN node
}
// every relationship joins two entities, so the stored degree counts them, unread
RETURN node {.id, .kind, .name, .aliases} AS entity, COUNT { (node)--() } AS degree
