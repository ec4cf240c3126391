// The current entities a text may name: those with a name or alias whose folded key is
// one of the text's runs of words (each query ORs up to 500 keys of the keyword index on
// name_keys, cypher/schema/007), with their kind, names and description.
// :param queries => ['name_keys:tsmc OR name_keys:arizona']
UNWIND $queries AS query
CALL db.index.fulltext.queryNodes('entity_keys', query) YIELD node
WITH DISTINCT node
WHERE node.retracted_at IS NULL AND node.merged_into IS NULL
RETURN node.id AS id, node.kind AS kind, [node.name] + coalesce(node.aliases, []) AS names,
       coalesce(node.description, '') AS description
