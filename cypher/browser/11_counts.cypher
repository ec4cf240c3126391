// What the graph holds
// Entities by kind and facts by type.
CALL {
  MATCH (n:Entity) RETURN 'entity' AS what, n.kind AS name, count(*) AS count
  UNION ALL
  MATCH (:Entity)-[r]->(:Entity) RETURN 'fact' AS what, type(r) AS name, count(*) AS count
}
RETURN what, name, count
ORDER BY what, name
