// An entity and its neighbourhood
// Everything within two hops of one entity. Change the id to explore another.
// :param id => 'tsmc'
MATCH p = (:Entity {id: $id})-[*1..2]-(:Entity)
RETURN p
LIMIT 100
