// Ids merged into other entities, to export: all of them, or those resolving into ids.
// Only merges made by known_at, into an entity the export holds (recorded by then and not
// retracted then), so no exported redirect points at nothing. Under known_at an id
// re-pointed since by a later merge (`via`: where it pointed before) points where it did
// then: at the first of those ids merged after known_at (`target` and `via` as they were).
// :param ids => null
// :param known_at => null
// :param include_retracted => false
MATCH (r:Redirect)
WHERE ($known_at IS NULL OR r.merged_at IS NULL OR r.merged_at <= $known_at)
WITH r, CASE WHEN $known_at IS NULL THEN [] ELSE
          [i IN range(0, size(coalesce(r.via, [])) - 1)
           WHERE EXISTS { MATCH (m:Redirect {id: r.via[i]}) WHERE m.merged_at > $known_at }] END AS later
WITH r, CASE WHEN later = [] THEN r.target ELSE r.via[later[0]] END AS target,
        CASE WHEN later = [] THEN r.via ELSE r.via[..later[0]] END AS via
WHERE ($ids IS NULL OR target IN $ids)
  AND EXISTS {
    MATCH (e:Entity {id: target})
    WHERE /*seen_then(e)*/((e.retracted_at IS NULL OR ($include_retracted AND coalesce(e.merged_at > $known_at, e.merged_at IS NULL)) OR e.retracted_at > coalesce($known_at, e.retracted_at)) AND ($known_at IS NULL OR e.created_at <= $known_at))/*end*/
  }
RETURN r.id AS id, properties(r) AS props, target, via
ORDER BY r.id
