// A source and how many facts and entities rest on it (retracted ones included; not what
// is kept of merged entities and their facts).
// :param id => 'taiwan-us-tech-partnership-talks-article'
MATCH (s:Source {id: $id})
RETURN properties(s) AS props,
       COUNT { MATCH (n:Entity) WHERE $id IN n.source_ids AND n.merged_into IS NULL RETURN n } AS entities,
       COUNT { MATCH ()-[r]->() WHERE $id IN r.source_ids AND r.merged_into IS NULL RETURN r } AS relationships
