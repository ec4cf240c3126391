// The kind of each stored entity by id, and whether it is retracted: all a relationship's
// ends need to be checked.
// One row, its list holding what was found: thousands of rows cost the driver far more.
// :param ids => ['tsmc', 'arizona']
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.merged_into IS NULL  // not one kept as it stood before a merge
RETURN collect({id: n.id, kind: n.kind, retracted: n.retracted_at IS NOT NULL}) AS found
