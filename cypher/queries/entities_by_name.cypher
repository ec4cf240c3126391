// Entities whose name or one of whose aliases is exactly this (ignoring case).
// :param name => 'Washington'
// :param phrase => '"Washington"'
CALL db.index.fulltext.queryNodes('entity_search', $phrase) YIELD node
WITH node
WHERE toLower(node.name) = toLower($name)
   OR any(alias IN node.aliases WHERE toLower(alias) = toLower($name))
RETURN node {.id, .kind, .name} AS entity
ORDER BY node.id
