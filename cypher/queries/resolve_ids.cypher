// The ids these entity ids stand for at a moment: each itself, or, from the merge that
// took it on, the entity it was merged into (before the merge, itself). An id re-pointed
// since (`via`) resolves to where it pointed then: the first of those ids merged after
// $known_at. (The same rule as resolve_id.cypher's, for many ids at once.)
// :param ids => ['taiwan-semiconductor']
// :param known_at => null
UNWIND $ids AS id
OPTIONAL MATCH (redirect:Redirect {id: id})
RETURN id, CASE
       WHEN redirect IS NULL OR redirect.merged_at > coalesce($known_at, redirect.merged_at) THEN id
       WHEN $known_at IS NULL THEN redirect.target
       ELSE head([v IN coalesce(redirect.via, [])
                  WHERE EXISTS { MATCH (m:Redirect {id: v}) WHERE m.merged_at > $known_at }]
                 + [redirect.target])
     END AS resolved
