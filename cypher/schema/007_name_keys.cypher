// Search in tiers: every entity stores the folded keys of its name and aliases
// (`name_keys`: case, accents, width and punctuation folded, graph/domain/names.py), and this
// index holds each key whole (the `keyword` analyzer), so the names and aliases that are a
// text, or begin with it, are found by the index itself: the `exact` and `prefix` tiers.
// The words of names, typos and descriptions stay with `entity_text` (004), asked only
// when these tiers do not fill the page (search_entities).
CREATE FULLTEXT INDEX entity_keys IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name_keys]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};
