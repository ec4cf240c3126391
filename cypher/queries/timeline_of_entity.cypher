// The events around an entity and its dated facts, for a timeline (ordered by the service).
// With stated_only, only facts a source states. Event kinds are those the domain declares with a timeline date (graph/domain/domain.yaml).
// :param id => 'taiwan-us-tech-talks'
// :param event_kinds => ['event']
// :param stated_only => false
// :param as_of => null
// (under known_at, each fact's known_state is its recorded state at that moment)
// :param known_at => null
// :param include_retracted => false
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-(other:Entity)
WHERE (other.kind IN $event_kinds OR r.valid_from IS NOT NULL OR r.valid_to IS NOT NULL)
  AND ($stated_only = false OR $known_at IS NOT NULL OR 'stated' IN r.bases)
  AND /*seen_then(r)*/((r.retracted_at IS NULL OR ($include_retracted AND coalesce(r.merged_at > $known_at, r.merged_at IS NULL)) OR r.retracted_at > coalesce($known_at, r.retracted_at)) AND ($known_at IS NULL OR r.created_at <= $known_at))/*end*/
  AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
RETURN n {.id, .kind, .name} AS entity,
       collect(CASE WHEN r IS NOT NULL THEN {
         other: other {.*},
         edge: r {.*, type: type(r), known_state: CASE WHEN $known_at IS NULL THEN null ELSE /*state_then(r, 'relationship')*/head(COLLECT { MATCH (v:Revision {item_id: r.id, item: 'relationship'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ END, from_id: startNode(r).id, to_id: endNode(r).id}
       } END) AS items
