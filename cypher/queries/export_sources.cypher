// Sources to export: all of them, or those in ids; under known_at, those recorded by then
// (their values as they are now: sources keep no history of their own).
// :param ids => null
// :param known_at => null
MATCH (s:Source)
WHERE ($ids IS NULL OR s.id IN $ids)
  AND ($known_at IS NULL OR s.created_at IS NULL OR s.created_at <= $known_at)
RETURN s.id AS id, properties(s) AS props
ORDER BY s.id
