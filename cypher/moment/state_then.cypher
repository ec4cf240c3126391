// Item `x`'s state as recorded at $known_at (null for an item recorded before history was
// kept, and in the present, where a query reads no revision: CASE WHEN $known_at IS NULL
// THEN null ELSE ... END around it): the last revision of it by then, canonical JSON.
// `kind` is 'entity', 'relationship' or 'source'.
// A fragment, not a query: each query file holds it between /*state_then(x, 'kind')*/
// and /*end*/, with its own variable and kind; `make domain` writes it there, and a test
// fails while any copy differs from this one.
head(COLLECT { MATCH (v:Revision {item_id: x.id, item: 'kind'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })
