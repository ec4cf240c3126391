// What is known of a source's stored text (not its words; the hash is null when none is
// stored yet) and the hash the source names (`text_sha256`, if any), with the text's node
// held for this write: no row when there is no such source.
// The SET takes the node's write lock before the read, so of two writers racing to store
// one source's text the second reads what the first stored, not what both found.
// :param id => 'taiwan-us-tech-partnership-talks-article'
MATCH (s:Source {id: $id})
MERGE (t:SourceText {source_id: s.id})
SET t.source_id = s.id
RETURN t {.source_id, .sha256, .length, .stored_at} AS stored, s.text_sha256 AS named
