// Ids merged into other entities, to export: all of them, or those resolving into ids.
// :param ids => null
MATCH (r:Redirect)
WHERE $ids IS NULL OR r.target IN $ids
RETURN r.id AS id, properties(r) AS props
ORDER BY r.id
