// Bare baseline of a depth-2 neighbourhood page: two hops, every type, at most $limit rows.
// :param id => 'tsmc'
// :param limit => 50
MATCH (n:Entity {id: $id})-[r1]-(m:Entity)-[r2]-(o:Entity)
WHERE o <> n
RETURN m {.id, .kind, .name} AS near, o {.id, .kind, .name} AS far,
       r1 {.*, type: type(r1)} AS first, r2 {.*, type: type(r2)} AS second
LIMIT $limit
