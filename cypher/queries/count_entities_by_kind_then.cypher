// How many entities of each kind the graph held at $known_at: recorded by then, and
// neither retracted nor merged away then (by the state its last revision up to then
// recorded).
// :param known_at => '2026-03-01T12:00:00.000Z'
MATCH (n:Entity)
WHERE n.created_at <= $known_at
WITH n, /*state_then(n, 'entity')*/head(COLLECT { MATCH (v:Revision {item_id: n.id, item: 'entity'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ AS state
// the state as recorded (canonical JSON: sorted keys, no spaces, so a key is found as
// written; a quote inside a value is escaped, so no value can look like one)
// (an item stored before history was kept has no revision: as it is)
WHERE NOT coalesce(state, '') CONTAINS '"retracted_at":'
  AND NOT coalesce(state, '') CONTAINS '"merged_into":'
RETURN n.kind AS kind, count(*) AS count
ORDER BY kind
