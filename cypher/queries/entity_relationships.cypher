// Every relationship of an entity, both directions, with the entity at the other end.
// With merged, also the facts kept as they stood before a merge (cypher/queries/mark_merged.cypher).
// :param id => 'tsmc'
// :param merged => false
MATCH (n:Entity {id: $id})-[r]-(other:Entity)
WHERE $merged OR r.merged_into IS NULL
RETURN type(r) AS type, properties(r) AS props, other.id AS other_id,
       startNode(r) = n AS outgoing
ORDER BY r.id
