// The facts in the present with an evidence span into this source's text, for a new text
// to re-anchor them: read when the text is replaced (a scan of the facts with spans, as
// rare as the write). What is kept of a merged entity's fact, and a retracted fact, keep
// their spans as they stood, naming the text they were counted in.
// :param id => 'taiwan-us-tech-talks-article'
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.selectors IS NOT NULL AND $id IN r.source_ids
  AND r.merged_into IS NULL AND r.retracted_at IS NULL
RETURN r.id AS id, type(r) AS type, a.id AS from_id, b.id AS to_id, properties(r) AS props
ORDER BY r.id
