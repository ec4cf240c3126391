// Generated from graph/domain/domain.yaml by `make domain` (graph/store/walk_query.py); do not edit.
// The entities one hop beyond a level of a walk, in the present, in the order of their ids:
// the first $upto after $after_id (up to $until_id, when given) that the facts of the
// followed types reach (out_types from start to end, in_types from end to start), not in
// $seen, of $kinds, by facts that hold (not retracted; stated, about $product, on $as_of
// when asked). A frontier entity of
// at most $few facts has them all read from it; one of more has each followed type's
// facts read from the index on their ends, in the far end's order, each no further than
// $upto entities: a page through a hub reads the page, not the hub.
// :param frontier => ['tsmc']
// :param seen => ['tsmc']
// :param out_types => ['INVESTS_IN', 'OPERATES', 'LOCATED_IN', 'PRODUCES_IN', 'PROPOSES']
// :param in_types => ['INVOLVES', 'PROPOSES']
// :param kinds => null
// :param product => null
// :param as_of => null
// :param stated_only => false
// :param few => 100
// :param upto => 50
// :param after_id => ''
// :param until_id => null
UNWIND $frontier AS frontier_id
MATCH (f:Entity {id: frontier_id})
USING INDEX SEEK f:Entity(id)
WITH f, COUNT { (f)--() } AS degree
CALL (f, degree) {
  // (no label on the far end, and the cursor tested after the union: either would let a
  // plan made while the graph was small start from every entity instead of from f)
  WITH f WHERE degree <= $few
  MATCH (f)-[r]-(m)
  WHERE ((startNode(r) = f AND type(r) IN $out_types) OR (endNode(r) = f AND type(r) IN $in_types))
    AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/ AND ($until_id IS NULL OR m.id <= $until_id)
  RETURN DISTINCT m.id AS id
  UNION
  WITH f WHERE degree > $few AND 'HOLDS_ROLE' IN $out_types
  MATCH ()-[r:HOLDS_ROLE]->(m)
  USING INDEX SEEK r:HOLDS_ROLE(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'HOLDS_ROLE' IN $in_types
  MATCH (m)-[r:HOLDS_ROLE]->()
  USING INDEX SEEK r:HOLDS_ROLE(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'PART_OF' IN $out_types
  MATCH ()-[r:PART_OF]->(m)
  USING INDEX SEEK r:PART_OF(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'PART_OF' IN $in_types
  MATCH (m)-[r:PART_OF]->()
  USING INDEX SEEK r:PART_OF(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'GOVERNS' IN $out_types
  MATCH ()-[r:GOVERNS]->(m)
  USING INDEX SEEK r:GOVERNS(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'GOVERNS' IN $in_types
  MATCH (m)-[r:GOVERNS]->()
  USING INDEX SEEK r:GOVERNS(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'LOCATED_IN' IN $out_types
  MATCH ()-[r:LOCATED_IN]->(m)
  USING INDEX SEEK r:LOCATED_IN(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'LOCATED_IN' IN $in_types
  MATCH (m)-[r:LOCATED_IN]->()
  USING INDEX SEEK r:LOCATED_IN(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'OPERATES' IN $out_types
  MATCH ()-[r:OPERATES]->(m)
  USING INDEX SEEK r:OPERATES(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'OPERATES' IN $in_types
  MATCH (m)-[r:OPERATES]->()
  USING INDEX SEEK r:OPERATES(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'PROPOSES' IN $out_types
  MATCH ()-[r:PROPOSES]->(m)
  USING INDEX SEEK r:PROPOSES(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'PROPOSES' IN $in_types
  MATCH (m)-[r:PROPOSES]->()
  USING INDEX SEEK r:PROPOSES(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'SUPPORTS' IN $out_types
  MATCH ()-[r:SUPPORTS]->(m)
  USING INDEX SEEK r:SUPPORTS(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'SUPPORTS' IN $in_types
  MATCH (m)-[r:SUPPORTS]->()
  USING INDEX SEEK r:SUPPORTS(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'OPPOSES' IN $out_types
  MATCH ()-[r:OPPOSES]->(m)
  USING INDEX SEEK r:OPPOSES(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'OPPOSES' IN $in_types
  MATCH (m)-[r:OPPOSES]->()
  USING INDEX SEEK r:OPPOSES(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'REJECTS' IN $out_types
  MATCH ()-[r:REJECTS]->(m)
  USING INDEX SEEK r:REJECTS(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'REJECTS' IN $in_types
  MATCH (m)-[r:REJECTS]->()
  USING INDEX SEEK r:REJECTS(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'INVESTS_IN' IN $out_types
  MATCH ()-[r:INVESTS_IN]->(m)
  USING INDEX SEEK r:INVESTS_IN(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'INVESTS_IN' IN $in_types
  MATCH (m)-[r:INVESTS_IN]->()
  USING INDEX SEEK r:INVESTS_IN(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'PRODUCES_IN' IN $out_types
  MATCH ()-[r:PRODUCES_IN]->(m)
  USING INDEX SEEK r:PRODUCES_IN(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'PRODUCES_IN' IN $in_types
  MATCH (m)-[r:PRODUCES_IN]->()
  USING INDEX SEEK r:PRODUCES_IN(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'SUPPLIES' IN $out_types
  MATCH ()-[r:SUPPLIES]->(m)
  USING INDEX SEEK r:SUPPLIES(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'SUPPLIES' IN $in_types
  MATCH (m)-[r:SUPPLIES]->()
  USING INDEX SEEK r:SUPPLIES(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'DEPENDS_ON' IN $out_types
  MATCH ()-[r:DEPENDS_ON]->(m)
  USING INDEX SEEK r:DEPENDS_ON(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'DEPENDS_ON' IN $in_types
  MATCH (m)-[r:DEPENDS_ON]->()
  USING INDEX SEEK r:DEPENDS_ON(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'NEGOTIATES_WITH' IN $out_types
  MATCH ()-[r:NEGOTIATES_WITH]->(m)
  USING INDEX SEEK r:NEGOTIATES_WITH(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'NEGOTIATES_WITH' IN $in_types
  MATCH (m)-[r:NEGOTIATES_WITH]->()
  USING INDEX SEEK r:NEGOTIATES_WITH(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'PARTICIPATES_IN' IN $out_types
  MATCH ()-[r:PARTICIPATES_IN]->(m)
  USING INDEX SEEK r:PARTICIPATES_IN(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'PARTICIPATES_IN' IN $in_types
  MATCH (m)-[r:PARTICIPATES_IN]->()
  USING INDEX SEEK r:PARTICIPATES_IN(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'INVOLVES' IN $out_types
  MATCH ()-[r:INVOLVES]->(m)
  USING INDEX SEEK r:INVOLVES(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'INVOLVES' IN $in_types
  MATCH (m)-[r:INVOLVES]->()
  USING INDEX SEEK r:INVOLVES(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'AFFECTS' IN $out_types
  MATCH ()-[r:AFFECTS]->(m)
  USING INDEX SEEK r:AFFECTS(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'AFFECTS' IN $in_types
  MATCH (m)-[r:AFFECTS]->()
  USING INDEX SEEK r:AFFECTS(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'COMPLICATES' IN $out_types
  MATCH ()-[r:COMPLICATES]->(m)
  USING INDEX SEEK r:COMPLICATES(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'COMPLICATES' IN $in_types
  MATCH (m)-[r:COMPLICATES]->()
  USING INDEX SEEK r:COMPLICATES(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'REPORTS_ON' IN $out_types
  MATCH ()-[r:REPORTS_ON]->(m)
  USING INDEX SEEK r:REPORTS_ON(from_id, to_id)
  WHERE r.from_id = f.id AND r.to_id > $after_id
    AND ($until_id IS NULL OR r.to_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.from_id AS near, r.to_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
  UNION
  WITH f WHERE degree > $few AND 'REPORTS_ON' IN $in_types
  MATCH (m)-[r:REPORTS_ON]->()
  USING INDEX SEEK r:REPORTS_ON(to_id, from_id)
  WHERE r.to_id = f.id AND r.from_id > $after_id
    AND ($until_id IS NULL OR r.from_id <= $until_id) AND r.retracted_at IS NULL AND NOT m.id IN $seen AND ($kinds IS NULL OR m.kind IN $kinds) AND ($stated_only = false OR 'stated' IN r.bases) AND ($product IS NULL OR toLower(r.product) = toLower($product)) AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.to_id AS near, r.from_id AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
}
WITH DISTINCT id
WHERE id > $after_id
ORDER BY id
LIMIT $upto
// one row holding the entities reached: thousands of rows cost the driver far more than one list
RETURN collect(id) AS reached
