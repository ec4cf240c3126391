// The facts that cite any of these sources, with the date and retraction of every
// source they cite: when a source's date changes, or it is retracted or restored, the
// claims of these facts are weighed again (retracted and restored facts included).
// :param ids => ['taiwan-us-tech-talks-article']
UNWIND $ids AS source_id
MATCH (a:Entity)-[r]->(b:Entity)
WHERE source_id IN r.source_ids
  AND r.merged_into IS NULL  // what is kept of a merged entity's fact stays as it stood
WITH DISTINCT a, r, b
OPTIONAL MATCH (s:Source)
WHERE s.id IN r.source_ids
RETURN r.id AS id, type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props,
       collect(s {.id, .published, .retracted_at}) AS sources
