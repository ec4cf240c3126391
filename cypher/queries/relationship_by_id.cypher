// One fact and why it is believed: the relationship with its evidence and full source records.
// :param id => 'tsmc|INVESTS_IN|arizona'
// :param from_id => 'tsmc'
// :param to_id => 'arizona'
MATCH (a:Entity {id: $from_id})-[r {id: $id}]->(b:Entity {id: $to_id})
OPTIONAL MATCH (s:Source) WHERE s.id IN r.source_ids
RETURN type(r) AS type, properties(r) AS props, a.id AS from_id, b.id AS to_id,
       a.name AS from_name, b.name AS to_name,
       collect(properties(s)) AS sources
