// Hold the sources a write cites until it commits, and say which of them are retracted:
// a source's retraction, which holds the source first, and a write citing it take turns.
// (Setting and removing a property is how Cypher takes a node's write lock.)
// The service sends the ids sorted, so locks are always taken in one order.
// :param ids => ['taiwan-us-tech-talks-article']
UNWIND $ids AS id
MATCH (s:Source {id: id})
SET s._lock = true
REMOVE s._lock
RETURN collect(CASE WHEN s.retracted_at IS NOT NULL THEN s.id END) AS retracted
