// How two entities are connected
// Every shortest path between two entities, in either direction.
// :param from_id => 'cheng-li-chiun'
// :param to_id => 'tsmc'
MATCH p = ALL SHORTEST (:Entity {id: $from_id})-[]-{1,6}(:Entity {id: $to_id})
RETURN p
