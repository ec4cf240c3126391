// Purging erases an item's earlier states from its history too (a legal removal leaves
// no copy); the revisions stay, marked, so the history says that something was there.
// :param items => [{item: 'entity', item_id: 'example-firm'}]
UNWIND $items AS it
MATCH (r:Revision {item_id: it.item_id, item: it.item})
SET r.state = null, r.erased = true
RETURN count(r) AS erased
