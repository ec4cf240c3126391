// Who proposed, supports, opposes or rejected a proposal, with evidence and sources
// (with stated_only, only stances a source states).
// The stance types and the kinds they point at come from the domain (graph/domain.yaml).
// :param id => 'us-equal-chip-production-split'
// :param types => ['PROPOSES', 'SUPPORTS', 'OPPOSES', 'REJECTS']
// :param kinds => ['proposal']
// :param stated_only => false
MATCH (p:Entity {id: $id})
WHERE p.kind IN $kinds
OPTIONAL MATCH (actor:Entity)-[r]->(p)
WHERE type(r) IN $types
  AND ($stated_only = false OR r.bases IS NULL OR 'stated' IN r.bases)
RETURN p {.*} AS proposal,
       collect(CASE WHEN r IS NOT NULL THEN {
         actor: actor {.id, .kind, .name},
         edge: r {.*, type: type(r), from_id: actor.id, to_id: p.id}
       } END) AS stances
