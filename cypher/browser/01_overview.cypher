// The whole graph at a glance
// Every entity and fact the service holds (capped at 300 facts). Click a node for its
// properties: each relationship lists its source_ids, evidence, confidences and bases
// (stated or inferred, with reasons).
MATCH p = (:Entity)-[]->(:Entity)
RETURN p
LIMIT 300
