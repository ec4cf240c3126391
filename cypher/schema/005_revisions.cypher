// History: every write records one :Revision per item it changes, numbered in commit
// order by the one :RevisionLog node (see cypher/queries/record_revisions.cypher), and
// read back by item (history) or by number (the change feed).
CREATE CONSTRAINT revision_seq IF NOT EXISTS FOR (r:Revision) REQUIRE r.seq IS UNIQUE;
CREATE CONSTRAINT revision_log_id IF NOT EXISTS FOR (l:RevisionLog) REQUIRE l.id IS UNIQUE;
CREATE INDEX revision_item IF NOT EXISTS FOR (r:Revision) ON (r.item_id, r.item);
