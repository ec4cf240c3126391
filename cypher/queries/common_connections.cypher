// What links both entities: every entity one hop from each, with the facts on either side
// (with stated_only, only facts a source states).
// :param a => 'taiwan-government'
// :param b => 'us-government'
// :param types => null
// :param as_of => null
// :param stated_only => false
// :param limit => 100
// (under known_at, each fact's known_state is its recorded state at that moment)
// :param known_at => null
// :param include_retracted => false
MATCH (x:Entity {id: $a})-[ra]-(c:Entity)-[rb]-(y:Entity {id: $b})
WHERE c <> x AND c <> y
  AND ($types IS NULL OR (type(ra) IN $types AND type(rb) IN $types))
  AND all(r IN [ra, rb] WHERE ($stated_only = false OR $known_at IS NOT NULL OR 'stated' IN r.bases))
  AND all(r IN [ra, rb] WHERE /*seen_then(r)*/((r.retracted_at IS NULL OR ($include_retracted AND coalesce(r.merged_at > $known_at, r.merged_at IS NULL)) OR r.retracted_at > coalesce($known_at, r.retracted_at)) AND ($known_at IS NULL OR r.created_at <= $known_at))/*end*/)
  AND all(r IN [ra, rb] WHERE /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/)
WITH c,
     collect(DISTINCT ra {.*, type: type(ra), known_state: CASE WHEN $known_at IS NULL THEN null ELSE /*state_then(ra, 'relationship')*/head(COLLECT { MATCH (v:Revision {item_id: ra.id, item: 'relationship'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ END, from_id: startNode(ra).id, to_id: endNode(ra).id}) AS via_a,
     collect(DISTINCT rb {.*, type: type(rb), known_state: CASE WHEN $known_at IS NULL THEN null ELSE /*state_then(rb, 'relationship')*/head(COLLECT { MATCH (v:Revision {item_id: rb.id, item: 'relationship'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ END, from_id: startNode(rb).id, to_id: endNode(rb).id}) AS via_b
RETURN c {.id, .kind, .name} AS node, via_a, via_b
ORDER BY c.id
LIMIT $limit
