// How many entities of each kind the graph held at $known_at: recorded by then, and
// neither retracted nor merged away then (by the last revision of each up to then).
// :param known_at => '2026-03-01T12:00:00.000Z'
MATCH (n:Entity)
WHERE n.created_at <= $known_at
WITH n, head(COLLECT {
  MATCH (v:Revision {item_id: n.id, item: 'entity'})
  WHERE v.at <= $known_at
  RETURN v.op ORDER BY v.seq DESC LIMIT 1
}) AS op
WHERE NOT coalesce(op, 'created') IN ['retracted', 'merged', 'purged']
RETURN n.kind AS kind, count(*) AS count
ORDER BY kind
