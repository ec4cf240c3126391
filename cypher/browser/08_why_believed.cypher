// Why a fact is believed
// One fact with each source's evidence and confidence, whether that source states it or
// the editor inferred it (and why), and the source documents.
// :param fact_id => 'tsmc|INVESTS_IN|arizona'
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id = $fact_id
MATCH (s:Source) WHERE s.id IN r.source_ids
RETURN a.name AS from, type(r) AS fact, b.name AS to, r.amount AS amount, r.currency AS currency,
       r.evidence AS evidence, r.confidences AS confidences,
       r.bases AS bases, r.reasons AS reasons,
       collect(s.title) AS sources
