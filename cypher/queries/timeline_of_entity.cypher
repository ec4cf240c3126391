// The events around an entity and its dated facts, for a timeline (ordered by the service).
// Event kinds are those the domain declares with a timeline date (graph/domain.yaml).
// :param id => 'taiwan-us-tech-talks'
// :param event_kinds => ['event']
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-(other:Entity)
WHERE other.kind IN $event_kinds OR r.valid_from IS NOT NULL OR r.valid_to IS NOT NULL
RETURN n {.id, .kind, .name} AS entity,
       collect(CASE WHEN r IS NOT NULL THEN {
         other: other {.*},
         edge: r {.*, type: type(r), from_id: startNode(r).id, to_id: endNode(r).id}
       } END) AS items
