// Relationships to export with every property: all of them, or those among the entities in
// ids; with stated_only, only facts a source states (the service keeps their stated
// attestations). A page at a time: the facts starting at the next $page_size entities in id
// order after $after ('' for the first), so the database never sorts every fact in its
// heap; each row names its page entity (`start`), and an entity with no fact to export
// has one row with a null id, so the service knows where the page ends.
// :param after => ''
// :param page_size => 2000
// :param ids => null
// :param stated_only => false
// :param as_of => null
// :param known_at => null
// :param include_retracted => false
MATCH (a:Entity)
WHERE a.id > $after AND ($ids IS NULL OR a.id IN $ids)
WITH a
ORDER BY a.id
LIMIT $page_size
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE ($ids IS NULL OR b.id IN $ids)
  AND ($stated_only = false OR $known_at IS NOT NULL OR 'stated' IN r.bases)
  AND /*seen_then(r)*/((r.retracted_at IS NULL OR ($include_retracted AND coalesce(r.merged_at > $known_at, r.merged_at IS NULL)) OR r.retracted_at > coalesce($known_at, r.retracted_at)) AND ($known_at IS NULL OR r.created_at <= $known_at))/*end*/
  AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
RETURN a.id AS start, r.id AS id, type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props,
       CASE WHEN $known_at IS NULL OR r IS NULL THEN null ELSE /*state_then(r, 'relationship')*/head(COLLECT { MATCH (v:Revision {item_id: r.id, item: 'relationship'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ END AS known_state
ORDER BY start, id
