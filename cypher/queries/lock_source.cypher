// Take a source's write lock and read it: its retraction or restore and the writes citing
// it (which hold it last: hold_sources.cypher) take turns. No row when there is none.
// :param id => 'taiwan-us-tech-talks-article'
MATCH (s:Source {id: $id})
SET s._lock = true
REMOVE s._lock
RETURN properties(s) AS props
