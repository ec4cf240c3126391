// The entities one hop beyond a level of a walk, light: ids and the relevance key only (no
// fact is projected), so a hub's thousands of hops cost ids, not documents. Each relationship
// type is followed only in the direction allowed (out_types from start to end, in_types from
// end to start); entities in $seen (the levels before) are not reached again. Neighbourhoods,
// supply chains, exposure and rooted exports walk the graph with this, level by level; the
// facts and entities of the page shown are read afterwards (facts_of_page).
// With stated_only, a fact no source states (every attestation inferred) is not followed
// (under known_at the service tests what its sources stated then, from `facts`).
// `degree` is the entity's number of relationships as stored (its relevance: more first).
// Under known_at, `facts` lists each reaching fact's state recorded then, for the service
// to keep only the entities some fact then reached (otherwise it is empty).
// The level comes in the walk's order (more relationships first, then by id). With
// $upto, only its first entities reach the service: those up to the cursor ($after_degree,
// $after_id: its key, when it stands in this level) and $upto more. A page through a hub
// so ships the page, not the hub; `total` says how many the level holds.
// :param frontier => ['tsmc']
// :param seen => ['tsmc']
// :param out_types => ['INVESTS_IN', 'OPERATES', 'LOCATED_IN', 'PRODUCES_IN', 'PROPOSES']
// :param in_types => ['INVOLVES', 'PROPOSES']
// :param kinds => null
// :param product => null
// :param as_of => null
// :param stated_only => false
// (under known_at, each fact's known_state is its recorded state at that moment)
// :param known_at => null
// :param include_retracted => false
// :param upto => 50
// :param after_degree => null
// :param after_id => null
// :param most => 1000
// With $most, a level reached through a hub (`fan`: the most facts a frontier entity
// holds, more than $most) is not read here: the service reads it by id, a page at a time
// (reach_level_by_id), and `reached` is empty. A wide frontier of small entities costs
// the same either way, so it keeps the order by degree.
CALL () {
  UNWIND $frontier AS frontier_id
  MATCH (f:Entity {id: frontier_id})
  USING INDEX SEEK f:Entity(id)
  RETURN coalesce(max(COUNT { (f)--() }), 0) AS fan
}
CALL (fan) {
WITH fan WHERE $most IS NULL OR fan <= $most
UNWIND $frontier AS frontier_id
MATCH (f:Entity {id: frontier_id})-[r]-(m)
// from the frontier, by the id index: a plan made while the graph was small may start
// from every entity instead (so the far end has no label either: every fact's ends are
// entities, and a label would let such a plan scan them all for m)
USING INDEX SEEK f:Entity(id)
WHERE ((startNode(r) = f AND type(r) IN $out_types) OR (endNode(r) = f AND type(r) IN $in_types))
  AND NOT m.id IN $seen
  AND ($kinds IS NULL OR m.kind IN $kinds)
  AND ($stated_only = false OR $known_at IS NOT NULL OR 'stated' IN r.bases)
  AND /*seen_then(r)*/((r.retracted_at IS NULL OR ($include_retracted AND coalesce(r.merged_at > $known_at, r.merged_at IS NULL)) OR r.retracted_at > coalesce($known_at, r.retracted_at)) AND ($known_at IS NULL OR r.created_at <= $known_at))/*end*/
  AND ($product IS NULL OR toLower(r.product) = toLower($product))
  AND /*valid_on(r)*/($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR substring($as_of, 0, size(r.valid_to)) <= r.valid_to)))/*end*/
WITH m, collect(CASE WHEN $known_at IS NULL THEN null ELSE r {.valid_from, .valid_to, .bases, known_state: /*state_then(r, 'relationship')*/head(COLLECT { MATCH (v:Revision {item_id: r.id, item: 'relationship'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/} END) AS facts
WITH {id: m.id, degree: COUNT { (m)--() }, facts: facts} AS item
ORDER BY item.degree DESC, item.id
WITH collect(item) AS level
WITH level, CASE WHEN $upto IS NULL THEN size(level)
                 ELSE $upto + size([k IN level WHERE k.degree > $after_degree
                                    OR (k.degree = $after_degree AND k.id <= $after_id)])
            END AS cut
// one row holding the entities reached: thousands of rows cost the driver far more than one list
RETURN level[0..cut] AS reached, size(level) AS total
}
RETURN reached, total, fan
