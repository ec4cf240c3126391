// Keep an entity merged into another, and its facts, as they were: out of the present
// (retracted at the merge, and marked merged: into what, when), so that a read at an
// earlier moment still finds them, under their own ids, and the history stays whole.
// A fact retracted before the merge keeps its retraction. Returns what each now holds,
// for the merge's revisions.
// :param id => 'taiwan-semiconductor'
// :param into_id => 'tsmc'
// :param moved => [{id: 'taiwan-semiconductor|LOCATED_IN|taiwan', into: 'tsmc|LOCATED_IN|taiwan'}]
// :param at => '2026-03-01T12:00:00.000Z'
// :param by => 'local'
MATCH (n:Entity {id: $id})
SET n.merged_into = $into_id, n.merged_at = $at, n.retracted_at = $at, n.retracted_by = $by,
    n.retraction_reason = 'merged into ' + $into_id
WITH n
CALL (n) {
  UNWIND $moved AS fact
  MATCH (n)-[r {id: fact.id}]-(:Entity)
  SET r.merged_into = fact.into, r.merged_at = $at,
      r.retracted_at = coalesce(r.retracted_at, $at),
      r.retracted_by = coalesce(r.retracted_by, $by),
      r.retraction_reason = coalesce(r.retraction_reason, 'merged into ' + $into_id)
  RETURN collect(r {.*, type: type(r), from_id: startNode(r).id, to_id: endNode(r).id}) AS facts
}
RETURN properties(n) AS entity, facts
