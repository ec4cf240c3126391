// Entities stored before schema version 7, which lack the folded keys of their names
// (`name_keys`): a batch of them, for the service to fold (graph/names.py) and store
// (store_name_keys). Run when the schema is applied to an older graph.
// :param batch => 1000
MATCH (n:Entity)
WHERE n.name_keys IS NULL
RETURN n.id AS id, n.name AS name, n.aliases AS aliases
LIMIT $batch
