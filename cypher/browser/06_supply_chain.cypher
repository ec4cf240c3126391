// Upstream in a supply chain
// Who supplies an entity and what it depends on, up to three tiers: each hop either
// reaches a supplier (SUPPLIES, against its direction) or a dependency (DEPENDS_ON).
// :param id => 'united-states'
MATCH p = (:Entity {id: $id})-[:SUPPLIES|DEPENDS_ON*1..3]-(:Entity)
WHERE all(i IN range(0, length(p) - 1) WHERE
      (type(relationships(p)[i]) = 'SUPPLIES' AND endNode(relationships(p)[i]) = nodes(p)[i])
   OR (type(relationships(p)[i]) = 'DEPENDS_ON' AND startNode(relationships(p)[i]) = nodes(p)[i]))
RETURN p
