// Entities to export with their labels and every property: all of them, or those in ids,
// a page at a time in id order ($after: the last id of the page before, '' for the first),
// so the database never sorts the whole graph in its heap.
// :param ids => null
// :param after => ''
// :param page_size => 2000
// :param known_at => null
// :param include_retracted => false
MATCH (n:Entity)
WHERE n.id > $after
  AND ($ids IS NULL OR n.id IN $ids)
  AND /*seen_then(n)*/((n.retracted_at IS NULL OR ($include_retracted AND coalesce(n.merged_at > $known_at, n.merged_at IS NULL)) OR n.retracted_at > coalesce($known_at, n.retracted_at)) AND ($known_at IS NULL OR n.created_at <= $known_at))/*end*/
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props,
       CASE WHEN $known_at IS NULL THEN null ELSE /*state_then(n, 'entity')*/head(COLLECT { MATCH (v:Revision {item_id: n.id, item: 'entity'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ END AS known_state
ORDER BY n.id
LIMIT $page_size
