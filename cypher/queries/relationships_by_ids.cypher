// Stored relationships by their readable id (from|TYPE|to[|key]) and endpoints.
// One row, its list holding what was found: thousands of rows cost the driver far more.
// :param keys => [{id: 'tsmc|INVESTS_IN|arizona', from_id: 'tsmc', to_id: 'arizona'}]
UNWIND $keys AS k
MATCH (a:Entity {id: k.from_id})-[r {id: k.id}]->(b:Entity {id: k.to_id})
// seek both ends by id, whatever the statistics said when the plan was cached
USING INDEX SEEK a:Entity(id) USING INDEX SEEK b:Entity(id)
RETURN collect({id: r.id, type: type(r), props: properties(r)}) AS found
