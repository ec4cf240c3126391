// The entities citing a source, write-locked in id order (as every writer locks entities),
// with the date and retraction of every source each cites and how many current facts it
// has: a source's retraction or restore weighs their claims again, and retracts or
// restores those that rest on retracted sources alone.
// Not what is kept of a merged entity (it stays as it stood).
// :param id => 'taiwan-us-tech-talks-article'
MATCH (n:Entity)
WHERE $id IN n.source_ids AND n.merged_into IS NULL
WITH n ORDER BY n.id
SET n._lock = true
REMOVE n._lock
WITH n
OPTIONAL MATCH (s:Source) WHERE s.id IN n.source_ids
RETURN n.id AS id, properties(n) AS props,
       collect(s {.id, .published, .retracted_at}) AS sources
