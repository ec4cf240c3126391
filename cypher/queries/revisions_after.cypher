// The change feed: revisions numbered after the cursor, in commit order, each with the
// state its item had before it (the revision of that item just before), so the feed can
// say which fields each changed, as a history does.
// :param after => 0
// :param limit => 100
MATCH (r:Revision)
WHERE r.seq > $after
WITH r
ORDER BY r.seq
LIMIT $limit
RETURN properties(r) AS revision,
       head(COLLECT {
         MATCH (p:Revision {item_id: r.item_id, item: r.item})
         WHERE p.seq < r.seq
         RETURN p.state ORDER BY p.seq DESC LIMIT 1
       }) AS before
