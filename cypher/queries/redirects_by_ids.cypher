// Ids that were merged into another entity, and the entity they resolve to now.
// :param ids => ['taiwan-semiconductor']
UNWIND $ids AS id
MATCH (r:Redirect {id: id})
RETURN r.id AS id, r.target AS target
