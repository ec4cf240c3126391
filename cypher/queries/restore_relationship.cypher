// Restore one retracted fact (both its ends current).
// :param id => 'tsmc|INVESTS_IN|arizona'
// :param from_id => 'tsmc'
// :param to_id => 'arizona'
MATCH (a:Entity {id: $from_id})-[r {id: $id}]->(b:Entity {id: $to_id})
WHERE r.retracted_at IS NOT NULL AND a.retracted_at IS NULL AND b.retracted_at IS NULL
REMOVE r.retracted_at, r.retracted_by, r.retraction_reason, r.retracted_with,
       r.retracted_with_source
RETURN r {.*, type: type(r), from_id: a.id, to_id: b.id} AS fact
