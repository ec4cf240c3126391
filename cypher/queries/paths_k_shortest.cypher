// Up to k shortest paths (k at most 10) between two entities, in either direction, within
// max_hops (at most 6), optionally only over some relationship types and only facts valid
// at as_of, and with stated_only only over facts a source states; each visits an entity once. Among more than 10 equally short paths, which 10 are considered is up to Neo4j.
// One row: the paths, the sources their facts cite, and the revision head read last.
// :param from_id => 'cheng-li-chiun'
// :param to_id => 'tsmc'
// :param max_hops => 6
// :param types => null
// :param as_of => null
// :param stated_only => false
// :param k => 3
// (under known_at, each fact's known_state is its recorded state at that moment)
// :param known_at => null
// :param include_retracted => false
MATCH (a:Entity {id: $from_id}), (b:Entity {id: $to_id})
MATCH p = SHORTEST 10 ((a)((x)-[r]-() WHERE ($types IS NULL OR type(r) IN $types)
    AND ($stated_only = false OR $known_at IS NOT NULL OR 'stated' IN r.bases)
    AND /*seen_then(r)*/((r.retracted_at IS NULL OR ($include_retracted AND coalesce(r.merged_at > $known_at, r.merged_at IS NULL)) OR r.retracted_at > coalesce($known_at, r.retracted_at)) AND ($known_at IS NULL OR r.created_at <= $known_at))/*end*/
    AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/){1,6}(b)
    // a path visits each entity once: SHORTEST alone may go out and back over two facts
    WHERE NOT b IN x AND all(i IN range(0, size(x) - 1) WHERE NOT x[i] IN x[i + 1..]))
WHERE length(p) <= $max_hops
WITH p
ORDER BY length(p), [x IN relationships(p) | x.id]
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
