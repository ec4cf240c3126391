// Entities to export with their labels and every property: all of them, or those in ids.
// :param ids => null
MATCH (n:Entity)
WHERE $ids IS NULL OR n.id IN $ids
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props
ORDER BY n.id
