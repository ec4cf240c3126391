// The database's clock now: when a write's changes are recorded. A write reads it once,
// after it holds the locks on what it changes (graph/history/revisions.py), so the writes
// of one item are stamped in the order they commit; the transaction's own time
// (datetime.transaction()) is when it began, before it waited for those locks.
RETURN datetime.realtime() AS now
