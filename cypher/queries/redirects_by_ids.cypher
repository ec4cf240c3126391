// Ids that were merged into another entity, and the entity they resolve to now.
// One row, its list holding what was found: thousands of rows cost the driver far more.
// :param ids => ['taiwan-semiconductor']
UNWIND $ids AS id
MATCH (r:Redirect {id: id})
RETURN collect({id: r.id, target: r.target}) AS found
