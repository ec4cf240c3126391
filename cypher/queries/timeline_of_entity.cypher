// The events around an entity and its dated facts, for a timeline (ordered by the service).
// :param id => 'taiwan-us-tech-talks'
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-(other:Entity)
WHERE other:Event OR r.valid_from IS NOT NULL OR r.valid_to IS NOT NULL
RETURN n {.id, .kind, .name, .start_date, .end_date} AS entity,
       collect(CASE WHEN r IS NOT NULL THEN {
         other: other {.id, .kind, .name, .start_date, .end_date, .event_type},
         edge: r {.*, type: type(r), from_id: startNode(r).id, to_id: endNode(r).id}
       } END) AS items
