// The live id an id stands for: itself, or the entity it was merged into.
// :param id => 'tsmc'
OPTIONAL MATCH (redirect:Redirect {id: $id})
WITH coalesce(redirect.target, $id) AS resolved
MATCH (n:Entity {id: resolved})
RETURN n.id AS id, n.kind AS kind, n.name AS name
