// Every relationship between entities of a set (the edges a graph view draws between them);
// with stated_only, only facts a source states.
// :param ids => ['tsmc', 'arizona', 'tsmc-arizona-fabs']
// :param types => null
// :param as_of => null
// :param stated_only => false
// (under known_at, each fact's known_state is its recorded state at that moment)
// :param known_at => null
// :param include_retracted => false
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
  AND ($types IS NULL OR type(r) IN $types)
  AND ($stated_only = false OR r.bases IS NULL OR 'stated' IN r.bases)
  AND (r.retracted_at IS NULL OR $include_retracted OR r.retracted_at > coalesce($known_at, r.retracted_at))
  AND ($known_at IS NULL OR r.created_at <= $known_at)
  AND ($as_of IS NULL OR (
        (r.valid_from IS NULL OR r.valid_from <= $as_of)
        AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))
WITH r, a, b
ORDER BY r.id
// one row holding every edge: hundreds of rows cost the driver far more than one list
RETURN collect(r {.*, type: type(r), known_state: CASE WHEN $known_at IS NULL THEN null ELSE head(COLLECT { MATCH (v:Revision {item_id: r.id, item: 'relationship'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 }) END, from_id: a.id, to_id: b.id}) AS edges
