// Write sources; each row is {id, props} with every property the source keeps.
// A retraction stays as stored when the source is rewritten (only POST
// /sources/{id}/restore lifts it): the lock is taken before it is read, so a retraction
// committed while this write was planned is kept.
// :param rows => [{id: 'example-source', props: {id: 'example-source', title: 'An example'}}]
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s._lock = true
REMOVE s._lock
WITH s, row, s {.retracted_at, .retracted_by, .retraction_reason} AS retraction
SET s = row.props
SET s += retraction
RETURN count(s) AS written
