// Take write locks on the stored relationships a write is about to change, then read
// them: concurrent writers of one fact take turns, and each adds its attestation to what
// the other committed instead of overwriting it. Keys as for relationships_by_ids.
// One row, its list holding what was found: thousands of rows cost the driver far more.
// :param keys => [{id: 'tsmc|INVESTS_IN|arizona', from_id: 'tsmc', to_id: 'arizona'}]
UNWIND $keys AS k
MATCH (a:Entity {id: k.from_id})-[r {id: k.id}]->(b:Entity {id: k.to_id})
// seek both ends by id, whatever the statistics said when the plan was cached
USING INDEX SEEK a:Entity(id) USING INDEX SEEK b:Entity(id)
SET r._lock = true
REMOVE r._lock
RETURN collect({id: r.id, type: type(r), props: properties(r)}) AS found
