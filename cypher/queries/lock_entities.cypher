// Take write locks on the stored entities a write is about to change, then read them:
// concurrent writers of one entity take turns, and each merges its sources into what the
// other committed instead of overwriting it. (Setting and removing a property is how
// Cypher takes a node's write lock; it leaves the node as it was.)
// The service sends the ids sorted, so locks are always taken in one order.
// One row, its list holding what was found: thousands of rows cost the driver far more.
// :param ids => ['arizona', 'tsmc']
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.merged_into IS NULL  // not one kept as it stood before a merge
SET n._lock = true
REMOVE n._lock
RETURN collect({id: n.id, props: properties(n)}) AS found
