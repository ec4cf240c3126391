// Who proposed, supports, opposes or rejected a proposal, with evidence and sources.
// The stance types and the kinds they point at come from the domain (graph/domain.yaml).
// :param id => 'us-equal-chip-production-split'
// :param types => ['PROPOSES', 'SUPPORTS', 'OPPOSES', 'REJECTS']
// :param kinds => ['proposal']
MATCH (p:Entity {id: $id})
WHERE p.kind IN $kinds
OPTIONAL MATCH (actor:Entity)-[r]->(p)
WHERE type(r) IN $types
RETURN p {.*} AS proposal,
       collect(CASE WHEN r IS NOT NULL THEN {
         actor: actor {.id, .kind, .name},
         edge: r {.*, type: type(r), from_id: actor.id, to_id: p.id}
       } END) AS stances
