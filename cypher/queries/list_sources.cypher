// Sources in id order, a page at a time (cursor: the last id of the previous page).
// :param after => ''
// :param limit => 50
MATCH (s:Source)
WHERE s.id > $after
RETURN properties(s) AS props
ORDER BY s.id
LIMIT $limit
