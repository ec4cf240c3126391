// The items changed by revisions numbered after $head, each with the state it had at
// $head (the state recorded by its last revision up to $head; null when it did not exist
// then, or was erased). What a many-query answer pinned to $head puts back in place of
// what it read. `merged` says whether a revision after $head merged the item away.
// :param head => 0
MATCH (r:Revision)
WHERE r.seq > $head
WITH r.item AS item, r.item_id AS item_id, min(r.seq) AS first, collect(r.op) AS ops
RETURN item, item_id, 'merged' IN ops AS merged,
       head(COLLECT {
         MATCH (p:Revision {item_id: item_id, item: item})
         WHERE p.seq < first
         RETURN p.state ORDER BY p.seq DESC LIMIT 1
       }) AS state
