// Entities in id order, a page at a time, optionally of one kind (cursor: the last id seen).
// :param kind => null
// :param after => ''
// :param limit => 50
MATCH (n:Entity)
WHERE ($kind IS NULL OR n.kind = $kind) AND n.id > $after
RETURN n {.id, .kind, .name} AS entity
ORDER BY n.id
LIMIT $limit
