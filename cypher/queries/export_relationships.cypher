// Relationships to export with every property: all of them, or those among the entities in ids.
// :param ids => null
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $ids IS NULL OR (a.id IN $ids AND b.id IN $ids)
RETURN r.id AS id, type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props
ORDER BY r.id
