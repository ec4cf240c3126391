// Lookups by kind and by exact name. Full-text search over names, aliases and descriptions
// is in 004_folded_search.cypher.
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
