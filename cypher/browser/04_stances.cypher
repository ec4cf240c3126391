// Stances on a proposal
// Who proposed, supports, opposes or rejected a proposal, and on what evidence.
// :param id => 'us-equal-chip-production-split'
MATCH (actor:Entity)-[r:PROPOSES|SUPPORTS|OPPOSES|REJECTS]->(p:Proposal {id: $id})
RETURN actor.name AS actor, type(r) AS stance, r.stance AS statement,
       r.evidence AS evidence, r.source_ids AS sources, r.confidence AS confidence
ORDER BY stance, actor
