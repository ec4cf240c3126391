// The live id an id stands for: itself, or the entity it was merged into.
// :param id => 'tsmc'
// :param known_at => null
// :param include_retracted => false
OPTIONAL MATCH (redirect:Redirect {id: $id})
WITH coalesce(redirect.target, $id) AS resolved
MATCH (n:Entity {id: resolved})
WHERE ((n.retracted_at IS NULL OR $include_retracted OR n.retracted_at > coalesce($known_at, n.retracted_at))
  AND ($known_at IS NULL OR n.created_at <= $known_at))
// (under known_at, known_state is the entity's recorded state at that moment: an entity
// retracted then and restored since reads as retracted then)
RETURN n.id AS id, n.kind AS kind, n.name AS name,
       CASE WHEN $known_at IS NULL THEN null ELSE head(COLLECT { MATCH (v:Revision {item_id: n.id, item: 'entity'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 }) END AS known_state
