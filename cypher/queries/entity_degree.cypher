// How many relationships an entity has (DELETE refuses to orphan them unless cascading);
// with current_only, only those not retracted.
// :param id => 'tsmc'
// :param current_only => true
MATCH (n:Entity {id: $id})
RETURN COUNT { (n)-[r]-(:Entity) WHERE NOT $current_only OR r.retracted_at IS NULL } AS degree
