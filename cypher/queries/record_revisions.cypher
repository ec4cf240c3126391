// Record one revision per row, numbered after every revision committed before. The
// :RevisionLog node's write lock is held until this transaction commits, so numbers are
// handed out in commit order: a reader of the change feed who has seen number n never
// later finds a new revision numbered below n. (Run last in a write, after its own locks.)
// :param at => '2026-03-01T12:00:00.000Z'
// :param by => 'seed'
// :param reason => null
// A merge's rows name what the merged item became (`merged_into`); others leave it out.
// :param rows => [{item: 'entity', item_id: 'example-firm', op: 'created', state: '{"id":"example-firm"}'}]
MERGE (log:RevisionLog {id: 'revisions'})
SET log.last = coalesce(log.last, 0) + size($rows)
WITH log.last - size($rows) AS base
UNWIND range(0, size($rows) - 1) AS i
CREATE (r:Revision {
  seq: base + i + 1, at: $at, by: $by, item: $rows[i].item, item_id: $rows[i].item_id,
  op: $rows[i].op, state: $rows[i].state, merged_into: $rows[i].merged_into
})
SET r.reason = $reason
RETURN count(r) AS written
