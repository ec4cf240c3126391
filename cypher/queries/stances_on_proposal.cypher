// Who proposed, supports, opposes or rejected a proposal, with evidence and sources.
// :param id => 'us-equal-chip-production-split'
MATCH (p:Proposal {id: $id})
OPTIONAL MATCH (actor:Entity)-[r:PROPOSES|SUPPORTS|OPPOSES|REJECTS]->(p)
RETURN p {.id, .kind, .name, .status, .proposal_type} AS proposal,
       collect(CASE WHEN r IS NOT NULL THEN {
         actor: actor {.id, .kind, .name},
         edge: r {.*, type: type(r), from_id: actor.id, to_id: p.id}
       } END) AS stances
