// How many relationships of each type the graph held at $known_at: recorded by then, and
// neither retracted nor moved by a merge then (by the last revision of each up to then).
// :param known_at => '2026-03-01T12:00:00.000Z'
MATCH (:Entity)-[r]->(:Entity)
WHERE r.created_at <= $known_at
WITH r, head(COLLECT {
  MATCH (v:Revision {item_id: r.id, item: 'relationship'})
  WHERE v.at <= $known_at
  RETURN v.op ORDER BY v.seq DESC LIMIT 1
}) AS op
WHERE NOT coalesce(op, 'created') IN ['retracted', 'merged', 'purged']
RETURN type(r) AS type, count(*) AS count
ORDER BY type
