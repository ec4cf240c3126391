// Every relationship of an entity, both directions, with the entity at the other end.
// :param id => 'tsmc'
MATCH (n:Entity {id: $id})-[r]-(other:Entity)
RETURN type(r) AS type, properties(r) AS props, other.id AS other_id,
       startNode(r) = n AS outgoing
ORDER BY r.id
