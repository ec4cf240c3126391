// Retract one current fact: hidden from current answers, kept with its sources and history.
// :param id => 'tsmc|INVESTS_IN|arizona'
// :param from_id => 'tsmc'
// :param to_id => 'arizona'
// :param at => '2026-03-01T12:00:00.000Z'
// :param by => 'local'
// :param reason => 'the source corrected itself'
MATCH (a:Entity {id: $from_id})-[r {id: $id}]->(b:Entity {id: $to_id})
WHERE r.retracted_at IS NULL
SET r.retracted_at = $at, r.retracted_by = $by, r.retraction_reason = coalesce($reason, '')
RETURN r {.*, type: type(r), from_id: a.id, to_id: b.id} AS fact
