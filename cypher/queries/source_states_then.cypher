// Sources recorded by $known_at, in id order after $after (or only those in $ids), a page
// at a time, each with the state its last revision up to then recorded.
// :param known_at => '2026-03-01T12:00:00.000Z'
// :param after => ''
// :param ids => null
// :param page_size => 500
MATCH (s:Source)
WHERE s.id > $after AND ($ids IS NULL OR s.id IN $ids)
WITH s
ORDER BY s.id
LIMIT $page_size
WITH s, /*state_then(s, 'source')*/head(COLLECT { MATCH (v:Revision {item_id: s.id, item: 'source'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ AS state
RETURN s.id AS id, state
