// Bare baseline of GET /entities/{id}: the entity by id, with its relationships counted by
// type and direction (the summary the service's answer carries).
// :param id => 'tsmc'
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-(:Entity)
WITH n, type(r) AS type, startNode(r) = n AS outgoing, count(r) AS count
RETURN properties(n) AS props, collect({type: type, outgoing: outgoing, count: count}) AS relationships
