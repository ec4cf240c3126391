// Full-text search that folds accents: "Arizóna" and "arizona" are one word to the index
// (the `standard-folding` analyzer). It replaces `entity_search` (002 up to schema 3,
// which did not fold); the service decides how well a candidate matches (graph/domain/names.py).
DROP INDEX entity_search IF EXISTS;
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliases, n.description]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
