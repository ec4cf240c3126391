// Stored entities by id (the write path reads them to tell created / updated / unchanged).
// :param ids => ['tsmc', 'arizona']
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, properties(n) AS props
