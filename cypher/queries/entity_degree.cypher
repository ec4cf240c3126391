// How many relationships an entity has (DELETE refuses to orphan them unless cascading).
// :param id => 'tsmc'
MATCH (n:Entity {id: $id})
RETURN COUNT { (n)--(:Entity) } AS degree
