// The live id an id stands for: itself, or the entity it was merged into; one row, its
// id null when there is none. Its first read is the revision head (`revision_head`), so
// a read of several queries that begins here needs no query of its own to read the head
// before its work (graph.store.db.Graph.read); the aggregation ends before anything else is read.
// :param id => 'tsmc'
// :param known_at => null
// :param include_retracted => false
OPTIONAL MATCH (log:RevisionLog {id: 'revisions'})
WITH coalesce(max(log.last), 0) AS revision_head
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
     END AS resolved, revision_head
OPTIONAL MATCH (n:Entity {id: resolved})
// by the id index, whatever the statistics said when the plan was made (a plan made while
// the graph was small scans every entity)
USING INDEX SEEK n:Entity(id)
WHERE /*seen_then(n)*/((n.retracted_at IS NULL OR ($include_retracted AND coalesce(n.merged_at > $known_at, n.merged_at IS NULL)) OR n.retracted_at > coalesce($known_at, n.retracted_at)) AND ($known_at IS NULL OR n.created_at <= $known_at))/*end*/
// (under known_at, known_state is the entity's recorded state at that moment: an entity
// retracted then and restored since reads as retracted then)
RETURN revision_head, n.id AS id, n.kind AS kind, n.name AS name,
       CASE WHEN $known_at IS NULL THEN null ELSE /*state_then(n, 'entity')*/head(COLLECT { MATCH (v:Revision {item_id: n.id, item: 'entity'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ END AS known_state
