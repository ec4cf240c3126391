// Entities in id order, a page at a time, optionally of one kind (cursor: the last id seen).
// :param kind => null
// :param after => ''
// :param limit => 50
// :param known_at => null
// :param include_retracted => false
MATCH (n:Entity)
WHERE ($kind IS NULL OR n.kind = $kind) AND n.id > $after
  AND /*seen_then(n)*/((n.retracted_at IS NULL OR ($include_retracted AND coalesce(n.merged_at > $known_at, n.merged_at IS NULL)) OR n.retracted_at > coalesce($known_at, n.retracted_at)) AND ($known_at IS NULL OR n.created_at <= $known_at))/*end*/
RETURN n {.id, .kind, .name} AS entity
ORDER BY n.id
LIMIT $limit
