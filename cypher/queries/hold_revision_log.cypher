// Hold the revision log's write lock until this transaction ends. Every write takes it
// last, to number its revisions, so none can commit meanwhile: the reads that follow in
// this transaction all see one moment. What a read of several queries falls back to when
// writes keep committing while it runs (graph/store/db.py, Graph.read), and what an export
// takes to see every write up to its head whole (graph/reads/pinned.py).
// (Before the first write there is no log, and nothing to wait for: no node is made.)
OPTIONAL MATCH (log:RevisionLog {id: 'revisions'})
SET log.last = coalesce(log.last, 0)
RETURN coalesce(log.last, 0) AS head
