// Take write locks on entities before a write reads their relationships, so concurrent
// writers touching the same entities take turns (ids sorted: locks always in one order).
// :param ids => ['arizona', 'tsmc']
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n._lock = true
REMOVE n._lock
RETURN count(n) AS locked
