// Bare baseline of a supply chain: up to three hops over the supply-chain types (either
// way round: simpler than the service, which follows each type one way), at most $limit rows.
// :param id => 'tsmc'
// :param limit => 500
MATCH p = (n:Entity {id: $id})-[:SUPPLIES|DEPENDS_ON*1..3]-(m:Entity)
RETURN m {.id, .kind, .name} AS node, [r IN relationships(p) | r {.*, type: type(r)}] AS facts
LIMIT $limit
