// Store the ends' ids on every fact that lacks them (facts written before schema version 6),
// in batches of their own transactions. Walks read a hub's facts through indexes on these
// (cypher/schema/006_relationship_ends.cypher); run once when the schema is applied to an
// older graph, and again harmlessly.
MATCH (a)-[r]->(b)
WHERE r.id IS NOT NULL AND (r.from_id IS NULL OR r.to_id IS NULL)
CALL (r, a, b) {
  SET r.from_id = a.id, r.to_id = b.id
} IN TRANSACTIONS OF 10000 ROWS
