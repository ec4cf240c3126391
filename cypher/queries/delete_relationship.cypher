// Delete one relationship by its id and endpoints.
// :param id => 'tsmc|INVESTS_IN|arizona'
// :param from_id => 'tsmc'
// :param to_id => 'arizona'
MATCH (:Entity {id: $from_id})-[r {id: $id}]->(:Entity {id: $to_id})
DELETE r
RETURN count(r) AS deleted
