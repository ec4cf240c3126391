// Current entities, by id, with their kind, name and aliases (the name first) and
// description: what the analysis of a new text knows, when the graph holds at most
// $limit - 1 of them (more: it reads only those a text names, known_entities_named).
// :param limit => 20001
MATCH (n:Entity)
WHERE n.retracted_at IS NULL AND n.merged_into IS NULL
WITH n LIMIT $limit
RETURN n.id AS id, n.kind AS kind, [n.name] + coalesce(n.aliases, []) AS names,
       coalesce(n.description, '') AS description
