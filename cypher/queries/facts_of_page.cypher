// Generated from graph/domain/domain.yaml by `make domain` (graph/store/page_query.py); do not edit.
// One page of a walk, read in full: its entities, and every fact between an entity of the
// page and an entity returned so far ($returned: the root, the pages before and this one),
// each once, in id order. Only relationships of $types (either way round) are read; with
// a product, only facts about it; with stated_only, only facts a source states (under
// known_at the service tests the state recorded then). The
// service decides which of them a walk followed (their direction, their level).
// Each fact is read from the end that holds fewer: an entity of at most $few facts has
// them all read from it, and a fact between two of more is found in the index on the
// facts' ends, pair by pair, without reading either's facts (a hub of the page: one whose
// facts outnumber those lookups).
// A page inside a level read by id after a cursor comes without the level's entities
// before the cursor, which the pages before returned: $before names them (the walk reads
// them again by id), and their facts to the page are read too.
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
// :param pair_cost => 2
// :param before => []
CALL () {
  UNWIND $page AS page_id
  MATCH (n:Entity {id: page_id})
  RETURN collect(n {.id, .kind, .name}) AS nodes
}
CALL () {
  // the level's entities before the cursor, which the pages before returned
  MATCH (o:Entity) WHERE o.id IN $before
  RETURN collect(o) AS before
}
CALL (before) {
  // the entities returned so far (the page among them) and those before the cursor,
  // found once, each with how many facts it holds: a fact's far end is then checked by
  // identity, not by reading its id
  MATCH (o:Entity) WHERE o.id IN $returned
  WITH before, collect(o) AS returned
  UNWIND returned + before AS o
  WITH o, COUNT { (o)--() } AS degree, o.id IN $page AS on_page
  WITH collect(o) AS others,
       collect({o: o, degree: degree, on_page: on_page}) AS counted,
       // the ids of the entities of more than $few facts (collect leaves out the nulls)
       collect(CASE WHEN degree > $few THEN o.id END) AS heavy
  // an entity of the page is a hub when reading its facts costs more than looking up
  // each pair it makes with the others of more than $few facts, type by type (a pair
  // costs $pair_cost lookups of a type: each way round)
  WITH others, counted, heavy,
       [x IN counted WHERE x.on_page AND x.degree > $few
          AND x.degree > $pair_cost * size($types) * size(heavy) | x.o] AS hubs
  WITH others, counted, heavy, hubs, [h IN hubs | h.id] AS hub_ids
  CALL (others, counted, heavy, hubs, hub_ids) {
    // an entity of the page that is no hub: each of its facts read from it
    UNWIND [x IN counted WHERE x.on_page AND NOT x.o IN hubs | x.o] AS p
    MATCH (p)-[r]-(o)
    WHERE o IN others
    RETURN r
    UNION
    // an entity of few facts returned before the page: its facts to the page's hubs
    WITH counted, hubs WHERE size(hubs) > 0
    UNWIND [x IN counted WHERE NOT x.on_page AND x.degree <= $few | x.o] AS o
    MATCH (o)-[r]-(h)
    WHERE h IN hubs
    RETURN r
    UNION
    // HOLDS_ROLE from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'HOLDS_ROLE' IN $types
    MATCH ()-[r:HOLDS_ROLE]->()
    USING INDEX SEEK r:HOLDS_ROLE(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // HOLDS_ROLE into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'HOLDS_ROLE' IN $types
    MATCH ()-[r:HOLDS_ROLE]->()
    USING INDEX SEEK r:HOLDS_ROLE(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // PART_OF from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'PART_OF' IN $types
    MATCH ()-[r:PART_OF]->()
    USING INDEX SEEK r:PART_OF(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // PART_OF into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'PART_OF' IN $types
    MATCH ()-[r:PART_OF]->()
    USING INDEX SEEK r:PART_OF(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // GOVERNS from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'GOVERNS' IN $types
    MATCH ()-[r:GOVERNS]->()
    USING INDEX SEEK r:GOVERNS(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // GOVERNS into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'GOVERNS' IN $types
    MATCH ()-[r:GOVERNS]->()
    USING INDEX SEEK r:GOVERNS(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // LOCATED_IN from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'LOCATED_IN' IN $types
    MATCH ()-[r:LOCATED_IN]->()
    USING INDEX SEEK r:LOCATED_IN(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // LOCATED_IN into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'LOCATED_IN' IN $types
    MATCH ()-[r:LOCATED_IN]->()
    USING INDEX SEEK r:LOCATED_IN(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // OPERATES from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'OPERATES' IN $types
    MATCH ()-[r:OPERATES]->()
    USING INDEX SEEK r:OPERATES(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // OPERATES into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'OPERATES' IN $types
    MATCH ()-[r:OPERATES]->()
    USING INDEX SEEK r:OPERATES(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // PROPOSES from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'PROPOSES' IN $types
    MATCH ()-[r:PROPOSES]->()
    USING INDEX SEEK r:PROPOSES(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // PROPOSES into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'PROPOSES' IN $types
    MATCH ()-[r:PROPOSES]->()
    USING INDEX SEEK r:PROPOSES(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // SUPPORTS from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'SUPPORTS' IN $types
    MATCH ()-[r:SUPPORTS]->()
    USING INDEX SEEK r:SUPPORTS(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // SUPPORTS into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'SUPPORTS' IN $types
    MATCH ()-[r:SUPPORTS]->()
    USING INDEX SEEK r:SUPPORTS(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // OPPOSES from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'OPPOSES' IN $types
    MATCH ()-[r:OPPOSES]->()
    USING INDEX SEEK r:OPPOSES(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // OPPOSES into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'OPPOSES' IN $types
    MATCH ()-[r:OPPOSES]->()
    USING INDEX SEEK r:OPPOSES(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // REJECTS from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'REJECTS' IN $types
    MATCH ()-[r:REJECTS]->()
    USING INDEX SEEK r:REJECTS(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // REJECTS into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'REJECTS' IN $types
    MATCH ()-[r:REJECTS]->()
    USING INDEX SEEK r:REJECTS(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // INVESTS_IN from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'INVESTS_IN' IN $types
    MATCH ()-[r:INVESTS_IN]->()
    USING INDEX SEEK r:INVESTS_IN(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // INVESTS_IN into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'INVESTS_IN' IN $types
    MATCH ()-[r:INVESTS_IN]->()
    USING INDEX SEEK r:INVESTS_IN(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // PRODUCES_IN from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'PRODUCES_IN' IN $types
    MATCH ()-[r:PRODUCES_IN]->()
    USING INDEX SEEK r:PRODUCES_IN(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // PRODUCES_IN into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'PRODUCES_IN' IN $types
    MATCH ()-[r:PRODUCES_IN]->()
    USING INDEX SEEK r:PRODUCES_IN(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // SUPPLIES from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'SUPPLIES' IN $types
    MATCH ()-[r:SUPPLIES]->()
    USING INDEX SEEK r:SUPPLIES(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // SUPPLIES into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'SUPPLIES' IN $types
    MATCH ()-[r:SUPPLIES]->()
    USING INDEX SEEK r:SUPPLIES(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // DEPENDS_ON from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'DEPENDS_ON' IN $types
    MATCH ()-[r:DEPENDS_ON]->()
    USING INDEX SEEK r:DEPENDS_ON(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // DEPENDS_ON into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'DEPENDS_ON' IN $types
    MATCH ()-[r:DEPENDS_ON]->()
    USING INDEX SEEK r:DEPENDS_ON(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // NEGOTIATES_WITH from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'NEGOTIATES_WITH' IN $types
    MATCH ()-[r:NEGOTIATES_WITH]->()
    USING INDEX SEEK r:NEGOTIATES_WITH(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // NEGOTIATES_WITH into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'NEGOTIATES_WITH' IN $types
    MATCH ()-[r:NEGOTIATES_WITH]->()
    USING INDEX SEEK r:NEGOTIATES_WITH(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // PARTICIPATES_IN from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'PARTICIPATES_IN' IN $types
    MATCH ()-[r:PARTICIPATES_IN]->()
    USING INDEX SEEK r:PARTICIPATES_IN(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // PARTICIPATES_IN into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'PARTICIPATES_IN' IN $types
    MATCH ()-[r:PARTICIPATES_IN]->()
    USING INDEX SEEK r:PARTICIPATES_IN(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // INVOLVES from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'INVOLVES' IN $types
    MATCH ()-[r:INVOLVES]->()
    USING INDEX SEEK r:INVOLVES(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // INVOLVES into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'INVOLVES' IN $types
    MATCH ()-[r:INVOLVES]->()
    USING INDEX SEEK r:INVOLVES(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // AFFECTS from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'AFFECTS' IN $types
    MATCH ()-[r:AFFECTS]->()
    USING INDEX SEEK r:AFFECTS(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // AFFECTS into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'AFFECTS' IN $types
    MATCH ()-[r:AFFECTS]->()
    USING INDEX SEEK r:AFFECTS(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // COMPLICATES from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'COMPLICATES' IN $types
    MATCH ()-[r:COMPLICATES]->()
    USING INDEX SEEK r:COMPLICATES(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // COMPLICATES into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'COMPLICATES' IN $types
    MATCH ()-[r:COMPLICATES]->()
    USING INDEX SEEK r:COMPLICATES(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
    UNION
    // REPORTS_ON from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND 'REPORTS_ON' IN $types
    MATCH ()-[r:REPORTS_ON]->()
    USING INDEX SEEK r:REPORTS_ON(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // REPORTS_ON into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND 'REPORTS_ON' IN $types
    MATCH ()-[r:REPORTS_ON]->()
    USING INDEX SEEK r:REPORTS_ON(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
  }
  WITH r
  WHERE type(r) IN $types
    AND ($stated_only = false OR $known_at IS NOT NULL OR 'stated' IN r.bases)
    AND /*seen_then(r)*/((r.retracted_at IS NULL OR ($include_retracted AND coalesce(r.merged_at > $known_at, r.merged_at IS NULL)) OR r.retracted_at > coalesce($known_at, r.retracted_at)) AND ($known_at IS NULL OR r.created_at <= $known_at))/*end*/
    AND ($product IS NULL OR toLower(r.product) = toLower($product))
    AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  WITH DISTINCT r
  WITH r, startNode(r) AS a, endNode(r) AS b
  ORDER BY r.id
  // one row holding every fact: hundreds of rows cost the driver far more than one list
  RETURN collect(r {.*, type: type(r), known_state: CASE WHEN $known_at IS NULL THEN null ELSE /*state_then(r, 'relationship')*/head(COLLECT { MATCH (v:Revision {item_id: r.id, item: 'relationship'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/ END, from_id: a.id, to_id: b.id, from_name: a.name, to_name: b.name}) AS edges
}
// the revision head, read last, once the aggregations above have read every fact: a read
// of several queries that ends with this one needs no query of its own to check that no
// write committed while it read (graph.store.db.Graph.read)
OPTIONAL MATCH (log:RevisionLog {id: 'revisions'})
RETURN nodes, edges, coalesce(log.last, 0) AS revision_head_after
