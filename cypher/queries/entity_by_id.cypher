// An entity by its id (or an id merged into it), with a summary of its relationships.
// :param id => 'tsmc'
// :param known_at => null
// :param include_retracted => false
OPTIONAL MATCH (redirect:Redirect {id: $id})
// an id merged away resolves to its survivor from the merge on; before it, to itself. An
// id re-pointed since (`via`) resolves to where it pointed then: the first of those ids
// merged after $known_at.
WITH CASE
       WHEN redirect IS NULL OR redirect.merged_at > coalesce($known_at, redirect.merged_at) THEN $id
       WHEN $known_at IS NULL THEN redirect.target
       ELSE head([v IN coalesce(redirect.via, [])
                  WHERE EXISTS { MATCH (m:Redirect {id: v}) WHERE m.merged_at > $known_at }]
                 + [redirect.target])
     END AS resolved
MATCH (n:Entity {id: resolved})
// by the id index, whatever the statistics said when the plan was made (a plan made while
// the graph was small scans every entity)
USING INDEX SEEK n:Entity(id)
WHERE /*seen_then(n)*/((n.retracted_at IS NULL OR ($include_retracted AND coalesce(n.merged_at > $known_at, n.merged_at IS NULL)) OR n.retracted_at > coalesce($known_at, n.retracted_at)) AND ($known_at IS NULL OR n.created_at <= $known_at))/*end*/
OPTIONAL MATCH (n)-[rel]-(:Entity)
WHERE /*seen_then(rel)*/((rel.retracted_at IS NULL OR ($include_retracted AND coalesce(rel.merged_at > $known_at, rel.merged_at IS NULL)) OR rel.retracted_at > coalesce($known_at, rel.retracted_at)) AND ($known_at IS NULL OR rel.created_at <= $known_at))/*end*/
  // under known_at, a fact retracted then and restored since counts as it stood then
  // (by its state recorded then, canonical JSON: a key is found as written)
  AND ($known_at IS NULL OR $include_retracted OR NOT coalesce(/*state_then(rel, 'relationship')*/head(COLLECT { MATCH (v:Revision {item_id: rel.id, item: 'relationship'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/, '') CONTAINS '"retracted_at":')
WITH n, type(rel) AS type,
     CASE WHEN startNode(rel) = n THEN 'out' ELSE 'in' END AS direction,
     count(rel) AS count
ORDER BY type, direction
RETURN properties(n) AS props,
       CASE WHEN $known_at IS NULL THEN null ELSE /*state_then(n, 'entity')*/head(COLLECT { MATCH (v:Revision {item_id: n.id, item: 'entity'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ END AS known_state,
       collect(CASE WHEN type IS NOT NULL
               THEN {type: type, direction: direction, count: count} END) AS relationships
