// Bare baseline of GET /paths: one shortest path within six hops, its nodes and facts.
// :param from => 'tsmc'
// :param to => 'arizona'
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*1..6]-(b))
RETURN [n IN nodes(p) | n {.id, .kind, .name}] AS nodes,
       [r IN relationships(p) | r {.*, type: type(r)}] AS facts
