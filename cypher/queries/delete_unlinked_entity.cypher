// Delete an entity that has no relationships, and the ids that were merged into it.
// Not DETACH DELETE: should a relationship to it have been committed since the service
// counted none, the commit fails (and the service counts again) instead of dropping it.
// :param id => 'example-firm'
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (redirect:Redirect {target: $id})
DELETE n, redirect
RETURN count(DISTINCT n) AS deleted
