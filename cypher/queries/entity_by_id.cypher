// An entity by its id (or an id merged into it), with a summary of its relationships.
// :param id => 'tsmc'
OPTIONAL MATCH (redirect:Redirect {id: $id})
WITH coalesce(redirect.target, $id) AS resolved
MATCH (n:Entity {id: resolved})
OPTIONAL MATCH (n)-[rel]-(:Entity)
WITH n, type(rel) AS type,
     CASE WHEN startNode(rel) = n THEN 'out' ELSE 'in' END AS direction,
     count(rel) AS count
ORDER BY type, direction
RETURN properties(n) AS props,
       collect(CASE WHEN type IS NOT NULL
               THEN {type: type, direction: direction, count: count} END) AS relationships
