// A source and how many facts and entities rest on it (retracted ones included; not what
// is kept of merged entities and their facts), and what is known of its text (not the
// words: GET /sources/{id}/text answers those).
// :param id => 'taiwan-us-tech-partnership-talks-article'
MATCH (s:Source {id: $id})
OPTIONAL MATCH (t:SourceText {source_id: s.id})
RETURN properties(s) AS props,
       t {.source_id, .sha256, .length, .stored_at} AS text,
       COUNT { MATCH (n:Entity) WHERE $id IN n.source_ids AND n.merged_into IS NULL RETURN n } AS entities,
       COUNT { MATCH ()-[r]->() WHERE $id IN r.source_ids AND r.merged_into IS NULL RETURN r } AS relationships
