// Relationships to export with every property: all of them, or those among the entities in ids;
// with stated_only, only facts a source states (the service keeps their stated attestations).
// :param ids => null
// :param stated_only => false
MATCH (a:Entity)-[r]->(b:Entity)
WHERE ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids))
  AND ($stated_only = false OR r.bases IS NULL OR 'stated' IN r.bases)
RETURN r.id AS id, type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props
ORDER BY r.id
