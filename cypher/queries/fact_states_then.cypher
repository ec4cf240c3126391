// Facts recorded by $known_at, in id order after $after, a page at a time, each with the
// state its last revision up to then recorded, and its ends' names as recorded then.
// :param known_at => '2026-03-01T12:00:00.000Z'
// :param after => ''
// :param page_size => 500
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id > $after AND r.created_at <= $known_at
WITH a, r, b
ORDER BY r.id
LIMIT $page_size
RETURN r.id AS id,
       /*state_then(r, 'relationship')*/head(COLLECT { MATCH (v:Revision {item_id: r.id, item: 'relationship'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ AS state,
       [e IN [a, b] | /*state_then(e, 'entity')*/head(COLLECT { MATCH (v:Revision {item_id: e.id, item: 'entity'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/] AS ends
