// Restore a retracted entity, and the facts retracted with it whose other end is current:
// also those retracted with their other end, restored while this one was retracted (the
// fact waited for both).
// :param id => 'example-firm'
MATCH (n:Entity {id: $id})
WHERE n.retracted_at IS NOT NULL
REMOVE n.retracted_at, n.retracted_by, n.retraction_reason, n.retracted_with_source
WITH n
OPTIONAL MATCH (n)-[r]-(other:Entity)
WHERE r.retracted_with IN [$id, other.id] AND other.retracted_at IS NULL
REMOVE r.retracted_at, r.retracted_by, r.retraction_reason, r.retracted_with,
       r.retracted_with_source
RETURN properties(n) AS entity,
       collect(r {.*, type: type(r), from_id: startNode(r).id, to_id: endNode(r).id}) AS facts
