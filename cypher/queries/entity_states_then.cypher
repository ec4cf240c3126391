// Entities recorded by $known_at, in id order after $after, a page at a time, each with
// the state its last revision up to then recorded (what answers at that moment read).
// :param known_at => '2026-03-01T12:00:00.000Z'
// :param after => ''
// :param page_size => 500
MATCH (n:Entity)
WHERE n.id > $after AND n.created_at <= $known_at
WITH n
ORDER BY n.id
LIMIT $page_size
RETURN n.id AS id, /*state_then(n, 'entity')*/head(COLLECT { MATCH (v:Revision {item_id: n.id, item: 'entity'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ AS state
