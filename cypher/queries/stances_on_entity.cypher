// The stances taken on an entity (who proposed, supports, opposes or rejected it), with
// evidence and sources (with stated_only, only stances a source states).
// The stance types and the kinds they point at come from the domain (graph/domain/domain.yaml).
// :param id => 'us-equal-chip-production-split'
// :param types => ['PROPOSES', 'SUPPORTS', 'OPPOSES', 'REJECTS']
// :param kinds => ['proposal']
// :param stated_only => false
// :param as_of => null
// (under known_at, each fact's known_state is its recorded state at that moment)
// :param known_at => null
// :param include_retracted => false
MATCH (e:Entity {id: $id})
WHERE e.kind IN $kinds
OPTIONAL MATCH (actor:Entity)-[r]->(e)
WHERE type(r) IN $types
  AND ($stated_only = false OR $known_at IS NOT NULL OR 'stated' IN r.bases)
  AND /*seen_then(r)*/((r.retracted_at IS NULL OR ($include_retracted AND coalesce(r.merged_at > $known_at, r.merged_at IS NULL)) OR r.retracted_at > coalesce($known_at, r.retracted_at)) AND ($known_at IS NULL OR r.created_at <= $known_at))/*end*/
  AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
// (under known_at, entity_then is the entity's state recorded at that moment: its own
// fields as they stood then)
RETURN e {.*} AS entity,
       CASE WHEN $known_at IS NULL THEN null ELSE /*state_then(e, 'entity')*/head(COLLECT { MATCH (v:Revision {item_id: e.id, item: 'entity'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ END AS entity_then,
       collect(CASE WHEN r IS NOT NULL THEN {
         actor: actor {.id, .kind, .name},
         edge: r {.*, type: type(r), known_state: CASE WHEN $known_at IS NULL THEN null ELSE /*state_then(r, 'relationship')*/head(COLLECT { MATCH (v:Revision {item_id: r.id, item: 'relationship'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ END, from_id: actor.id, to_id: e.id}
       } END) AS stances
