// One shortest path between two entities, in either direction, within max_hops (at most
// 6), optionally only over some relationship types and only facts valid at as_of. Among
// equally short paths, which one is Neo4j's choice: paths_all_shortest lists them all in
// a stable order, at the cost of finding them all (thousands, through a hub).
// :param from_id => 'cheng-li-chiun'
// :param to_id => 'tsmc'
// :param max_hops => 6
// :param types => null
// :param as_of => null
// :param k => 1
MATCH (a:Entity {id: $from_id}), (b:Entity {id: $to_id})
MATCH p = SHORTEST 1 (a)(()-[r]-() WHERE ($types IS NULL OR type(r) IN $types)
    AND ($as_of IS NULL OR (
        (r.valid_from IS NULL OR r.valid_from <= $as_of)
        AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))){1,6}(b)
WHERE length(p) <= $max_hops
RETURN [n IN nodes(p) | n {.id, .kind, .name}] AS nodes,
       [x IN relationships(p) | x {.*, type: type(x), from_id: startNode(x).id, to_id: endNode(x).id}] AS edges
LIMIT $k
