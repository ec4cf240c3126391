// Bare baseline of a depth-1 neighbourhood: one hop, every type, at most $limit rows.
// :param id => 'tsmc'
// :param limit => 200
MATCH (n:Entity {id: $id})-[r]-(m:Entity)
RETURN m {.id, .kind, .name} AS node, r {.*, type: type(r)} AS fact
LIMIT $limit
