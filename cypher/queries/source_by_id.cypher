// A source and how many facts and entities rest on it.
// :param id => 'taiwan-us-tech-partnership-talks-article'
MATCH (s:Source {id: $id})
RETURN properties(s) AS props,
       COUNT { MATCH (n:Entity) WHERE $id IN n.source_ids RETURN n } AS entities,
       COUNT { MATCH ()-[r]->() WHERE $id IN r.source_ids RETURN r } AS relationships
