// Entities stored before schema version 7, which lack the folded keys of their names
// (`name_keys`): a batch of them, for the service to fold (graph/domain/names.py) and store
// (store_name_keys). Run when the schema is applied to an older graph.
// Batches follow one another in id order ($after: the last id of the one before), so
// each reads on from where the last ended, not again from the first entity.
// :param after => ''
// :param batch => 1000
MATCH (n:Entity)
WHERE n.id > $after AND n.name_keys IS NULL
RETURN n.id AS id, n.name AS name, n.aliases AS aliases
ORDER BY n.id
LIMIT $batch
