// Delete an entity with its relationships, and the ids that were merged into it.
// :param id => 'example-firm'
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (redirect:Redirect {target: $id})
DETACH DELETE n, redirect
RETURN count(DISTINCT n) AS deleted
