// Store entities' `attribute_claims`; each row is {id, claims}. Changes no timestamp and
// records no revision: what the entity says is as it was.
// :param rows => [{id: 'tsmc', claims: '{"src-1":{"sector":"semiconductors"}}'}]
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.attribute_claims = row.claims
RETURN count(n) AS stored
