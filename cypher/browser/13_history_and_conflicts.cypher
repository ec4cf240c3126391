// History and conflicts
// Every write records a revision per item it changes: when (the transaction's time), who,
// why, and the item's state after it, numbered in commit order (the API's GET /changes).
// This lists the latest changes, then, for each fact, its sources' claims: a fact whose
// claims disagree is `disputed` (GET /conflicts), and answers the values of its preferred
// claim. A retracted fact or entity stays in the graph, marked `retracted_at`.
CALL () {
  MATCH (v:Revision)
  RETURN 'revision ' + v.seq AS what, v.at AS at, v.by AS by, v.op + ' ' + v.item AS change,
         v.item_id AS item, coalesce(v.reason, '') AS detail
  ORDER BY v.seq DESC
  LIMIT 15
  UNION ALL
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.disputed = true OR r.retracted_at IS NOT NULL OR size(r.claims) > 1
  RETURN CASE WHEN r.disputed THEN 'disputed fact' ELSE 'fact' END AS what,
         r.updated_at AS at, coalesce(r.retracted_by, '') AS by,
         CASE WHEN r.retracted_at IS NULL THEN 'current' ELSE 'retracted' END AS change,
         r.id AS item, 'claims: ' + reduce(s = '', c IN r.claims | s + c + ' ') AS detail
}
RETURN what, at, by, change, item, detail
