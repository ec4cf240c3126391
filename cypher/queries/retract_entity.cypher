// Retract an entity: it and (with cascade) its current facts are hidden from current
// answers and kept, each marked with when, by whom and why; facts retracted with it
// remember it (`retracted_with`) so that restoring it restores them.
// :param id => 'example-firm'
// :param at => '2026-03-01T12:00:00.000Z'
// :param by => 'local'
// :param reason => 'a duplicate of another entry'
MATCH (n:Entity {id: $id})
WHERE n.retracted_at IS NULL
SET n.retracted_at = $at, n.retracted_by = $by, n.retraction_reason = coalesce($reason, '')
WITH n
OPTIONAL MATCH (n)-[r]-(:Entity)
WHERE r.retracted_at IS NULL
SET r.retracted_at = $at, r.retracted_by = $by, r.retraction_reason = coalesce($reason, ''),
    r.retracted_with = $id
RETURN properties(n) AS entity,
       collect(r {.*, type: type(r), from_id: startNode(r).id, to_id: endNode(r).id}) AS facts
