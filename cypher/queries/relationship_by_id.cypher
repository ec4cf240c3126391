// One fact and why it is believed: the relationship with its evidence and full source records.
// :param id => 'tsmc|INVESTS_IN|arizona'
// :param from_id => 'tsmc'
// :param to_id => 'arizona'
// :param known_at => null
// :param include_retracted => false
MATCH (a:Entity {id: $from_id})-[r {id: $id}]->(b:Entity {id: $to_id})
WHERE /*seen_then(r)*/((r.retracted_at IS NULL OR ($include_retracted AND coalesce(r.merged_at > $known_at, r.merged_at IS NULL)) OR r.retracted_at > coalesce($known_at, r.retracted_at)) AND ($known_at IS NULL OR r.created_at <= $known_at))/*end*/
OPTIONAL MATCH (s:Source) WHERE s.id IN r.source_ids
RETURN type(r) AS type, properties(r) AS props, a.id AS from_id, b.id AS to_id,
       a.name AS from_name, b.name AS to_name,
       collect(properties(s)) AS sources,
       CASE WHEN $known_at IS NULL THEN null ELSE /*state_then(r, 'relationship')*/head(COLLECT { MATCH (v:Revision {item_id: r.id, item: 'relationship'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ END AS known_state
