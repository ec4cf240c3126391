// Stated or inferred
// Every fact, source by source: whether the source states it or the editor inferred it
// (and why). Inferred facts come first; they carry less confidence than any stated one,
// and the API's stated_only=true leaves out a fact no source states.
MATCH (a:Entity)-[r]->(b:Entity)
UNWIND range(0, size(r.source_ids) - 1) AS i
WITH a, r, b, i, r.bases[i] AS basis
RETURN basis, a.name AS from, type(r) AS fact, b.name AS to, r.source_ids[i] AS source,
       r.confidences[i] AS confidence, r.evidence[i] AS evidence,
       CASE WHEN basis = 'inferred' THEN r.reasons[i] END AS why_inferred
ORDER BY basis, confidence, fact, from
