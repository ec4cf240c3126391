// One item's revisions, oldest first, after a revision number (a page at a time).
// :param item => 'entity'
// :param item_id => 'tsmc'
// :param after => 0
// :param limit => 50
MATCH (r:Revision {item_id: $item_id, item: $item})
WHERE r.seq > $after
RETURN properties(r) AS revision
ORDER BY r.seq
LIMIT $limit
