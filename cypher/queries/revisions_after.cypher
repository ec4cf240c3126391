// The change feed: revisions numbered after the cursor, in commit order.
// :param after => 0
// :param limit => 100
MATCH (r:Revision)
WHERE r.seq > $after
RETURN properties(r) AS revision
ORDER BY r.seq
LIMIT $limit
