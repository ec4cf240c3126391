// The kind of each stored entity by id: all a relationship's ends need to be checked.
// :param ids => ['tsmc', 'arizona']
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.kind AS kind
