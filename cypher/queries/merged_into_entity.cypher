// The entities kept as they stood before they were merged into this one (directly, or
// into an entity merged into it since), each with the ids of its facts.
// :param id => 'tsmc'
MATCH (redirect:Redirect {target: $id})
MATCH (kept:Entity {id: redirect.id})
RETURN kept.id AS id, [(kept)-[r]-(:Entity) | r.id] AS facts
ORDER BY id
