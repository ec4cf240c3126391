// The events around an entity and its dated facts, for a timeline (ordered by the service).
// With stated_only, only facts a source states. Event kinds are those the domain declares with a timeline date (graph/domain.yaml).
// :param id => 'taiwan-us-tech-talks'
// :param event_kinds => ['event']
// :param stated_only => false
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-(other:Entity)
WHERE (other.kind IN $event_kinds OR r.valid_from IS NOT NULL OR r.valid_to IS NOT NULL)
  AND ($stated_only = false OR r.bases IS NULL OR 'stated' IN r.bases)
RETURN n {.id, .kind, .name} AS entity,
       collect(CASE WHEN r IS NOT NULL THEN {
         other: other {.*},
         edge: r {.*, type: type(r), from_id: startNode(r).id, to_id: endNode(r).id}
       } END) AS items
