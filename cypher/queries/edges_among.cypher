// Every relationship between entities of a set (the edges a graph view draws between them);
// with stated_only, only facts a source states.
// :param ids => ['tsmc', 'arizona', 'tsmc-arizona-fabs']
// :param types => null
// :param as_of => null
// :param stated_only => false
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
  AND ($types IS NULL OR type(r) IN $types)
  AND ($stated_only = false OR r.bases IS NULL OR 'stated' IN r.bases)
  AND ($as_of IS NULL OR (
        (r.valid_from IS NULL OR r.valid_from <= $as_of)
        AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))
WITH r, a, b
ORDER BY r.id
// one row holding every edge: hundreds of rows cost the driver far more than one list
RETURN collect(r {.*, type: type(r), from_id: a.id, to_id: b.id}) AS edges
