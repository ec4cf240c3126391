// Lookups by kind, and ranked full-text search over names, aliases and descriptions.
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliases, n.description]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
