// The facts citing a source, write-locked in id order, with the date and retraction of
// every source each cites and whether both its ends are current: a source's retraction
// or restore weighs their claims again, and retracts or restores those that rest on
// retracted sources alone. Not what is kept of a merged entity's fact.
// :param id => 'taiwan-us-tech-talks-article'
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $id IN r.source_ids AND r.merged_into IS NULL
WITH a, r, b ORDER BY r.id
SET r._lock = true
REMOVE r._lock
WITH a, r, b
OPTIONAL MATCH (s:Source) WHERE s.id IN r.source_ids
RETURN r.id AS id, type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props,
       a.retracted_at IS NULL AND b.retracted_at IS NULL AS ends_current,
       collect(s {.id, .published, .retracted_at}) AS sources
