// Store revisions' recorded states rewritten whole; each row is {seq, state}. The state
// says what it said; only its encoding changes.
// :param rows => [{seq: 1, state: '{"id":"tsmc"}'}]
UNWIND $rows AS row
MATCH (v:Revision {seq: row.seq})
SET v.state = row.state
RETURN count(v) AS stored
