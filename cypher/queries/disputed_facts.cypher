// Current facts whose sources disagree (a claim that contradicts the values answered), in id
// order, a page at a time (cursor: the last id seen).
// :param after => ''
// :param limit => 50
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.disputed = true AND r.retracted_at IS NULL AND r.id > $after
RETURN r {.*, type: type(r), from_id: a.id, to_id: b.id} AS edge, a.name AS from_name,
       b.name AS to_name
ORDER BY r.id
LIMIT $limit
