// The revision of an item just before a given one (what a history page's first entry changed).
// :param item => 'entity'
// :param item_id => 'tsmc'
// :param seq => 2
MATCH (r:Revision {item_id: $item_id, item: $item})
WHERE r.seq < $seq
RETURN properties(r) AS revision
ORDER BY r.seq DESC
LIMIT 1
