// Delete an entity with its relationships, the ids that were merged into it, and the
// entities kept as they stood before those merges (with their facts).
// :param id => 'example-firm'
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (redirect:Redirect {target: $id})
OPTIONAL MATCH (kept:Entity {id: redirect.id})
DETACH DELETE n, redirect, kept
RETURN count(DISTINCT n) AS deleted
