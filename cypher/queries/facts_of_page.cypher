// One page of a walk, read in full: its entities, and every fact between an entity of the
// page and an entity returned so far ($returned: the root, the pages before and this one),
// each once, in id order. Only relationships of $types (either way round) are read; with
// a product, only facts about it; with stated_only, only facts a source states. The
// service decides which of them a walk followed (their direction, their level).
// A page inside a level read by id after a cursor ($level: that level's frontier, the
// cursor's id, the walk's types and kinds) comes without the level's entities before the
// cursor: `before` lists those that the page's facts reach, and their facts are read too.
// :param page => ['arizona', 'taiwan', 'tsmc-arizona-fabs']
// :param returned => ['tsmc', 'arizona', 'taiwan', 'tsmc-arizona-fabs']
// :param types => ['INVESTS_IN', 'OPERATES', 'LOCATED_IN', 'PRODUCES_IN']
// :param product => null
// :param as_of => null
// :param stated_only => false
// (under known_at, each fact's known_state is its recorded state at that moment)
// :param known_at => null
// :param include_retracted => false
// :param few => 100
// :param level => null
CALL () {
  UNWIND $page AS page_id
  MATCH (n:Entity {id: page_id})
  RETURN collect(n {.id, .kind, .name}) AS nodes
}
CALL () {
  // the level's entities before the cursor that the page touches: in the level, as the
  // walk reached it (from its frontier, by a followed fact that holds in the present)
  UNWIND CASE WHEN $level IS NULL THEN [] ELSE $page END AS page_id
  MATCH (p:Entity {id: page_id})
  USING INDEX SEEK p:Entity(id)
  MATCH (p)--(o)
  WHERE o.id <= $level.after AND NOT o.id IN $returned
    AND ($level.kinds IS NULL OR o.kind IN $level.kinds)
    AND EXISTS {
      MATCH (o)-[r]-(f)
      WHERE f.id IN $level.frontier
        AND ((startNode(r) = f AND type(r) IN $level.out_types)
             OR (endNode(r) = f AND type(r) IN $level.in_types))
        AND r.retracted_at IS NULL
        AND ($stated_only = false OR r.bases IS NULL OR 'stated' IN r.bases)
        AND ($product IS NULL OR toLower(r.product) = toLower($product))
        AND ($as_of IS NULL OR (
              (r.valid_from IS NULL OR r.valid_from <= $as_of)
              AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))
    }
  RETURN collect(DISTINCT o) AS before
}
CALL (before) {
  // the entities returned so far, found once: each fact's other end is then checked by
  // identity, not by reading its id
  MATCH (o:Entity) WHERE o.id IN $returned
  WITH before, collect(o) AS returned
  WITH returned + before AS others
  // how many facts the entities returned hold between them
  WITH others, reduce(total = 0, o IN others | total + COUNT { (o)--() }) AS held
  UNWIND $page AS page_id
  MATCH (p:Entity {id: page_id})
  USING INDEX SEEK p:Entity(id)
  WITH p, others, held, COUNT { (p)--() } AS degree
  CALL (p, others, held, degree) {
    // an entity of no more facts than the others hold: each of its facts read from it,
    // its far end checked by identity
    WITH p, others WHERE degree <= $few OR degree <= held - degree
    MATCH (p)-[r]-(o)
    WHERE o IN others
    RETURN r
    UNION
    // one of more (a hub): the facts of every other entity returned are read instead, and
    // their far end checked against it by id (by identity, the planner expands the hub)
    WITH p, others WHERE degree > $few AND degree > held - degree
    UNWIND others AS o
    WITH p, o WHERE o <> p
    MATCH (o)-[r]-(x)
    WHERE x.id = p.id
    RETURN r
  }
  WITH r
  WHERE type(r) IN $types
    AND ($stated_only = false OR r.bases IS NULL OR 'stated' IN r.bases)
    AND (r.retracted_at IS NULL OR ($include_retracted AND coalesce(r.merged_at > $known_at, r.merged_at IS NULL)) OR r.retracted_at > coalesce($known_at, r.retracted_at))
    AND ($known_at IS NULL OR r.created_at <= $known_at)
    AND ($product IS NULL OR toLower(r.product) = toLower($product))
    AND ($as_of IS NULL OR (
          (r.valid_from IS NULL OR r.valid_from <= $as_of)
          AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))
  WITH DISTINCT r
  WITH r, startNode(r) AS a, endNode(r) AS b
  ORDER BY r.id
  // one row holding every fact: hundreds of rows cost the driver far more than one list
  RETURN collect(r {.*, type: type(r), known_state: CASE WHEN $known_at IS NULL THEN null ELSE head(COLLECT { MATCH (v:Revision {item_id: r.id, item: 'relationship'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 }) END, from_id: a.id, to_id: b.id, from_name: a.name, to_name: b.name}) AS edges
}
RETURN nodes, edges, [o IN before | o.id] AS before
