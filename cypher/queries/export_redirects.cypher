// Ids merged into other entities, to export: all of them, or those resolving into ids.
// Only merges made by known_at, into an entity the export holds (recorded by then and not
// retracted then), so no exported redirect points at nothing.
// :param ids => null
// :param known_at => null
// :param include_retracted => false
MATCH (r:Redirect)
WHERE ($ids IS NULL OR r.target IN $ids)
  AND ($known_at IS NULL OR r.merged_at IS NULL OR r.merged_at <= $known_at)
  AND EXISTS {
    MATCH (e:Entity {id: r.target})
    WHERE (e.retracted_at IS NULL OR $include_retracted OR e.retracted_at > coalesce($known_at, e.retracted_at))
      AND ($known_at IS NULL OR e.created_at <= $known_at)
  }
RETURN r.id AS id, properties(r) AS props
ORDER BY r.id
