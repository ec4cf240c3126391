// Sources to export: all of them, or those in ids.
// :param ids => null
MATCH (s:Source)
WHERE $ids IS NULL OR s.id IN $ids
RETURN s.id AS id, properties(s) AS props
ORDER BY s.id
