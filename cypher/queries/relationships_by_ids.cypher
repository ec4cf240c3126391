// Stored relationships by their readable id (from|TYPE|to[|key]) and endpoints.
// :param keys => [{id: 'tsmc|INVESTS_IN|arizona', from_id: 'tsmc', to_id: 'arizona'}]
UNWIND $keys AS k
MATCH (a:Entity {id: k.from_id})-[r {id: k.id}]->(b:Entity {id: k.to_id})
RETURN r.id AS id, type(r) AS type, properties(r) AS props
