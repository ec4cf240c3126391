// The shortest paths between two entities (up to k, in a stable order: k = 1 is "the
// shortest path"), in either direction, within 6 hops, optionally only over some
// relationship types, only facts valid at as_of, and with stated_only only facts a source
// states (so the paths are the shortest over stated facts).
// allShortestPaths() searches from both ends at once (bidirectional breadth-first), which
// on a million facts is 10-100x faster than `ALL SHORTEST`, which walks out from one end
// through every hub; the relationship predicate is applied during the search. A smaller
// hop limit is applied by the service to the paths found: were it in this WHERE clause,
// Neo4j would fall back to an exhaustive search whenever the shortest path is longer.
// One row: the paths, the sources their facts cite, and the revision head read last.
// :param from_id => 'cheng-li-chiun'
// :param to_id => 'tsmc'
// :param types => null
// :param as_of => null
// :param stated_only => false
// :param k => 50
// (under known_at, each fact's known_state is its recorded state at that moment)
// :param known_at => null
// :param include_retracted => false
MATCH (a:Entity {id: $from_id}), (b:Entity {id: $to_id})
MATCH p = allShortestPaths((a)-[rels*1..6]-(b))
WHERE all(r IN rels WHERE ($types IS NULL OR type(r) IN $types)
    AND ($stated_only = false OR $known_at IS NOT NULL OR 'stated' IN r.bases)
    AND /*seen_then(r)*/((r.retracted_at IS NULL OR ($include_retracted AND coalesce(r.merged_at > $known_at, r.merged_at IS NULL)) OR r.retracted_at > coalesce($known_at, r.retracted_at)) AND ($known_at IS NULL OR r.created_at <= $known_at))/*end*/
    AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/)
WITH p
ORDER BY [x IN relationships(p) | x.id]
LIMIT $k
WITH collect({
       nodes: [n IN nodes(p) | n {.id, .kind, .name}],
       edges: [x IN relationships(p) | x {.*, type: type(x), known_state: CASE WHEN $known_at IS NULL THEN null ELSE /*state_then(x, 'relationship')*/head(COLLECT { MATCH (v:Revision {item_id: x.id, item: 'relationship'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ END, from_id: startNode(x).id, to_id: endNode(x).id}]
     }) AS paths
// the sources the paths' facts cite, each read once for every path
CALL (paths) {
  UNWIND paths AS path
  UNWIND path.edges AS fact
  UNWIND fact.source_ids AS source_id
  WITH DISTINCT source_id
  MATCH (s:Source {id: source_id})
  RETURN collect(s {.id, .title, .publisher, .url}) AS sources
}
// the revision head, read last, once the paths and their sources are read: the read
// needs no query of its own to check that no write committed while it read
// (graph.store.db.Graph.read)
OPTIONAL MATCH (log:RevisionLog {id: 'revisions'})
RETURN paths, sources, coalesce(log.last, 0) AS revision_head_after
