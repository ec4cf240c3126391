// Stored entities by id (the write path reads them to tell created / updated / unchanged).
// One row, its list holding what was found: thousands of rows cost the driver far more.
// :param ids => ['tsmc', 'arizona']
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.merged_into IS NULL  // not one kept as it stood before a merge
RETURN collect({id: n.id, props: properties(n)}) AS found
