// Current entities whose sources disagree about their attributes, in id order, a page at a
// time (cursor: the last id seen).
// :param after => ''
// :param limit => 50
MATCH (n:Entity)
WHERE n.disputed = true AND n.retracted_at IS NULL AND n.id > $after
RETURN properties(n) AS props
ORDER BY n.id
LIMIT $limit
