// Take write locks on entities, and say their kinds, before a write reads their
// relationships: concurrent writers touching the same entities take turns (the service
// sends the ids sorted, so locks are always taken in one order).
// :param ids => ['arizona', 'tsmc']
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n._lock = true
REMOVE n._lock
RETURN n.id AS id, n.kind AS kind
