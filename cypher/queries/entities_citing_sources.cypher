// The entities that cite any of these sources, with the date and retraction of every
// source they cite: when a source's date changes, or it is retracted or restored, the
// claims of these entities are weighed again (retracted and restored entities included).
// :param ids => ['taiwan-us-tech-talks-article']
UNWIND $ids AS source_id
MATCH (n:Entity)
WHERE source_id IN n.source_ids
  AND n.merged_into IS NULL  // what is kept of a merged entity stays as it stood
WITH DISTINCT n
OPTIONAL MATCH (s:Source)
WHERE s.id IN n.source_ids
RETURN n.id AS id, properties(n) AS props, collect(s {.id, .published, .retracted_at}) AS sources
